import { useState } from 'react'
import { ErrorAlert } from '../components/ErrorAlert'
import { NewPasswordFields, newPasswordErrors } from '../components/NewPasswordFields'
import { LinkFor } from '../components/LinkFor'
import { StepHeading } from '../components/StepHeading'
import { FormActions } from '../components/FormActions'
import { formatAge, formatDateTime } from '../format'
import { DEFAULT_RULES } from '../password/checklist'
import { compact, useForm } from '../hooks/useForm'
import { useReportDirty } from '../hooks/useReportDirty'
import { useFocusFirstEmptyField } from '../hooks/useFocusFirstEmptyField'
import { useApp } from '../store/provider'
import type { ResetStep } from '../store/types'
import { TrySignInWithNewPassword } from '../components/ScreenFooter'

type Arrived = Extract<ResetStep, { name: 'arrived' }>
type Checking = Extract<ResetStep, { name: 'checking' }>
type Form = Extract<ResetStep, { name: 'form' }>

/**
 * A link came from outside for a server that can tell whether it is still good: nothing has been asked of the
 * server yet. Opening it (one click) checks it and shows the form; a link never makes a request by itself.
 */
export function LinkArrived({ step }: { step: Arrived }) {
  const openLink = useApp((s) => s.openArrivedLink)
  const cancel = useApp((s) => s.cancelReset)
  const { link } = step
  return (
    <div className="screen screen--narrow">
      <StepHeading>A reset link arrived</StepHeading>
      <p className="lead">
        <LinkFor link={link} /> has been opened. Account Desk has not contacted the server yet.
      </p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={openLink}>
          Open the reset form
        </button>
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}

/** While the server is asked whether the link is still good (Django's views can tell). */
export function CheckingLink({ step }: { step: Checking }) {
  const cancel = useApp((s) => s.cancelReset)
  return (
    <div className="screen screen--narrow">
      <StepHeading>Checking your link…</StepHeading>
      <p className="lead" role="status">
        <span className="spinner" aria-hidden="true" /> Asking {step.link.serverName} whether the link can
        still be used.
      </p>
      <button type="button" className="button" onClick={cancel}>
        Cancel
      </button>
    </div>
  )
}

/** Step 4: the link's server and age, the new password twice with the live checklist. Nothing is sent unasked. */
export function ResetFromLink({ step }: { step: Form }) {
  const { link } = step
  const server = useApp((s) => s.servers.find((x) => x.id === link.serverId))
  const account = useApp((s) =>
    s.accounts.find((a) => a.serverId === link.serverId && a.username === link.accountHint),
  )
  const confirmReset = useApp((s) => s.confirmReset)
  const cancelReset = useApp((s) => s.cancelReset)
  const [newPassword, setNewPassword] = useState('')
  const [retypePassword, setRetypePassword] = useState('')
  const { attach, ...form } = useForm('confirmReset', {
    values: { newPassword, retypePassword },
    validate: () => compact(newPasswordErrors(newPassword, retypePassword)),
    send: () => confirmReset({ newPassword, retypePassword }),
    cancel: cancelReset,
  })
  useReportDirty(newPassword !== '' || retypePassword !== '')
  const screenRef = useFocusFirstEmptyField<HTMLDivElement>()
  const rules = server?.passwordRules ?? DEFAULT_RULES

  const { failure } = form
  const mayHaveApplied = failure?.kind === 'timeout' && failure.mayHaveApplied
  return (
    <div className="screen screen--narrow" ref={screenRef}>
      <StepHeading>Choose a new password</StepHeading>
      <dl className="facts">
        <dt>Server</dt>
        <dd>
          {link.serverName}
          {server ? <span className="muted"> · {server.host}</span> : null}
        </dd>
        {link.accountHint ? (
          <>
            <dt>Account</dt>
            <dd>{link.accountHint}</dd>
          </>
        ) : null}
        {link.issuedAt ? (
          <>
            <dt>Link sent</dt>
            <dd>
              <time dateTime={link.issuedAt}>{formatDateTime(link.issuedAt)}</time>{' '}
              <span className="muted">({formatAge(link.issuedAt)})</span>
            </dd>
          </>
        ) : null}
      </dl>
      {step.linkStatus === 'unknown' ? (
        <p className="note">The link could not be checked just now. The server will tell when you submit.</p>
      ) : step.linkStatus === 'not-checked' ? (
        <p className="note">
          {link.serverName} checks the link only when you submit. If it was already used or a newer one was
          sent, you will hear it then.
        </p>
      ) : null}
      <form ref={attach} className="form" noValidate onSubmit={form.submit}>
        <NewPasswordFields
          newPassword={newPassword}
          retypePassword={retypePassword}
          onNewPassword={setNewPassword}
          onRetypePassword={setRetypePassword}
          rules={rules}
          username={link.accountHint}
          email={account?.email}
          newErrors={form.on('newPassword')}
          retypeErrors={form.on('retypePassword')}
        />
        <ErrorAlert
          error={form.alertError}
          fields={['newPassword', 'retypePassword']}
          onRetry={() => form.submit()}
          waitSeconds={form.wait}
        >
          {mayHaveApplied ? (
            <TrySignInWithNewPassword serverId={link.serverId} username={link.accountHint ?? ''} />
          ) : null}
        </ErrorAlert>
        <FormActions form={form} busyLabel="Setting the password…">
          Set the new password
        </FormActions>
      </form>
    </div>
  )
}
