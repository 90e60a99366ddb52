import { useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { DATA } from '../i18n/markup'
import { BackToAccounts } from '../components/BackToAccounts'
import { FormAlert } from '../components/FormAlert'
import { NewPasswordFields } from '../components/NewPasswordFields'
import { PasswordField } from '../components/PasswordField'
import { StepHeading } from '../components/StepHeading'
import { OtherSessionsNote } from '../components/OtherSessionsNote'
import { FormActions } from '../components/FormActions'
import { DEFAULT_RULES } from '../password/checklist'
import { compact, useForm } from '../hooks/useForm'
import { useReportDirty } from '../hooks/useReportDirty'
import { useNewPassword } from '../hooks/useNewPassword'
import { useApp } from '../store/provider'
import type { ChangeStep } from '../store/types'
import { SignInWithNewPassword } from '../components/ScreenFooter'

type Form = Extract<ChangeStep, { name: 'form' }>
type Done = Extract<ChangeStep, { name: 'done' }>

/** A signed-in account: current password, the new one twice, the same checklist. */
export function ChangePassword({ step }: { step: Form }) {
  const { t } = useTranslation()
  const appName = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  const account = useApp((s) => s.accounts.find((a) => a.id === step.accountId))
  const server = useApp((s) => s.servers.find((x) => x.id === account?.serverId))
  const changePassword = useApp((s) => s.changePassword)
  const goHome = useApp((s) => s.goHome)
  const goSignIn = useApp((s) => s.goSignIn)
  const [currentPassword, setCurrentPassword] = useState('')
  const pair = useNewPassword()
  const { newPassword, retypePassword } = pair
  const { attach, ...form } = useForm('changePassword', {
    values: { currentPassword, newPassword, retypePassword },
    validate: () =>
      compact({
        currentPassword: currentPassword === '' ? [t('change.currentMissing')] : undefined,
        ...pair.check(),
      }),
    send: () => changePassword({ currentPassword, newPassword, retypePassword }),
    cancel: () => goHome(),
  })
  useReportDirty(currentPassword !== '' || pair.typed)
  const rules = server?.passwordRules ?? DEFAULT_RULES

  if (!account) {
    return (
      <div className="screen">
        <StepHeading>{t('change.title')}</StepHeading>
        <p>{t('change.accountGone', { name: appName })}</p>
        <BackToAccounts />
      </div>
    )
  }

  const signInAgain = () =>
    goSignIn({ serverId: account.serverId, username: account.username, reason: 'session-expired' })
  const { failure } = form
  const mayHaveApplied = failure?.kind === 'timeout' && failure.mayHaveApplied
  const sessionEnded = failure?.kind === 'auth' && failure.sessionExpired
  return (
    <div className="screen screen--narrow">
      <StepHeading>{t('change.title')}</StepHeading>
      <p className="lead">
        <Trans
          t={t}
          i18nKey="change.for"
          values={{ username: account.username, server: server?.displayName ?? account.serverId }}
          components={DATA}
        />
      </p>
      <form ref={attach} className="form" noValidate onSubmit={form.submit}>
        <PasswordField
          label={t('change.current')}
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
          maxLength={rules.maxLength}
          errors={form.on('currentPassword')}
          required
        />
        <NewPasswordFields
          {...pair.fieldsOf(form)}
          rules={rules}
          username={account.username}
          email={account.email}
        />
        <FormAlert form={form} fields={['currentPassword', 'newPassword', 'retypePassword']}>
          {sessionEnded ? (
            <button type="button" className="button button--primary" onClick={signInAgain}>
              {t('signIn.titleAgain')}
            </button>
          ) : null}
          {mayHaveApplied ? (
            <SignInWithNewPassword
              serverId={account.serverId}
              username={account.username}
              reason="may-have-applied"
            />
          ) : null}
        </FormAlert>
        <FormActions form={form} busyLabel={t('change.busy')}>
          {t('change.submit')}
        </FormActions>
      </form>
    </div>
  )
}

/** The change went through: say so, and what happened to other sessions. */
export function ChangeDone({ step }: { step: Done }) {
  const { t } = useTranslation()
  const account = useApp((s) => s.accounts.find((a) => a.id === step.accountId))
  const server = useApp((s) => s.servers.find((x) => x.id === account?.serverId))
  return (
    <div className="screen screen--narrow">
      <StepHeading>{t('change.doneTitle')}</StepHeading>
      <div className="success-panel">
        <p>
          {account ? (
            <Trans
              t={t}
              i18nKey="change.doneFor"
              values={{ username: account.username, server: server?.displayName ?? account.serverId }}
              components={DATA}
            />
          ) : (
            t('change.doneAccount')
          )}{' '}
          {step.stillSignedIn ? t('change.stillSignedIn') : t('change.signedOutHere')}
        </p>
        <OtherSessionsNote message={step.otherSessions} />
      </div>
      <div className="actions">
        {!step.stillSignedIn && account ? (
          <SignInWithNewPassword
            serverId={account.serverId}
            username={account.username}
            reason="after-change"
          />
        ) : null}
        <BackToAccounts />
      </div>
    </div>
  )
}
