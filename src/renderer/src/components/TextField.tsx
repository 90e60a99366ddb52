import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react'
import { useTranslation } from 'react-i18next'

export interface TextFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'onChange' | 'value' | 'id' | 'children'
> {
  label: string
  value: string
  onChange: (value: string) => void
  /** Help shown under the label, read with the field. */
  hint?: ReactNode
  /** Messages from the server or the form, shown on the field and read with it. */
  errors?: readonly string[]
  /** More ids the field is described by (a checklist, a meter). */
  describedBy?: string
  /** Something next to the input (the show-password button). */
  addon?: ReactNode
  inputRef?: Ref<HTMLInputElement>
}

/** A labelled input with its hint and its errors, all tied to it with aria-describedby. */
export function TextField({
  label,
  value,
  onChange,
  hint,
  errors = [],
  describedBy,
  addon,
  inputRef,
  className,
  ...input
}: TextFieldProps) {
  const { t } = useTranslation()
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors.length > 0 ? `${id}-error` : undefined
  const described = [errorId, hintId, describedBy].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${errors.length > 0 ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint ? (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      ) : null}
      <div className="field-control">
        <input
          {...input}
          id={id}
          ref={inputRef}
          className={`input${className ? ` ${className}` : ''}`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={described}
        />
        {addon}
      </div>
      {errors.length > 0 ? (
        <ul id={errorId} className="field-errors">
          {errors.map((message) => (
            <li key={message}>
              <span className="visually-hidden">{t('fields.errorPrefix')} </span>
              {message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
