import { act, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import en from '../../src/renderer/src/i18n/locales/en/common.json'
import de from '../../src/renderer/src/i18n/locales/de/common.json'
import { initI18n } from '../../src/renderer/src/i18n'
import { alice, appInfo, demoServer, linkFor, ok } from './fake-bridge'
import { renderApp } from './render-app'

const GERMAN_HOME = /Willkommen|Ihre Konten/

/** Every string of a catalog by its dotted key. */
function flatten(node: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string') out.set(prefix + key, value)
    else for (const [k, v] of flatten(value as object, `${prefix}${key}.`)) out.set(k, v)
  }
  return out
}

/**
 * The English words that must not show on a German screen: each English sentence's pieces between its values and
 * markup, where German says something else (a long enough piece to mean it: not "Server" or "E-Mail").
 */
const germanOf = flatten(de)
const ENGLISH_PIECES = [...flatten(en)]
  .filter(([key, text]) => germanOf.get(key) !== text)
  .flatMap(([, text]) => text.split(/\{\{[^}]*\}\}|<\/?\w+>/))
  .map((piece) => piece.trim())
  .filter((piece) => piece.length >= 12)

/** What the screen shows and says: its text, and the names and hints given in attributes. */
function everythingSaid(): string {
  const attributes = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) =>
    ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? ''),
  )
  return [document.body.textContent ?? '', ...attributes, document.title].join('\n')
}

function expectNoEnglish() {
  const said = everythingSaid()
  expect(ENGLISH_PIECES.filter((piece) => said.includes(piece))).toEqual([])
}

beforeEach(() => initI18n(['de-AT']))

describe('the screens in German', () => {
  it('the welcome with the demo: German words, <html lang="de">, a German window title', async () => {
    await renderApp(
      {
        getAppInfo: () =>
          ok(
            appInfo({
              demo: { enabled: true, running: true, username: 'demo', password: 'pw-1', email: 'd@x' },
            }),
          ),
        listServers: () => ok([demoServer]),
      },
      { firstHeading: GERMAN_HOME },
    )
    expect(screen.getByRole('heading', { level: 1, name: 'Willkommen bei Account Desk' })).toHaveFocus()
    expect(document.documentElement).toHaveAttribute('lang', 'de')
    expect(document.title).toBe('Willkommen bei Account Desk – Account Desk')
    const demo = screen.getByRole('region', { name: 'Mit dem Demo-Server ausprobieren' })
    expect(within(demo).getByRole('button', { name: 'Bei der Demo anmelden' })).toBeInTheDocument()
    expect(screen.getByRole('complementary', { name: 'Demo-Postfach' })).toBeInTheDocument()
    expect(screen.getByRole('navigation', { name: 'Hauptnavigation' })).toBeInTheDocument()
    expectNoEnglish()
  })

  it('the accounts and an account’s menu, the removal dialog, dates in German', async () => {
    const lastSignedInAt = '2026-03-05T14:30:00.000Z'
    const { user } = await renderApp(
      { listAccounts: () => ok([{ ...alice, lastSignedInAt }]) },
      { firstHeading: GERMAN_HOME },
    )
    expect(screen.getByRole('heading', { level: 1, name: 'Ihre Konten' })).toBeInTheDocument()
    expect(screen.getByText('Angemeldet')).toBeInTheDocument()
    const date = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(lastSignedInAt),
    )
    expect(date).toMatch(/^05\.03\.2026/)
    expect(screen.getByText(`Letzte Anmeldung ${date}`)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Aktionen für alice auf Example Corp' }))
    for (const item of ['Passwort ändern', 'Abmelden', 'Passwort vergessen', 'Entfernen'])
      expect(screen.getByRole('menuitem', { name: item })).toBeInTheDocument()
    expectNoEnglish()
    await user.click(screen.getByRole('menuitem', { name: 'Entfernen' }))
    const dialog = await screen.findByRole('dialog', { name: 'alice auf Example Corp entfernen?' })
    expect(dialog).toHaveAccessibleDescription(
      /wird von diesem Computer entfernt\. Account Desk meldet es vorher ab/,
    )
    expect(within(dialog).getByRole('button', { name: 'Abbrechen' })).toHaveFocus()
    expectNoEnglish()
  })

  it('sign-in: German labels, the show-password toggle, German messages before anything is sent', async () => {
    const { user, fake } = await renderApp({ listAccounts: () => ok([alice]) }, { firstHeading: GERMAN_HOME })
    await user.click(screen.getByRole('button', { name: 'Konto hinzufügen' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Anmelden' })).toBeInTheDocument()
    expect(screen.getByLabelText('Benutzername')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Passwort anzeigen' })).toHaveAttribute('aria-pressed', 'false')
    await user.click(screen.getByRole('button', { name: 'Anmelden' }))
    expect(await screen.findByText('Geben Sie Ihren Benutzernamen ein.')).toBeInTheDocument()
    expect(screen.getByText('Geben Sie Ihr Passwort ein.')).toBeInTheDocument()
    expect(fake.callsOf('signIn')).toEqual([])
    expectNoEnglish()
  })

  it('forgot password → check your mail, with the wait counted in German', async () => {
    const { user } = await renderApp(
      { requestReset: () => ok({ requestedAt: new Date().toISOString() }) },
      { firstHeading: GERMAN_HOME },
    )
    await user.click(screen.getByRole('button', { name: 'Passwort vergessen' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Passwort vergessen' })).toBeInTheDocument()
    expectNoEnglish()
    await user.type(screen.getByLabelText('E-Mail-Adresse'), 'alice@example.com')
    await user.click(screen.getByRole('button', { name: 'Link senden' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sehen Sie in Ihrem Postfach nach' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /E-Mail erneut senden \(in \d+ s\)/ })).toBeInTheDocument()
    expectNoEnglish()
  })

  it('add a server: the kinds and the check’s words in German', async () => {
    const { user } = await renderApp(
      {
        detectServer: ({ baseUrl }) =>
          ok({ baseUrl, found: [{ software: 'djoser', kind: 'djoser', signIn: 'email' }] }),
      },
      { firstHeading: GERMAN_HOME },
    )
    await user.click(screen.getByRole('button', { name: 'Server hinzufügen' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Server hinzufügen' })).toBeInTheDocument()
    await user.type(screen.getByLabelText('Adresse'), 'https://accounts.example.com')
    await user.tab()
    expect(
      await screen.findByText('Dieser Server verwendet einen Anmeldedienst für Apps (djoser).'),
    ).toBeInTheDocument()
    expect(screen.getByText('Die Anmeldung erfolgt mit der E-Mail-Adresse.')).toBeInTheDocument()
    await user.click(screen.getByText('Art selbst wählen'))
    for (const kind of [
      'Anmeldedienst für Apps',
      'Anmeldeseiten einer Django-Website',
      'Anmeldung mit django-allauth',
    ])
      expect(screen.getByRole('radio', { name: kind })).toBeInTheDocument()
    expectNoEnglish()
  })

  it('a reset link: the form, how old the link is, and the checklist in German', async () => {
    const { user, fake } = await renderApp({}, { firstHeading: GERMAN_HOME })
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Neues Passwort festlegen' }),
    ).toBeInTheDocument()
    expect(screen.getByText('vor 5 Minuten', { selector: 'time' })).toBeInTheDocument()
    await user.type(screen.getByLabelText('Neues Passwort', { exact: true }), '12345')
    expect(await screen.findByText('Mindestens 8 Zeichen')).toBeInTheDocument()
    expect(screen.getByText('Nicht nur Ziffern')).toBeInTheDocument()
    expectNoEnglish()
  })
})

describe('the language picker (About)', () => {
  beforeEach(() => initI18n(['en']))

  it('names each language in itself; choosing Deutsch tells main and switches the screens at once', async () => {
    const { user, fake } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'About' }))
    const picker = await screen.findByRole('combobox', { name: 'Language of Account Desk' })
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['System language (English)', 'English', 'Deutsch'])
    expect(within(picker).getByRole('option', { name: 'Deutsch' })).toHaveAttribute('lang', 'de')
    await user.selectOptions(picker, 'de')
    expect(await screen.findByRole('heading', { level: 1, name: 'Info und Diagnose' })).toBeInTheDocument()
    expect(fake.callsOf('setLanguage')).toEqual([{ choice: 'de' }])
    expect(document.documentElement).toHaveAttribute('lang', 'de')
    expect(screen.getByRole('combobox', { name: 'Sprache von Account Desk' })).toHaveValue('de')
    expectNoEnglish()
  })

  it('pinned by the policy: disabled, and it says why', async () => {
    await renderApp({
      getLanguage: () => ok({ language: 'en', choice: 'system', pinned: true, system: 'de' }),
    })
    await screen.findByRole('heading', { level: 1 })
    await act(async () => screen.getByRole('button', { name: 'About' }).click())
    const picker = await screen.findByRole('combobox', { name: 'Language of Account Desk' })
    expect(picker).toBeDisabled()
    expect(picker).toHaveAccessibleDescription('Your IT team has set the language for Account Desk.')
    expect(within(picker).getByRole('option', { name: 'System language (Deutsch)' })).toBeInTheDocument()
  })
})
