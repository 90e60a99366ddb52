import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignInWith } from '../../../shared/backend-kinds'
import { BackToAccounts } from '../components/BackToAccounts'
import { FormAlert } from '../components/FormAlert'
import { PasswordField } from '../components/PasswordField'
import { ServerPicker } from '../components/ServerPicker'
import { StepHeading } from '../components/StepHeading'
import { FormActions } from '../components/FormActions'
import { TextField } from '../components/TextField'
import { DEFAULT_RULES } from '../password/checklist'
import { compact, required, useForm } from '../hooks/useForm'
import { useReportDirty } from '../hooks/useReportDirty'
import { useFocusFirstEmptyField } from '../hooks/useFocusFirstEmptyField'
import { useApp } from '../store/provider'
import type { SignInReason, SignInStep } from '../store/types'

/** The screen's heading for each reason to sign in (catalog keys). */
const TITLES: Record<SignInReason, string> = {
  add: 'signIn.title',
  'after-reset': 'signIn.titleNewPassword',
  'after-change': 'signIn.titleNewPassword',
  'session-expired': 'signIn.titleAgain',
  'may-have-applied': 'signIn.titleTryNew',
}

/** The name field as the server wants it: its label, input type and autofill hint (label and message: keys). */
const NAME_FIELDS = {
  username: {
    label: 'fields.username',
    type: 'text',
    autoComplete: 'username',
    missing: 'signIn.usernameMissing',
  },
  email: {
    label: 'fields.email',
    type: 'email',
    autoComplete: 'email',
    missing: 'signIn.emailMissing',
  },
  // django-allauth with both login methods: one field, either one.
  'username-or-email': {
    label: 'fields.usernameOrEmail',
    type: 'text',
    autoComplete: 'username',
    missing: 'signIn.usernameOrEmailMissing',
  },
} as const satisfies Record<
  SignInWith,
  { label: string; type: string; autoComplete: string; missing: string }
>

const INTROS: Partial<Record<SignInReason, string>> = {
  'after-reset': 'signIn.introAfterReset',
  'after-change': 'signIn.introAfterChange',
  'session-expired': 'signIn.introSessionEnded',
  'may-have-applied': 'signIn.introMayHaveApplied',
}

export function SignIn({ step }: { step: SignInStep }) {
  const { t } = useTranslation()
  const servers = useApp((s) => s.servers)
  const signIn = useApp((s) => s.signIn)
  const goHome = useApp((s) => s.goHome)
  const goForgot = useApp((s) => s.goForgot)
  const goAddServer = useApp((s) => s.goAddServer)
  const openSignInPage = useApp((s) => s.openSignInPage)
  const [serverId, setServerId] = useState(step.serverId ?? servers[0]?.id ?? '')
  const [username, setUsername] = useState(step.username)
  const [password, setPassword] = useState('')
  const server = servers.find((s) => s.id === serverId)
  const nameField = NAME_FIELDS[server?.signInWith ?? 'username']
  const { attach, ...form } = useForm('signIn', {
    values: { serverId, username, password },
    validate: () =>
      compact({
        serverId: serverId ? undefined : [t('fields.serverMissing')],
        username: required(username, t(nameField.missing)),
        password: password === '' ? [t('signIn.passwordMissing')] : undefined,
      }),
    send: () => signIn({ serverId, username: username.trim(), password }),
    cancel: () => goHome(),
  })
  useReportDirty(username !== step.username || password !== '')
  // Right after a reset the user has one thing to do: type the new password.
  const screenRef = useFocusFirstEmptyField<HTMLDivElement>(step.reason === 'after-reset')
  const maxLength = server?.passwordRules.maxLength ?? DEFAULT_RULES.maxLength

  if (servers.length === 0) {
    return (
      <div className="screen">
        <StepHeading>{t('signIn.title')}</StepHeading>
        <p>{t('signIn.noServer')}</p>
        <div className="actions">
          <button type="button" className="button button--primary" onClick={goAddServer}>
            {t('actions.addServer')}
          </button>
          <BackToAccounts />
        </div>
      </div>
    )
  }

  const intro = INTROS[step.reason]
  return (
    <div className="screen screen--narrow" ref={screenRef}>
      <StepHeading>{t(TITLES[step.reason])}</StepHeading>
      {intro ? <p className="lead">{t(intro)}</p> : null}
      <form ref={attach} className="form" noValidate onSubmit={form.submit} aria-label={t('signIn.title')}>
        <ServerPicker
          servers={servers}
          value={serverId}
          onChange={setServerId}
          errors={form.on('serverId')}
        />
        <TextField
          label={t(nameField.label)}
          type={nameField.type}
          autoComplete={nameField.autoComplete}
          autoCapitalize="off"
          spellCheck={false}
          value={username}
          onChange={setUsername}
          errors={form.on('username')}
          maxLength={254}
          required
        />
        <PasswordField
          label={t('fields.password')}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          maxLength={maxLength}
          errors={form.on('password')}
          required
        />
        <FormAlert form={form} fields={['username', 'password', 'serverId']} />
        {form.failure?.kind === 'auth' && form.failure.signInOnWebsite ? (
          <div className="actions">
            <button type="button" className="button" onClick={() => void openSignInPage(serverId)}>
              {t('signIn.openInBrowser')}
            </button>
          </div>
        ) : null}
        <FormActions form={form} busyLabel={t('signIn.busy')}>
          {t('signIn.submit')}
        </FormActions>
        <p className="form-footer">
          <button
            type="button"
            className="link-button"
            onClick={() => goForgot({ serverId: serverId || null })}
          >
            {t('actions.forgotPassword')}
          </button>
        </p>
      </form>
    </div>
  )
}
