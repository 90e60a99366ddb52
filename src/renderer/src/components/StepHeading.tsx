import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../store/provider'

/**
 * The step's heading. It takes focus when the step opens, so a screen reader starts reading there, and names the
 * window ("Forgot password – Account Desk"), in the app's language.
 */
export function StepHeading({ children, autoFocus = true }: { children: ReactNode; autoFocus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null)
  const { t, i18n } = useTranslation()
  const appName = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  useEffect(() => {
    if (autoFocus) ref.current?.focus()
  }, [autoFocus])
  useEffect(() => {
    const screen = ref.current?.textContent ?? ''
    document.title = screen ? t('app.windowTitle', { screen, name: appName }) : appName
  }, [children, appName, t, i18n.language])
  return (
    <h1 ref={ref} tabIndex={-1} className="step-heading">
      {children}
    </h1>
  )
}
