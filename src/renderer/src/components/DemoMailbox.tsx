import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../format'
import { useFailure } from '../hooks/useFailure'
import { useApp } from '../store/provider'
import { ErrorAlert } from './ErrorAlert'

/** The id the top bar's mailbox button jumps to (the mailbox sits under the form on narrow windows). */
export const MAILBOX_ID = 'demo-mailbox'

/**
 * The demo server's mailbox, inside the app, shown as a mail client would: the text with its link, a button that
 * opens the link (main hands it over through onLink, as the OS would) and one that copies it (to try the paste
 * flow). The newest mail is marked, and so is a link that no longer works. Demo links only: the demo server runs
 * on this computer and its links reset nothing else.
 */
export function DemoMailbox() {
  const { t } = useTranslation()
  const id = useId()
  const running = useApp((s) => s.info?.demo.running ?? false)
  const mail = useApp((s) => s.mail)
  const pending = useApp((s) => s.pending)
  const open = useApp((s) => s.openDemoMailLink)
  const error = useFailure('openDemoMail')
  const [copied, setCopied] = useState<string | null>(null)
  if (!running) return null
  const copy = async (mailId: string, link: string) => {
    try {
      await navigator.clipboard.writeText(link)
      setCopied(mailId)
    } catch {
      setCopied(null)
    }
  }
  return (
    <aside id={MAILBOX_ID} className="mailbox" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`} className="mailbox-title">
        {t('mailbox.title')}
      </h2>
      <p className="muted small">{t('mailbox.intro')}</p>
      <ErrorAlert error={error} />
      {mail.length === 0 ? (
        <p className="mailbox-empty">{t('mailbox.empty')}</p>
      ) : (
        <ol className="mail-list">
          {mail.map((m, index) => {
            const dead = m.linkWorks === false
            return (
              <li
                key={m.id}
                className={`mail${index === 0 ? ' mail--newest' : ''}${dead ? ' mail--used' : ''}`}
              >
                <article aria-labelledby={`${id}-${m.id}`}>
                  <h3 id={`${id}-${m.id}`} className="mail-subject">
                    <span data-server-text="">{m.subject}</span>
                    {index === 0 && mail.length > 1 ? (
                      <span className="badge badge--accent">{t('mailbox.newest')}</span>
                    ) : null}
                  </h3>
                  <p className="mail-meta">
                    {t('mailbox.from')} · {t('mailbox.to')} <span data-server-text="">{m.to}</span> ·{' '}
                    <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>
                  </p>
                  <pre className="mail-text" data-server-text="">
                    {m.text}
                  </pre>
                  {dead ? <p className="mail-state">{t('mailbox.dead')}</p> : null}
                  {m.hasLink ? (
                    <div className="actions">
                      <button
                        type="button"
                        className={`button${dead ? '' : ' button--primary'}`}
                        aria-label={t('mailbox.openIn', { subject: m.subject })}
                        aria-busy={pending === 'openDemoMail' || undefined}
                        aria-disabled={pending !== null || undefined}
                        onClick={() => {
                          if (pending === null) void open(m.id)
                        }}
                      >
                        {t('mailbox.open')}
                      </button>
                      {m.link ? (
                        <button
                          type="button"
                          className="button"
                          aria-label={t('mailbox.copyIn', { subject: m.subject })}
                          onClick={() => void copy(m.id, m.link ?? '')}
                        >
                          {copied === m.id ? t('mailbox.copied') : t('mailbox.copy')}
                        </button>
                      ) : null}
                    </div>
                  ) : null}
                </article>
              </li>
            )
          })}
        </ol>
      )}
      <p className="visually-hidden" role="status">
        {copied ? t('mailbox.linkCopied') : ''}
      </p>
    </aside>
  )
}
