import { useState } from 'react'
import type { SignInWith } from '../../../shared/backend-kinds'
import { BackToAccounts } from '../components/BackToAccounts'
import { ErrorAlert } from '../components/ErrorAlert'
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

const TITLES: Record<SignInReason, string> = {
  add: 'Sign in',
  'after-reset': 'Sign in with your new password',
  'after-change': 'Sign in with your new password',
  'session-expired': 'Sign in again',
  'may-have-applied': 'Try your new password',
}

/** The name field as the server wants it: its label, input type and autofill hint. */
const NAME_FIELDS = {
  username: { label: 'Username', type: 'text', autoComplete: 'username', missing: 'Enter your username.' },
  email: {
    label: 'E-mail address',
    type: 'email',
    autoComplete: 'email',
    missing: 'Enter your e-mail address.',
  },
  // django-allauth with both login methods: one field, either one.
  'username-or-email': {
    label: 'Username or e-mail',
    type: 'text',
    autoComplete: 'username',
    missing: 'Enter your username or e-mail address.',
  },
} as const satisfies Record<
  SignInWith,
  { label: string; type: string; autoComplete: string; missing: string }
>

const INTROS: Partial<Record<SignInReason, string>> = {
  'after-reset': 'Your password was reset. Sign in with the new one.',
  'after-change': 'Your password was changed. Sign in with the new one.',
  'session-expired': 'Your session on this server has ended.',
  'may-have-applied':
    'The server did not confirm in time, but your new password may have been set. Try it here; if it is refused, your old password still works.',
}

export function SignIn({ step }: { step: SignInStep }) {
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
        serverId: serverId ? undefined : ['Choose a server.'],
        username: required(username, nameField.missing),
        password: password === '' ? ['Enter your password.'] : undefined,
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
        <StepHeading>Sign in</StepHeading>
        <p>No server is set up yet. Add your organisation’s server first.</p>
        <div className="actions">
          <button type="button" className="button button--primary" onClick={goAddServer}>
            Add a server
          </button>
          <BackToAccounts />
        </div>
      </div>
    )
  }

  const intro = INTROS[step.reason]
  return (
    <div className="screen screen--narrow" ref={screenRef}>
      <StepHeading>{TITLES[step.reason]}</StepHeading>
      {intro ? <p className="lead">{intro}</p> : null}
      <form ref={attach} className="form" noValidate onSubmit={form.submit} aria-label="Sign in">
        <ServerPicker
          servers={servers}
          value={serverId}
          onChange={setServerId}
          errors={form.on('serverId')}
        />
        <TextField
          label={nameField.label}
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
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          maxLength={maxLength}
          errors={form.on('password')}
          required
        />
        <ErrorAlert
          error={form.alertError}
          fields={['username', 'password', 'serverId']}
          onRetry={() => form.submit()}
          waitSeconds={form.wait}
        />
        {form.failure?.kind === 'auth' && form.failure.signInOnWebsite ? (
          <div className="actions">
            <button type="button" className="button" onClick={() => void openSignInPage(serverId)}>
              Open the sign-in page in your browser
            </button>
          </div>
        ) : null}
        <FormActions form={form} busyLabel="Signing in…">
          Sign in
        </FormActions>
        <p className="form-footer">
          <button
            type="button"
            className="link-button"
            onClick={() => goForgot({ serverId: serverId || null })}
          >
            Forgot password
          </button>
        </p>
      </form>
    </div>
  )
}
