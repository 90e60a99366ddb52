import { Trans, useTranslation } from 'react-i18next'
import { FormAlert } from '../components/FormAlert'
import { NewPasswordFields } from '../components/NewPasswordFields'
import { LinkFor } from '../components/LinkFor'
import { DATA } from '../i18n/markup'
import { StepHeading } from '../components/StepHeading'
import { FormActions } from '../components/FormActions'
import { formatAge, formatDateTime } from '../format'
import { DEFAULT_RULES } from '../password/checklist'
import { compact, useForm } from '../hooks/useForm'
import { useReportDirty } from '../hooks/useReportDirty'
import { useNewPassword } from '../hooks/useNewPassword'
import { useFocusFirstEmptyField } from '../hooks/useFocusFirstEmptyField'
import { useApp } from '../store/provider'
import type { ResetStep } from '../store/types'
import { SignInWithNewPassword } from '../components/ScreenFooter'

type Arrived = Extract<ResetStep, { name: 'arrived' }>
type Checking = Extract<ResetStep, { name: 'checking' }>
type Form = Extract<ResetStep, { name: 'form' }>

/**
 * A link came from outside for a server that can tell whether it is still good: nothing has been asked of the
 * server yet. Opening it (one click) checks it and shows the form; a link never makes a request by itself.
 */
export function LinkArrived({ step }: { step: Arrived }) {
  const { t } = useTranslation()
  const appName = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  const openLink = useApp((s) => s.openArrivedLink)
  const cancel = useApp((s) => s.cancelReset)
  const { link } = step
  return (
    <div className="screen screen--narrow">
      <StepHeading>{t('link.arrivedTitle')}</StepHeading>
      <p className="lead">
        <LinkFor
          link={link}
          sentence={{ plain: 'link.arrived', withAccount: 'link.arrivedAccount' }}
          values={{ name: appName }}
        />
      </p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={openLink}>
          {t('link.openForm')}
        </button>
        <button type="button" className="button" onClick={cancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </div>
  )
}

/** While the server is asked whether the link is still good (Django's views can tell). */
export function CheckingLink({ step }: { step: Checking }) {
  const { t } = useTranslation()
  const cancel = useApp((s) => s.cancelReset)
  return (
    <div className="screen screen--narrow">
      <StepHeading>{t('link.checkingTitle')}</StepHeading>
      <p className="lead" role="status">
        <span className="spinner" aria-hidden="true" />{' '}
        <Trans t={t} i18nKey="link.checking" values={{ server: step.link.serverName }} components={DATA} />
      </p>
      <button type="button" className="button" onClick={cancel}>
        {t('actions.cancel')}
      </button>
    </div>
  )
}

/** Step 4: the link's server and age, the new password twice with the live checklist. Nothing is sent unasked. */
export function ResetFromLink({ step }: { step: Form }) {
  const { t } = useTranslation()
  const { link } = step
  const server = useApp((s) => s.servers.find((x) => x.id === link.serverId))
  const account = useApp((s) =>
    s.accounts.find((a) => a.serverId === link.serverId && a.username === link.accountHint),
  )
  const confirmReset = useApp((s) => s.confirmReset)
  const cancelReset = useApp((s) => s.cancelReset)
  const pair = useNewPassword()
  const { newPassword, retypePassword } = pair
  const { attach, ...form } = useForm('confirmReset', {
    values: { newPassword, retypePassword },
    validate: () => compact(pair.check()),
    send: () => confirmReset({ newPassword, retypePassword }),
    cancel: cancelReset,
  })
  useReportDirty(pair.typed)
  const screenRef = useFocusFirstEmptyField<HTMLDivElement>()
  const rules = server?.passwordRules ?? DEFAULT_RULES

  const { failure } = form
  const mayHaveApplied = failure?.kind === 'timeout' && failure.mayHaveApplied
  return (
    <div className="screen screen--narrow" ref={screenRef}>
      <StepHeading>{t('link.formTitle')}</StepHeading>
      <dl className="facts">
        <dt>{t('fields.server')}</dt>
        <dd data-server-text="">
          {link.serverName}
          {server ? <span className="muted"> · {server.host}</span> : null}
        </dd>
        {link.accountHint ? (
          <>
            <dt>{t('link.account')}</dt>
            <dd data-server-text="">{link.accountHint}</dd>
          </>
        ) : null}
        {link.issuedAt ? (
          <>
            <dt>{t('link.sentAt')}</dt>
            <dd>
              <time dateTime={link.issuedAt}>{formatDateTime(link.issuedAt)}</time>{' '}
              <span className="muted">
                (<time dateTime={link.issuedAt}>{formatAge(link.issuedAt)}</time>)
              </span>
            </dd>
          </>
        ) : null}
      </dl>
      {step.linkStatus === 'unknown' ? (
        <p className="note">{t('link.notChecked')}</p>
      ) : step.linkStatus === 'not-checked' ? (
        <p className="note">
          <Trans
            t={t}
            i18nKey="link.checkedOnSubmit"
            values={{ server: link.serverName }}
            components={DATA}
          />
        </p>
      ) : null}
      <form ref={attach} className="form" noValidate onSubmit={form.submit}>
        <NewPasswordFields
          {...pair.fieldsOf(form)}
          rules={rules}
          username={link.accountHint}
          email={account?.email}
        />
        <FormAlert form={form} fields={['newPassword', 'retypePassword']}>
          {mayHaveApplied ? (
            <SignInWithNewPassword
              serverId={link.serverId}
              username={link.accountHint ?? ''}
              reason="may-have-applied"
            />
          ) : null}
        </FormAlert>
        <FormActions form={form} busyLabel={t('link.busy')}>
          {t('link.submit')}
        </FormActions>
      </form>
    </div>
  )
}
