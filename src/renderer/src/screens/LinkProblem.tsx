import { StepHeading } from '../components/StepHeading'
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
        <p>{step.message}</p>
        <p>
          A link works once, and only for a few days. Signing in or changing the password or e-mail address
          also ends it.
        </p>
      </div>
      <section className="subsection" aria-labelledby="new-link-title">
        <h2 id="new-link-title" className="subsection-title">
          Send a new link
        </h2>
        <ForgotForm serverId={step.serverId} email={step.email} submitLabel="Send a new link" />
      </section>
      <BackToAccountsFooter />
    </div>
  )
}
