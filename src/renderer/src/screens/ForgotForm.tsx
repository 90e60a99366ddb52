import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormAlert } from '../components/FormAlert'
import { ServerPicker } from '../components/ServerPicker'
import { FormActions } from '../components/FormActions'
import { TextField } from '../components/TextField'
import { compact, required, useForm } from '../hooks/useForm'
import { useReportDirty } from '../hooks/useReportDirty'
import { useApp } from '../store/provider'

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
  const { t } = useTranslation()
  const servers = useApp((s) => s.servers)
  const requestReset = useApp((s) => s.requestReset)
  const [serverId, setServerId] = useState(initialServer ?? servers[0]?.id ?? '')
  const [email, setEmail] = useState(initialEmail)
  const { attach, ...form } = useForm('requestReset', {
    values: { serverId, email },
    validate: () =>
      compact({
        serverId: serverId ? undefined : [t('fields.serverMissing')],
        email: required(email, t('forgot.emailMissing')),
      }),
    send: () => requestReset({ serverId, email }),
  })
  useReportDirty(email !== initialEmail)

  const { failure } = form
  const mayHaveSent = failure?.kind === 'timeout' && failure.mayHaveApplied
  return (
    <form ref={attach} className="form" noValidate onSubmit={form.submit}>
      <ServerPicker servers={servers} value={serverId} onChange={setServerId} errors={form.on('serverId')} />
      <TextField
        label={t('fields.email')}
        hint={t('forgot.emailHint')}
        type="email"
        inputMode="email"
        autoComplete="email"
        autoCapitalize="off"
        spellCheck={false}
        value={email}
        onChange={setEmail}
        errors={form.on('email')}
        maxLength={254}
        required
      />
      <FormAlert form={form} fields={['email', 'serverId']}>
        {mayHaveSent ? <p className="alert-message">{t('forgot.mayHaveSent')}</p> : null}
      </FormAlert>
      <FormActions form={form} busyLabel={t('form.sending')}>
        {submitLabel}
      </FormActions>
    </form>
  )
}
