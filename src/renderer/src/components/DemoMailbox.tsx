import { useId } from 'react'
import { formatDateTime } from '../format'
import { useFailure } from '../hooks/useFailure'
import { useApp } from '../store/provider'
import { ErrorAlert } from './ErrorAlert'

/**
 * The demo server's mailbox, inside the app. The mail text never holds the link (main replaced it with
 * "[reset link]"); "Open the reset link" asks main to hand the link over through onLink, like a mail client would.
 */
export function DemoMailbox() {
  const id = useId()
  const running = useApp((s) => s.info?.demo.running ?? false)
  const mail = useApp((s) => s.mail)
  const pending = useApp((s) => s.pending)
  const open = useApp((s) => s.openDemoMailLink)
  const error = useFailure('openDemoMail')
  if (!running) return null
  return (
    <aside className="mailbox" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="mailbox-title">
        Demo mailbox
      </h2>
      <p className="muted small">Mail the demo server sends arrives here.</p>
      <ErrorAlert error={error} />
      {mail.length === 0 ? (
        <p className="mailbox-empty">
          No mail yet. Ask for a reset link on the demo server and it arrives here.
        </p>
      ) : (
        <ol className="mail-list">
          {mail.map((m) => (
            <li key={m.id} className="mail">
              <article aria-labelledby={`${id}-${m.id}`}>
                <h3 id={`${id}-${m.id}`} className="mail-subject">
                  {m.subject}
                </h3>
                <p className="mail-meta">
                  To {m.to} · <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>
                </p>
                <details className="mail-body">
                  <summary>Read the message</summary>
                  <pre className="mail-text">{m.text}</pre>
                </details>
                {m.hasLink ? (
                  <button
                    type="button"
                    className="button"
                    aria-label={`Open the reset link in “${m.subject}”`}
                    aria-busy={pending === 'openDemoMail' || undefined}
                    aria-disabled={pending !== null || undefined}
                    onClick={() => {
                      if (pending === null) void open(m.id)
                    }}
                  >
                    Open the reset link
                  </button>
                ) : null}
              </article>
            </li>
          ))}
        </ol>
      )}
    </aside>
  )
}
