import { MessageText } from '../errors/MessageText'
import { StepHeading } from '../components/StepHeading'
import { formatAge, formatDateTime } from '../format'
import type { ResetStep } from '../store/types'
import { ForgotForm } from './ForgotForm'
import { BackToAccountsFooter } from '../components/ScreenFooter'

type Problem = Extract<ResetStep, { name: 'problem' }>

/** Step 7: expired, used or replaced links are one state, with "send a new link" prefilled. */
export function LinkProblem({ step }: { step: Problem }) {
  return (
    <div className="screen screen--narrow">
      <StepHeading>This link can’t be used</StepHeading>
      <div className="problem-panel">
        <p>
          <MessageText message={step.message} />
        </p>
        {step.usedHereAt ? (
          <p>
            You used it here on <time dateTime={step.usedHereAt}>{formatDateTime(step.usedHereAt)}</time> (
            {formatAge(step.usedHereAt)}). A link works only once.
          </p>
        ) : step.issuedAt ? (
          <p>
            This link was sent {formatAge(step.issuedAt)}. A link works once, until the server’s time limit; a
            newer link, signing in, or a new password or e-mail address also ends it.
          </p>
        ) : (
          <p>
            A link works once, until the server’s time limit; a newer link, signing in, or a new password or
            e-mail address also ends it.
          </p>
        )}
      </div>
      <section className="subsection" aria-label="A new link">
        <p>The server can e-mail you a new one.</p>
        <ForgotForm serverId={step.serverId} email={step.email} submitLabel="Send a new link" />
      </section>
      <BackToAccountsFooter />
    </div>
  )
}
