import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The form's primary button. While its request runs it is busy (aria-busy) and refuses clicks, keeping focus;
 * while a wait lasts (rate limit, cooldown) it refuses clicks too and says how long.
 */
export function SubmitButton({
  busy,
  busyLabel,
  waitSeconds = 0,
  children,
  disabled = false,
  primary = true,
}: {
  busy: boolean
  busyLabel: string
  waitSeconds?: number
  children: ReactNode
  disabled?: boolean
  /** One primary button per screen; a second form's button is secondary. */
  primary?: boolean
}) {
  const { t } = useTranslation()
  // aria-disabled rather than disabled: the button keeps focus (a disabled button drops it to the page).
  const blocked = busy || disabled || waitSeconds > 0
  return (
    <button
      type="submit"
      className={`button${primary ? ' button--primary' : ''}`}
      aria-busy={busy || undefined}
      aria-disabled={blocked || undefined}
      onClick={(event) => {
        if (blocked) event.preventDefault()
      }}
    >
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {busyLabel}
        </>
      ) : waitSeconds > 0 ? (
        <>
          {children} <span className="button-wait">{t('form.wait', { count: waitSeconds })}</span>
        </>
      ) : (
        children
      )}
    </button>
  )
}
