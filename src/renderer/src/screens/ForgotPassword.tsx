import { BackToAccounts } from '../components/BackToAccounts'
import { StepHeading } from '../components/StepHeading'
import { useApp } from '../store/provider'
import { ForgotForm } from './ForgotForm'
import { PasteLink } from './PasteLink'
import { BackToAccountsFooter } from '../components/ScreenFooter'

/** Step 1 of the reset flow: which server, which e-mail address. */
export function ForgotPassword({ serverId, email }: { serverId: string | null; email: string }) {
  const servers = useApp((s) => s.servers)
  if (servers.length === 0) {
    return (
      <div className="screen">
        <StepHeading>Forgot password</StepHeading>
        <p>No server is set up yet.</p>
        <BackToAccounts />
      </div>
    )
  }
  return (
    <div className="screen screen--narrow">
      <StepHeading>Forgot password</StepHeading>
      <p className="lead">
        Enter the e-mail address of your account. The server sends you a link to choose a new password.
      </p>
      <ForgotForm serverId={serverId} email={email} submitLabel="Send me a link" />
      <section className="subsection" aria-labelledby="have-link">
        <h2 id="have-link" className="subsection-title">
          Already have the e-mail?
        </h2>
        <PasteLink />
      </section>
      <BackToAccountsFooter />
    </div>
  )
}
