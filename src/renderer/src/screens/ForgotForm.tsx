import { useRef, useState, type FormEvent } from 'react'
import { ErrorAlert } from '../components/ErrorAlert'
import { ServerPicker } from '../components/ServerPicker'
import { SubmitButton } from '../components/SubmitButton'
import { TextField } from '../components/TextField'
import { useFailure, useRateLimitUntil } from '../hooks/useFailure'
import { useReportDirty } from '../hooks/useReportDirty'
import { useSecondsLeft } from '../hooks/useSecondsLeft'
import { useApp } from '../store/provider'
import { compact, required, useFormErrors } from './useFormErrors'

/** Server + e-mail → "send me a link". On "forgot password" and, prefilled, on the link-problem screen. */
export function ForgotForm({
  serverId: initialServer,
  email: initialEmail,
  submitLabel,
}: {
  serverId: string | null
  email: string
  submitLabel: string
}) {
  const servers = useApp((s) => s.servers)
  const pending = useApp((s) => s.pending)
  const requestReset = useApp((s) => s.requestReset)
  const failure = useFailure('requestReset')
  const wait = useSecondsLeft(useRateLimitUntil('requestReset'))
  const [serverId, setServerId] = useState(initialServer ?? servers[0]?.id ?? '')
  const [email, setEmail] = useState(initialEmail)
  const form = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(form, failure)
  useReportDirty(email !== initialEmail)

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (pending || wait > 0) return
    const local = compact({
      serverId: serverId ? undefined : ['Choose a server.'],
      email: required(email, 'Enter the e-mail address of your account.'),
    })
    errors.setLocal(local)
    if (local) return
    void requestReset({ serverId, email })
  }

  const mayHaveSent = failure?.kind === 'timeout' && failure.mayHaveApplied
  return (
    <form ref={form} className="form" noValidate onSubmit={submit}>
      <ServerPicker
        servers={servers}
        value={serverId}
        onChange={setServerId}
        errors={errors.on('serverId')}
      />
      <TextField
        label="E-mail address"
        hint="The address your account on this server uses."
        type="email"
        inputMode="email"
        autoComplete="email"
        autoCapitalize="off"
        spellCheck={false}
        value={email}
        onChange={setEmail}
        errors={errors.on('email')}
        maxLength={254}
        required
      />
      <ErrorAlert
        error={errors.hasLocal ? null : failure}
        fields={['email', 'serverId']}
        onRetry={() => submit()}
        waitSeconds={wait}
      >
        {mayHaveSent ? (
          <p className="alert-message">
            The e-mail may already be on its way. Check your mail before asking for another link.
          </p>
        ) : null}
      </ErrorAlert>
      <div className="actions">
        <SubmitButton busy={pending === 'requestReset'} busyLabel="Sending…" waitSeconds={wait}>
          {submitLabel}
        </SubmitButton>
      </div>
    </form>
  )
}
