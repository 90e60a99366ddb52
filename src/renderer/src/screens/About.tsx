import { useState } from 'react'
import { BackToAccountsFooter } from '../components/ScreenFooter'
import { StepHeading } from '../components/StepHeading'
import type { Screen } from '../store/types'

type AboutScreen = Extract<Screen, { flow: 'about' }>

/**
 * About / diagnostics: what IT asks for when something goes wrong (versions, OS, policy, servers by origin,
 * how sign-ins are kept, the last log lines), as one text to read and copy. Main builds the text; nothing in it
 * is a password, token, cookie or link.
 */
export function About({ screen }: { screen: AboutScreen }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const text = screen.diagnostics?.text ?? null
  const copy = async () => {
    if (text === null) return
    try {
      await navigator.clipboard.writeText(text)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <div className="screen">
      <StepHeading>About and diagnostics</StepHeading>
      {screen.unavailable ? (
        <div role="alert" className="alert alert--error">
          <p>The diagnostics could not be read. Try again in a moment.</p>
        </div>
      ) : text === null ? (
        <p>Reading…</p>
      ) : (
        <>
          <p className="lead">
            If you ask your IT team for help, send them this. It holds no password, no token and no link.
            {screen.diagnostics?.logFile ? ` The full log is in ${screen.diagnostics.logFile}.` : ''}
          </p>
          <pre className="diagnostics" tabIndex={0} aria-label="Diagnostics">
            {text}
          </pre>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => void copy()}>
              Copy diagnostics
            </button>
            <p role="status" className="field-hint">
              {copied === 'yes'
                ? 'Copied.'
                : copied === 'failed'
                  ? 'Copying was not allowed: select the text above and copy it.'
                  : ''}
            </p>
          </div>
        </>
      )}
      <BackToAccountsFooter />
    </div>
  )
}
