import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField, type TextFieldProps } from './TextField'

export interface PasswordFieldProps extends Omit<
  TextFieldProps,
  'type' | 'addon' | 'autoComplete' | 'className'
> {
  autoComplete: 'new-password' | 'current-password'
  maxLength: number
}

/** An eye, open (the password is hidden: press to show it) or struck through (it is shown). */
function EyeIcon({ struck }: { struck: boolean }) {
  return (
    <svg
      className="field-toggle-icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
      <circle cx="12" cy="12" r="3" />
      {struck ? <path d="M4 4l16 16" /> : null}
    </svg>
  )
}

/**
 * A password input: a show/hide toggle inside the input's box (so password fields line up with the others),
 * paste allowed, no spellcheck or autocapitalisation, long passwords fine. The toggle is a toggle button: one
 * name ("Show password") and `aria-pressed` for its state, as the ARIA button pattern asks.
 */
export function PasswordField({ label, ...props }: PasswordFieldProps) {
  const { t } = useTranslation()
  const [visible, setVisible] = useState(false)
  const name = t('password.show', { field: label })
  return (
    <TextField
      {...props}
      label={label}
      type={visible ? 'text' : 'password'}
      className="input--with-toggle"
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      addon={
        <button
          type="button"
          className="field-toggle"
          aria-pressed={visible}
          aria-label={name}
          title={name}
          onClick={() => setVisible((v) => !v)}
        >
          <EyeIcon struck={visible} />
        </button>
      }
    />
  )
}
