import { render, screen } from '@testing-library/react'
import { act } from 'react'
import { describe, expect, it } from 'vitest'
import { ErrorAlert } from '../../src/renderer/src/components/ErrorAlert'
import { wordMessage, wordWait } from '../../src/renderer/src/errors/words'
import { i18n, switchLanguage } from '../../src/renderer/src/i18n'
import type { AppError } from '../../src/shared/errors'
import { PLAIN_MESSAGE_CODES, type AppMessage } from '../../src/shared/messages'

/** One message of every code, with parameters. */
const EVERY_CODE: AppMessage[] = [
  ...PLAIN_MESSAGE_CODES.map((code) => ({ code })),
  { code: 'rate-limited', seconds: 30 },
  { code: 'server.unavailable', status: 503 },
  { code: 'server.problem', status: 500 },
  { code: 'server.not-found', status: 404 },
  { code: 'server.unexpected-status', status: 418 },
  { code: 'response.not-readable', status: 200 },
  { code: 'response.bad-json', status: 200 },
  { code: 'redirect.refused', status: 302 },
  { code: 'redirect.other-site', host: 'portal.example' },
  { code: 'form.not-found', form: 'sign-in' },
  { code: 'form.sends-elsewhere', form: 'change-password' },
  { code: 'policy.host-not-allowed', host: 'x.org' },
  { code: 'website.open-manually', url: 'https://x.org/login/' },
  { code: 'website.browser-failed', url: 'https://x.org/login/' },
  { code: 'website.https-only', url: 'http://x.org/login/' },
  { code: 'link.refused.too-long', max: 2048 },
  { code: 'link.refused.unsupported-scheme', scheme: 'accountdesk' },
  { code: 'link.refused.unsupported-scheme' },
  { code: 'notice.sessions-moved', count: 2 },
  { code: 'notice.sessions-locked', count: 1 },
  { code: 'notice.servers-skipped', count: 3 },
  { code: 'notice.server-hidden', name: 'Corp', reason: 'host-not-allowed', host: 'corp.example' },
  { code: 'notice.links-will-not-open', app: 'Account Desk' },
  { code: 'notice.file-unreadable', file: 'settings', keptAs: 'settings.json.corrupt-1' },
  { code: 'notice.file-unreadable', file: 'accounts' },
  { code: 'notice.demo-data-unreadable', keptAs: 'demo.json.corrupt-1' },
  { code: 'notice.demo-data-unreadable' },
  {
    code: 'notice.policy-invalid',
    file: '/etc/p.json',
    app: 'Account Desk',
    details: ['servers[0].baseUrl: is required'],
  },
  { code: 'notice.test-policy', file: '/tmp/p.json' },
  { code: 'notice.test-policy-ignored', file: '/tmp/p.json', machine: '/etc/p.json' },
  { code: 'notice.test-policy-ignored-installed', file: '/tmp/p.json', app: 'Account Desk' },
  { code: 'notice.signed-in', server: 'Corp', username: 'alice' },
  { code: 'notice.signed-out', server: 'Corp', username: 'alice' },
  { code: 'notice.sign-in-page-opened', server: 'Corp' },
  { code: 'notice.server-added', name: 'Corp' },
  { code: 'notice.removed', name: 'Corp' },
  { code: 'notice.removed-account', username: 'alice', server: 'Corp' },
  { code: 'sessions.reset-may-remain', endsAll: true },
  { code: 'sessions.change-may-remain', endsAll: false },
]

describe('every code main can send is worded in English and German', () => {
  it.each(['en', 'de'])('%s: a sentence, not a key, with no placeholder left', async (language) => {
    await switchLanguage(language)
    const t = i18n.getFixedT(language, 'errors')
    for (const message of EVERY_CODE) {
      const words = wordMessage(t, message)
      expect(words, message.code).not.toMatch(/^message\.|\{\{|undefined/)
      expect(words.length, message.code).toBeGreaterThan(8)
    }
  })

  it('German differs from English for every code (nothing left untranslated)', async () => {
    await switchLanguage('de')
    const en = i18n.getFixedT('en', 'errors')
    const de = i18n.getFixedT('de', 'errors')
    const same = EVERY_CODE.filter((m) => wordMessage(en, m) === wordMessage(de, m)).map((m) => m.code)
    expect(same).toEqual([])
  })

  it('waits: seconds up to 89, then minutes rounded up, with plurals', async () => {
    const en = i18n.getFixedT('en', 'errors')
    expect([1, 2, 89, 90, 121].map((s) => wordWait(en, s))).toEqual([
      '1 second',
      '2 seconds',
      '89 seconds',
      '2 minutes',
      '3 minutes',
    ])
    await switchLanguage('de')
    const de = i18n.getFixedT('de', 'errors')
    expect([1, 2, 120].map((s) => wordWait(de, s))).toEqual(['1 Sekunde', '2 Sekunden', '2 Minuten'])
  })
})

describe('an error on screen', () => {
  const wrong: AppError = { kind: 'auth', message: { code: 'auth.wrong-credentials' }, sessionExpired: false }

  it('is worded in English, then in German when the language changes', async () => {
    render(<ErrorAlert error={wrong} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Sign-in failed')
    expect(screen.getByText('That username and password don’t match.')).toBeInTheDocument()
    await act(() => switchLanguage('de'))
    expect(screen.getByRole('alert')).toHaveTextContent('Anmelden fehlgeschlagen')
    expect(screen.getByText('Benutzername und Passwort passen nicht zusammen.')).toBeInTheDocument()
  })

  it('shows the server’s words verbatim, marked as server text, in any language', async () => {
    await switchLanguage('de')
    render(
      <ErrorAlert error={{ ...wrong, serverMessage: 'Please enter a correct username and password.' }} />,
    )
    const text = screen.getByText('Please enter a correct username and password.')
    expect(text).toHaveAttribute('data-server-text')
    expect(screen.getByRole('alert')).toHaveTextContent('Anmelden fehlgeschlagen')
  })

  it('counts a rate limit down in the app’s words when the server gave none, plural by plural', async () => {
    const limited: AppError = {
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: 2 },
      retryAfterSeconds: 2,
    }
    const { rerender } = render(<ErrorAlert error={limited} waitSeconds={2} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 2 seconds.')
    rerender(<ErrorAlert error={limited} waitSeconds={1} />)
    expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 1 second.')
    await act(() => switchLanguage('de'))
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Zu viele Versuche. Versuchen Sie es in 1 Sekunde erneut.',
    )
  })
})
