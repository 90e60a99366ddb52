import { StepHeading } from '../components/StepHeading'
import { ErrorAlert } from '../components/ErrorAlert'
import { useFailure, useRateLimitUntil } from '../hooks/useFailure'
import { useSecondsLeft } from '../hooks/useSecondsLeft'
import { useApp } from '../store/provider'
import type { ResetStep } from '../store/types'
import { PasteLink } from './PasteLink'
import { BackToAccountsFooter } from '../components/ScreenFooter'

type Sent = Extract<ResetStep, { name: 'sent' }>

/**
 * Step 2: the same words whatever the address (the app never learns whether the account exists), "send again"
 * after a cooldown, and the paste field.
 */
export function CheckMail({ step }: { step: Sent }) {
  const server = useApp((s) => s.servers.find((x) => x.id === step.serverId))
  const pending = useApp((s) => s.pending)
  const resend = useApp((s) => s.resend)
  const failure = useFailure('resend')
  const rateLimit = useRateLimitUntil('resend')
  const wait = useSecondsLeft(Math.max(step.resendAt, rateLimit ?? 0))
  const busy = pending === 'resend'
  return (
    <div className="screen screen--narrow">
      <StepHeading>Check your mail</StepHeading>
      <p className="lead">
        If an account on <strong>{server?.displayName ?? 'the server'}</strong> uses{' '}
        <strong>{step.email}</strong>, a message with a link to choose a new password is on its way to that
        address.
      </p>
      <ul className="steps-list">
        <li>Open the message and click the link: Account Desk opens the form to choose a new password.</li>
        <li>No message after a few minutes? Check your spam folder and the address above.</li>
        {server?.demo ? (
          <li>This is the demo server: its mail arrives in the Demo mailbox on this screen.</li>
        ) : null}
      </ul>
      <div className="resend">
        <ErrorAlert error={failure} fields={['email']} waitSeconds={wait} />
        <button
          type="button"
          className="button"
          aria-busy={busy || undefined}
          aria-disabled={busy || wait > 0 || undefined}
          onClick={() => {
            if (!busy && wait === 0) void resend()
          }}
        >
          {busy ? 'Sending…' : 'Send the e-mail again'}
          {!busy && wait > 0 ? (
            <>
              {' '}
              <span className="button-wait">(in {wait} s)</span>
            </>
          ) : null}
        </button>
      </div>
      <section className="subsection" aria-labelledby="paste-title">
        <h2 id="paste-title" className="subsection-title">
          Got the e-mail?
        </h2>
        <PasteLink />
      </section>
      <BackToAccountsFooter />
    </div>
  )
}
