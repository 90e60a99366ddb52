import { MessageText } from './errors/MessageText'
import { BackToAccounts } from './components/BackToAccounts'
import { DemoMailbox, MAILBOX_ID } from './components/DemoMailbox'
import { IncomingLinkDialog } from './components/IncomingLinkDialog'
import { LeaveDialog } from './components/LeaveDialog'
import { NoticeArea } from './components/NoticeArea'
import { RemovalDialog } from './components/RemovalDialog'
import { StepHeading } from './components/StepHeading'
import { About } from './screens/About'
import { AccountsHome } from './screens/AccountsHome'
import { AddServer } from './screens/AddServer'
import { ChangeDone, ChangePassword } from './screens/ChangePassword'
import { CheckMail } from './screens/CheckMail'
import { ForgotPassword } from './screens/ForgotPassword'
import { LinkProblem } from './screens/LinkProblem'
import { ResetDone } from './screens/ResetDone'
import { CheckingLink, LinkArrived, ResetFromLink } from './screens/ResetFromLink'
import { SignIn } from './screens/SignIn'
import { useTranslation } from 'react-i18next'
import { useApp } from './store/provider'
import type { Screen } from './store/types'

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen.flow) {
    case 'home':
      return <AccountsHome />
    case 'addServer':
      return <AddServer />
    case 'signIn':
      return <SignIn step={screen.step} />
    case 'about':
      return <About screen={screen} />
    case 'change':
      return screen.step.name === 'form' ? (
        <ChangePassword step={screen.step} />
      ) : (
        <ChangeDone step={screen.step} />
      )
    case 'reset': {
      const step = screen.step
      switch (step.name) {
        case 'forgot':
          return <ForgotPassword serverId={step.serverId} email={step.email} />
        case 'sent':
          return <CheckMail step={step} />
        case 'arrived':
          return <LinkArrived step={step} />
        case 'checking':
          return <CheckingLink step={step} />
        case 'form':
          return <ResetFromLink step={step} />
        case 'done':
          return <ResetDone step={step} />
        case 'problem':
          return <LinkProblem step={step} />
      }
    }
  }
}

export function App() {
  const { t } = useTranslation()
  const status = useApp((s) => s.status)
  const startError = useApp((s) => s.startError)
  const name = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  const screen = useApp((s) => s.screen)
  const screenId = useApp((s) => s.screenId)
  const dialogOpen = useApp((s) => s.incomingLink !== null || s.removal !== null || s.leaving !== null)
  const goAbout = useApp((s) => s.goAbout)
  const mailbox = useApp((s) => s.status === 'ready' && (s.info?.demo.running ?? false))
  const mailCount = useApp((s) => s.mail.length)

  return (
    <>
      <div className="shell" inert={dialogOpen}>
        <header className="topbar">
          <span className="brand">
            <img src="/icon.svg" alt="" className="brand-icon" width="24" height="24" />
            {/* The product's name as the organisation branded it: a name, never translated. */}
            <span data-server-text="">{name}</span>
          </span>
          {status === 'ready' ? (
            <nav aria-label={t('nav.label')} className="topbar-nav">
              {screen.flow !== 'home' ? <BackToAccounts /> : null}
              {mailbox ? (
                // On a narrow window the mailbox is under the form: this reaches it without scrolling.
                <button
                  type="button"
                  className="button button--quiet mailbox-jump"
                  onClick={() => {
                    // Focus scrolls it into view.
                    document.getElementById(MAILBOX_ID)?.focus()
                  }}
                >
                  {t('mailbox.title')}
                  {mailCount > 0 ? <span className="badge badge--accent">{mailCount}</span> : null}
                </button>
              ) : null}
              {screen.flow !== 'about' ? (
                <button type="button" className="button button--quiet" onClick={() => void goAbout()}>
                  {t('nav.about')}
                </button>
              ) : null}
            </nav>
          ) : null}
        </header>
        <div className={`layout${mailbox ? ' layout--with-aside' : ''}`}>
          <main className="main">
            {status === 'starting' ? (
              <div className="screen">
                <StepHeading autoFocus={false}>{t('start.starting')}</StepHeading>
              </div>
            ) : status === 'failed' ? (
              <div className="screen">
                <StepHeading>{t('start.failed', { name })}</StepHeading>
                <div role="alert" className="alert alert--error">
                  <p>
                    <MessageText
                      message={startError?.message ?? { code: 'internal.no-service' }}
                      serverMessage={startError?.serverMessage}
                    />
                  </p>
                </div>
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => window.location.reload()}
                >
                  {t('actions.tryAgain')}
                </button>
              </div>
            ) : (
              <>
                <NoticeArea />
                <div key={screenId} className="screen-frame">
                  <CurrentScreen screen={screen} />
                </div>
              </>
            )}
          </main>
          {mailbox ? <DemoMailbox /> : null}
        </div>
      </div>
      <IncomingLinkDialog />
      <RemovalDialog />
      <LeaveDialog />
    </>
  )
}
