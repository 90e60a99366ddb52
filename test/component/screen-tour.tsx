import { act, screen, waitFor, within } from '@testing-library/react'
import { expect } from 'vitest'
import {
  alice,
  appInfo,
  deferred,
  demoServer,
  djoserServer,
  fail,
  formsServer,
  linkFor,
  ok,
  type Impls,
} from './fake-bridge'
import type { AppError } from '../../src/shared/errors'
import type { AppMessage } from '../../src/shared/messages'
import { accountAction, renderApp } from './render-app'

/**
 * Every screen in every state the renderer can show, reached the way a user reaches it, on the fake bridge: the one
 * list that the whole-screen checks walk (axe in jsdom: axe.test.tsx; the pseudo-locale: pseudo-locale-screens
 * .test.tsx). A leg of the tour calls `check(state)` at each state; the states are those of the e2e screenshots
 * (test/e2e/flows-djoser.test.ts, test/e2e/flows-states.test.ts), in jsdom. Navigation uses the English names: a check that
 * changes the language puts English back before it returns.
 */
export type Check = (state: string) => Promise<void>
export interface Leg {
  name: string
  walk(check: Check): Promise<void>
}

/**
 * What main answers in the tour's failures and outcomes, in one place: the contract's errors, link refusals and
 * other-sessions outcomes (server text stays in `fields`/the server's words).
 */
const MAIN = {
  signInFieldErrors: {
    kind: 'validation',
    message: { code: 'form.check-fields' },
    fields: { password: ['Required.'], form: ['Locked.'] },
  },
  rateLimited: {
    kind: 'rate-limited',
    message: { code: 'rate-limited', seconds: 42 },
    serverMessage: 'Request was throttled. Expected available in 42 seconds.',
    retryAfterSeconds: 42,
  },
  offline: { kind: 'offline', message: { code: 'offline' } },
  wrongCredentials: {
    kind: 'auth',
    message: { code: 'auth.wrong-credentials' },
    serverMessage: 'Unable to log in with provided credentials.',
    sessionExpired: false,
  },
  onlyOnWebsite: {
    kind: 'auth',
    message: { code: 'auth.sign-in-on-website' },
    serverMessage: 'This server asks for a second step.',
    sessionExpired: false,
    signInOnWebsite: true,
  },
  unreachable: {
    kind: 'unreachable',
    host: 'a.example.net',
    message: { code: 'unreachable' },
    serverMessage: 'Nothing answered.',
  },
  addressNotAllowed: {
    kind: 'validation',
    message: { code: 'server.check-details' },
    fields: {},
    fieldCodes: { baseUrl: [{ code: 'policy.host-not-allowed', host: 'example.com' }] },
  },
  passwordTooCommon: {
    kind: 'validation',
    message: { code: 'form.check-fields' },
    fields: { new_password: ['This password is too common.'] },
  },
  deadLink: {
    kind: 'link-invalid',
    reason: 'dead',
    message: { code: 'link.dead' },
    serverMessage: 'Dead link.',
  },
  timeoutMayHaveApplied: {
    kind: 'timeout',
    message: { code: 'timeout.may-have-applied' },
    mayHaveApplied: true,
  },
  linkRefused: { code: 'link.refused.unknown-server' },
  resetOthersMayRemain: { code: 'sessions.reset-may-remain', endsAll: false },
  changeSignedOutOthers: { code: 'sessions.change-signed-out' },
} satisfies Record<string, AppError | AppMessage>

/** The demo server running, as AppInfo tells it (with its password or without, once changed). */
const DEMO = { enabled: true, running: true, username: 'demo', email: 'd@example.com' }
const bob = { ...alice, id: 'b', username: 'bob', signedIn: false }
const signInFields = async (user: Awaited<ReturnType<typeof renderApp>>['user']) => {
  await user.type(await screen.findByLabelText('Username'), 'alice')
  await user.type(screen.getByLabelText('Password'), 'x{Enter}')
}

/** Types a new password twice on the reset or change form and submits it. */
const setNewPassword = async (user: Awaited<ReturnType<typeof renderApp>>['user'], password: string) => {
  await user.type(await screen.findByLabelText('New password'), password)
  await user.type(screen.getByLabelText('New password again'), `${password}{Enter}`)
}

/** A link arrives, the reset form opens, a new password is set; main answers with `confirmReset`. */
async function resetFromLink(confirmReset: NonNullable<Impls['confirmReset']>) {
  const app = await renderApp({ listAccounts: () => ok([alice]), confirmReset })
  act(() => app.fake.emit('onLink', { type: 'link', link: linkFor() }))
  await setNewPassword(app.user, 'Velvet-Harbour-27')
  return app
}

export const SCREEN_TOUR: Leg[] = [
  {
    name: 'home: empty with the demo and its mailbox, then with accounts',
    async walk(check) {
      const { unmount } = await renderApp({
        getAppInfo: () => ok(appInfo({ demo: { ...DEMO, password: 'pw' } })),
        listServers: () => ok([demoServer]),
        listDemoMail: () =>
          ok([
            {
              id: 'm',
              to: 'd@example.com',
              subject: 'Reset',
              receivedAt: new Date().toISOString(),
              text: '[reset link]',
              hasLink: true,
            },
          ]),
      })
      await check('welcome with the demo card and its mailbox')
      unmount()
      await renderApp({ listAccounts: () => ok([alice, bob]) })
      await check('your accounts')
    },
  },
  {
    name: 'the demo card after the demo password was changed',
    async walk(check) {
      await renderApp({
        getAppInfo: () => ok(appInfo({ demo: { ...DEMO, passwordChanged: true } })),
        listServers: () => ok([demoServer]),
      })
      await screen.findByText(/You changed the demo password/)
      await check('demo card, password changed')
    },
  },
  {
    name: 'sign in with field errors and an alert; the leave dialog; add server',
    async walk(check) {
      const { user } = await renderApp({
        listAccounts: () => ok([alice]),
        signIn: () => fail(MAIN.signInFieldErrors),
      })
      await user.click(screen.getByRole('button', { name: 'Add an account' }))
      await check('sign in, empty')
      await signInFields(user)
      await screen.findByText('Locked.')
      await check('sign in with the server’s field errors')
      await user.click(screen.getByRole('button', { name: 'All accounts' }))
      const leave = await screen.findByRole('dialog', { name: 'Leave this screen?' })
      await check('the leave dialog')
      await user.click(within(leave).getByRole('button', { name: 'Leave' }))
      await user.click(await screen.findByRole('button', { name: 'Add a server' }))
      await check('add server, empty')
      await user.click(await screen.findByRole('button', { name: 'Add the server' }))
      await check('add server, its own field errors')
    },
  },
  {
    name: 'sign in: a rate limit counting down, offline, refused, a step only the website can do',
    async walk(check) {
      const limited = await renderApp({
        listAccounts: () => ok([alice]),
        signIn: () => fail(MAIN.rateLimited),
      })
      await limited.user.click(screen.getByRole('button', { name: 'Add an account' }))
      await signInFields(limited.user)
      await screen.findByRole('button', { name: /Sign in \(in \d+ s\)/ })
      await check('sign in, rate limited')
      limited.unmount()
      const { user, fake } = await renderApp({
        listAccounts: () => ok([alice]),
        signIn: () => fail(MAIN.offline),
      })
      await user.click(await screen.findByRole('button', { name: 'Add an account' }))
      await signInFields(user)
      await screen.findByRole('button', { name: 'Try again' })
      await check('sign in, offline')
      fake.set('signIn', () => fail(MAIN.wrongCredentials))
      await user.click(screen.getByRole('button', { name: 'Try again' }))
      await screen.findByText('Unable to log in with provided credentials.', { exact: false })
      await check('sign in, refused')
      fake.set('signIn', () => fail(MAIN.onlyOnWebsite))
      await user.type(screen.getByLabelText('Password'), '{Enter}')
      await screen.findByText('This server asks for a second step.', { exact: false })
      await check('sign in, only on the website')
    },
  },
  {
    name: 'sign in without a server; the account menu; About',
    async walk(check) {
      const { user } = await renderApp({
        listAccounts: () => ok([alice, bob]),
        listServers: () => ok([]),
        getDiagnostics: () => ok({ text: 'Account Desk 0.1.0', logFile: '/logs/main.log' }),
      })
      await user.click(screen.getByRole('button', { name: /^Actions for alice/ }))
      await screen.findByRole('menu')
      await check('the account menu, open')
      await user.keyboard('{Escape}')
      await user.click(screen.getByRole('button', { name: 'Add an account' }))
      await screen.findByText(/No server is set up yet/)
      await check('sign in, no server yet')
      await user.click(screen.getByRole('button', { name: 'About' }))
      await screen.findByRole('button', { name: 'Copy diagnostics' })
      await check('About and diagnostics')
    },
  },
  {
    name: 'home: signed out (a notice), the remove dialog',
    async walk(check) {
      const { user } = await renderApp({ listAccounts: () => ok([alice]), signOut: () => ok({}) })
      await accountAction(user, 'alice on Example Corp', 'Sign out')
      await screen.findByText(/Signed out of Example Corp as alice/)
      await check('home, signed-out notice')
      await accountAction(user, 'alice on Example Corp', 'Remove')
      await screen.findByRole('dialog', { name: 'Remove alice on Example Corp?' })
      await check('the remove dialog')
    },
  },
  {
    name: 'add server: the check found a kind, found none (the kind asked for), could not reach it, refused',
    async walk(check) {
      const { user, fake } = await renderApp({
        listServers: () => ok([]),
        detectServer: ({ baseUrl }) =>
          ok({ baseUrl, found: [{ software: 'djoser', kind: 'djoser', signIn: 'email' }] }),
      })
      await user.click(await screen.findByRole('button', { name: 'Add a server' }))
      await user.type(screen.getByLabelText('Name'), 'Corp')
      await user.type(screen.getByLabelText('Address'), 'https://a.example.com')
      await user.tab()
      await screen.findByText(/This server uses a sign-in service for apps/)
      await check('add server, djoser found')
      fake.set('detectServer', ({ baseUrl }) => ok({ baseUrl, found: [] }))
      await user.type(screen.getByLabelText('Address'), '.org')
      await user.tab()
      await screen.findByText('Account Desk doesn’t recognise this server.')
      await user.click(screen.getByRole('button', { name: 'Add the server' }))
      await screen.findByText('Choose the kind of server to add it anyway.')
      await check('add server, nothing recognised')
      fake.set('detectServer', () => fail(MAIN.unreachable))
      await user.type(screen.getByLabelText('Address'), '.net')
      await user.tab()
      await screen.findByRole('button', { name: 'Check again' })
      await check('add server, unreachable')
      fake.set('detectServer', () => fail(MAIN.addressNotAllowed))
      await user.click(screen.getByRole('button', { name: 'Check again' }))
      // Main's words on the address field (whatever the wording: they end with the domain).
      await screen.findByText(/example\.com\.$/, { selector: 'li, li *' })
      await check('add server, refused by policy')
    },
  },
  {
    name: 'forgot, check your mail, reset form with errors, the link dialog, done, link problem',
    async walk(check) {
      const { user, fake } = await renderApp({
        listAccounts: () => ok([alice]),
        listServers: () => ok([djoserServer]),
        requestReset: () => ok({ requestedAt: new Date().toISOString() }),
        confirmReset: () => fail(MAIN.passwordTooCommon),
      })
      await user.click(screen.getByRole('button', { name: 'Forgot password' }))
      await screen.findByRole('heading', { level: 1, name: 'Forgot password' })
      await check('forgot password')
      await user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
      await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
      await check('check your mail')
      act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
      await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
      await check('the reset form')
      // Every rule met, and zxcvbn's advice under the meter (it loads on the first password typed).
      await user.type(screen.getByLabelText('New password'), 'abcdefgh123')
      await screen.findByText(/Common character sequences/, undefined, { timeout: 20_000 })
      await check('the reset form, the meter’s advice')
      await user.clear(screen.getByLabelText('New password'))
      await user.type(screen.getByLabelText('New password'), 'password')
      await check('the reset form, a weak password typed (the checklist)')
      await user.type(screen.getByLabelText('New password again'), 'password{Enter}')
      await screen.findByText('This password is too common.', { selector: 'li [data-server-text]' })
      await check('the reset form, the server’s refusal')
      act(() =>
        fake.emit('onLink', { type: 'link', link: linkFor({ handle: 'ffffffffffffffffffffffffffffffff' }) }),
      )
      await screen.findByRole('dialog')
      await check('a link arrived mid-typing (dialog)')
      await user.click(screen.getByRole('button', { name: 'Open the link' }))
      fake.set('confirmReset', () =>
        ok({ serverId: 'corp', username: 'alice', otherSessions: MAIN.resetOthersMayRemain }),
      )
      await setNewPassword(user, 'Tr1cky-Harbour-42')
      await screen.findByRole('heading', { level: 1, name: 'Your password has been reset' })
      await check('reset done')
      act(() =>
        fake.emit('onLink', { type: 'link', link: linkFor({ handle: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' }) }),
      )
      fake.set('confirmReset', () => fail(MAIN.deadLink))
      await setNewPassword(user, 'Tr1cky-Harbour-42')
      await screen.findByRole('heading', { level: 1, name: 'This link can’t be used' })
      await check('link problem')
    },
  },
  {
    name: 'reset done, then sign in with the new password',
    async walk(check) {
      const { user } = await resetFromLink(() =>
        ok({ serverId: 'corp', username: 'alice', otherSessions: MAIN.resetOthersMayRemain }),
      )
      await screen.findByRole('heading', { level: 1, name: 'Your password has been reset' })
      await user.click(screen.getByRole('button', { name: /Sign in with the new password/ }))
      await screen.findByRole('heading', { level: 1, name: 'Sign in with your new password' })
      await check('sign in after the reset')
    },
  },
  {
    name: 'reset: an ambiguous timeout (it may have worked), then "try your new password"',
    async walk(check) {
      const { user } = await resetFromLink(() => fail(MAIN.timeoutMayHaveApplied))
      await screen.findByText('It may have worked')
      await check('reset, it may have worked')
      await user.click(screen.getByRole('button', { name: 'Try signing in with the new password' }))
      await screen.findByRole('heading', { level: 1, name: 'Try your new password' })
      await check('try your new password')
    },
  },
  {
    name: 'links from outside: arrived, being checked, refused, used here, waiting in a notice',
    async walk(check) {
      const checking = deferred<never>()
      const app = await renderApp({
        listAccounts: () => ok([alice]),
        listServers: () => ok([formsServer]),
        checkLink: () => checking.promise,
      })
      act(() => app.fake.emit('onLink', { type: 'link', link: linkFor({ serverId: 'intranet' }) }))
      await screen.findByRole('heading', { level: 1, name: 'A reset link arrived' })
      await check('a reset link arrived')
      await app.user.click(screen.getByRole('button', { name: 'Open the reset form' }))
      await screen.findByRole('heading', { level: 1, name: 'Checking your link…' })
      await check('checking the link')
      app.unmount()

      const { fake, unmount } = await renderApp({ listAccounts: () => ok([alice]) })
      act(() => fake.emit('onLink', { type: 'refused', message: MAIN.linkRefused }))
      // Main's reason in an alert (whatever its wording).
      await waitFor(() => expect(screen.getAllByRole('alert').some((a) => a.textContent?.trim())).toBe(true))
      await check('a refused link')
      act(() =>
        fake.emit('onLink', {
          type: 'link',
          link: linkFor({ usedHereAt: new Date(Date.now() - 2 * 3_600_000).toISOString() }),
        }),
      )
      await screen.findByRole('heading', { level: 1, name: 'This link can’t be used' })
      await check('a link used here before')
      unmount()

      const waiting = await renderApp({ listAccounts: () => ok([alice]) })
      await accountAction(waiting.user, 'alice on Example Corp', 'Change password')
      await waiting.user.type(await screen.findByLabelText('Current password'), 'half typed')
      act(() => waiting.fake.emit('onLink', { type: 'link', link: linkFor() }))
      await screen.findByRole('dialog')
      await waiting.user.keyboard('{Escape}')
      await screen.findByText(/is waiting/)
      await check('a link waiting in a notice')
    },
  },
  {
    name: 'change password and its done screen',
    async walk(check) {
      const { user } = await renderApp({
        listAccounts: () => ok([alice]),
        changePassword: () => ok({ stillSignedIn: true, otherSessions: MAIN.changeSignedOutOthers }),
      })
      await accountAction(user, 'alice on Example Corp', 'Change password')
      await screen.findByRole('heading', { level: 1, name: 'Change password' })
      await check('change password')
      await user.type(screen.getByLabelText('Current password'), 'Old-Password-1')
      await setNewPassword(user, 'New-Harbour-77')
      await screen.findByRole('heading', { level: 1, name: 'Your password has been changed' })
      await check('password changed')
    },
  },
]
