import { MessageText } from '../errors/MessageText'
import { BackToAccounts } from '../components/BackToAccounts'
import { StepHeading } from '../components/StepHeading'
import { useApp } from '../store/provider'
import type { ResetStep } from '../store/types'

type Done = Extract<ResetStep, { name: 'done' }>

/** Step 6: success, what happened to other sessions, and "sign in with the new password" (never automatic). */
export function ResetDone({ step }: { step: Done }) {
  const server = useApp((s) => s.servers.find((x) => x.id === step.serverId))
  const goSignIn = useApp((s) => s.goSignIn)
  return (
    <div className="screen screen--narrow">
      <StepHeading>Your password has been reset</StepHeading>
      <div className="success-panel">
        <p>
          The new password for {step.username ? <strong>{step.username}</strong> : 'your account'} on{' '}
          <strong>{server?.displayName ?? 'the server'}</strong> is set.
        </p>
        {step.otherSessions ? (
          <p>
            <MessageText message={step.otherSessions} />
          </p>
        ) : null}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() =>
            goSignIn({ serverId: step.serverId, username: step.username, reason: 'after-reset' })
          }
        >
          Sign in with the new password
        </button>
        <BackToAccounts />
      </div>
    </div>
  )
}
