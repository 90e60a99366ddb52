import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { NewPasswordFields } from '../../src/renderer/src/components/NewPasswordFields'
import { i18n, initI18n, loadLanguage } from '../../src/renderer/src/i18n'
import {
  DEFAULT_RULES,
  evaluatePassword,
  type ChecklistContext,
} from '../../src/renderer/src/password/checklist'
import { loadCommonPasswords, MIN_COMMON_PASSWORDS } from '../../src/renderer/src/password/common'
import { ADVICE, estimate, loadStrengthEstimator } from '../../src/renderer/src/password/strength'

const states = (password: string, ctx: Partial<ChecklistContext> = {}) =>
  Object.fromEntries(
    evaluatePassword(password, {
      rules: DEFAULT_RULES,
      common: new Set(['password', 'qwerty123']),
      ...ctx,
    }).map((i) => [i.id, i.state]),
  )

describe('the common-password list', () => {
  it('loads on demand, has at least 20,000 entries, lower-cased, and is cached', async () => {
    const list = await loadCommonPasswords()
    expect(list.size).toBeGreaterThanOrEqual(MIN_COMMON_PASSWORDS)
    expect(list.has('password')).toBe(true)
    expect(list.has('iloveyou')).toBe(true)
    expect([...list].every((p) => p === p.toLowerCase())).toBe(true)
    expect(await loadCommonPasswords()).toBe(list)
  })
})

describe('the checklist (Django’s checks, the server’s rules)', () => {
  it('is neutral for an empty password', () => {
    expect(new Set(Object.values(states('', { username: 'alice' })))).toEqual(new Set(['empty']))
  })

  it('judges length, digits only, common and similarity like Django', () => {
    expect(states('Ab1!x')).toMatchObject({ length: 'unmet', numeric: 'empty' })
    expect(states('Ab1!x-long')).toMatchObject({ length: 'met', numeric: 'met' })
    expect(states('73829164')).toMatchObject({ length: 'met', numeric: 'unmet' })
    expect(states('PASSWORD ')).toMatchObject({ common: 'unmet' })
    expect(states('alice1234', { username: 'alice' })).toMatchObject({ similar: 'unmet' })
    expect(states('aliceexample', { email: 'alice@example.com' })).toMatchObject({ similar: 'unmet' })
    expect(states('Tr1cky-Harbour-42', { username: 'alice', email: 'alice@example.com' })).toEqual({
      length: 'met',
      numeric: 'met',
      common: 'met',
      similar: 'met',
    })
  })

  it('is neutral until met: "abc" ticks nothing off', () => {
    expect(Object.values(states('abc', { username: 'alice' })).filter((s) => s === 'met')).toEqual([])
  })

  it('gives Django’s message for the rule that fails', () => {
    const items = evaluatePassword('alice1234', {
      rules: DEFAULT_RULES,
      common: new Set(),
      username: 'alice',
    })
    expect(items.find((i) => i.id === 'similar')?.detail).toBe('The password is too similar to the username.')
  })

  it('follows the server’s rules: its minimum, and only the checks it makes', () => {
    const rules = { ...DEFAULT_RULES, minLength: 12, notCommon: false, notSimilar: false }
    const items = evaluatePassword('abcdefghij', { rules, common: new Set(), username: 'abc' })
    expect(items.map((i) => i.id)).toEqual(['length', 'numeric'])
    expect(items[0]).toMatchObject({ state: 'unmet' })
    const label = items[0]?.label
    expect(label && i18n.t(label.key, label.values)).toBe('At least 12 characters')
  })

  it('says "checking" while the list loads and "could not be checked" when it failed', () => {
    expect(states('whatever-1', { common: null })).toMatchObject({ common: 'pending' })
    expect(states('whatever-1', { common: 'failed' })).toMatchObject({ common: 'unknown' })
  })

  it('leaves out similarity when neither username nor e-mail is known', () => {
    expect(states('alice1234')).not.toHaveProperty('similar')
  })
})

describe('the strength meter', () => {
  it('scores with zxcvbn-ts and its dictionaries, using the username as a hint', async () => {
    const factory = await loadStrengthEstimator()
    expect(estimate(factory, 'password', []).score).toBe(0)
    expect(estimate(factory, 'correct horse battery staple orbit', []).score).toBe(4)
    expect(estimate(factory, 'alicealice', ['alice']).score).toBeLessThan(2)
    expect(estimate(factory, 'password', []).warning).toBe(ADVICE.warnings.topTen)
    expect(estimate(factory, 'abcdefgh123', []).warning).toBe(ADVICE.warnings.sequences)
    expect(estimate(factory, 'abcdefgh123', []).suggestions).toContain(ADVICE.suggestions.sequences)
  }, 30_000)

  it('has every piece of zxcvbn’s advice worded in each language, not the English of zxcvbn', async () => {
    await loadLanguage('de')
    const keys = [...Object.values(ADVICE.warnings), ...Object.values(ADVICE.suggestions)]
    for (const lng of ['en', 'de'])
      for (const key of keys)
        expect(i18n.exists(key, { lng, fallbackLng: false }), `${lng} ${key}`).toBe(true)
    expect(i18n.t(ADVICE.warnings.sequences, { lng: 'de' })).toBe(
      'Gängige Zeichenfolgen wie „abc“ sind leicht zu erraten.',
    )
  })
})

function Harness({ username, newErrors = [] }: { username?: string; newErrors?: string[] }) {
  const [a, setA] = useState('')
  const [b, setB] = useState('')
  return (
    <NewPasswordFields
      newPassword={a}
      retypePassword={b}
      onNewPassword={setA}
      onRetypePassword={setB}
      rules={DEFAULT_RULES}
      username={username}
      newErrors={newErrors}
      retypeErrors={[]}
    />
  )
}

describe('password help while typing', () => {
  it('ticks the rules off live, describes the field with them, and shows a strength', async () => {
    const user = userEvent.setup()
    render(<Harness username="alice" />)
    const field = screen.getByLabelText('New password')
    expect(field).toHaveAccessibleDescription(/Password requirements/)
    expect(field).toHaveAttribute('maxlength', '4096')
    const item = (text: RegExp) => screen.getByText(text).closest('li') as HTMLElement
    await waitFor(() => expect(item(/Not a common password/)).toHaveClass('check--empty'))
    await user.type(field, '1234')
    await waitFor(() => expect(item(/At least 8 characters/)).toHaveClass('check--unmet'))
    expect(item(/Not only numbers/)).toHaveClass('check--unmet')
    await waitFor(() => expect(item(/Not a common password/)).toHaveClass('check--unmet'))
    await user.clear(field)
    await user.type(field, 'alice1234')
    await waitFor(() => expect(item(/Not too like/)).toHaveClass('check--unmet'))
    await user.clear(field)
    await user.type(field, 'Tr1cky-Harbour-42')
    await waitFor(() =>
      expect(screen.getAllByRole('listitem').every((li) => li.classList.contains('check--met'))).toBe(true),
    )
    expect(screen.getByText('4 of 4 requirements met.')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByText(/^Strength:/)).toHaveTextContent(/Strength: (Good|Strong)/), {
      timeout: 20_000,
    })
  }, 30_000)

  it('says whether the two passwords match', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.type(screen.getByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky')
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription(
      'The two passwords do not match yet.',
    )
    await user.type(screen.getByLabelText('New password again'), '-Harbour-42')
    expect(screen.getByText('The two passwords match.')).toBeInTheDocument()
  })
})

describe('one message per fact', () => {
  const strengthText = () => screen.getByText(/^Strength:/)

  it('a common password: the checklist says it, the meter only rates it', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.type(screen.getByLabelText('New password'), 'password')
    const common = screen.getByText('Not a common password').closest('li') as HTMLElement
    await waitFor(() => expect(common).toHaveClass('check--unmet'))
    await waitFor(() => expect(strengthText()).toHaveTextContent('Strength: Very weak'), { timeout: 20_000 })
    expect(strengthText()).not.toHaveTextContent(/used password/)
    expect(screen.queryAllByText(/common/i).map((e) => e.textContent)).toEqual([
      'Not a common password (not yet)',
    ])
  }, 30_000)

  it('the server’s error on the field is not said again by the meter', async () => {
    const user = userEvent.setup()
    render(<Harness newErrors={['This password is too easy to guess.']} />)
    await user.type(screen.getByLabelText('New password'), 'abcdefgh123')
    await waitFor(() => expect(strengthText()).toHaveTextContent('Strength: Weak'), { timeout: 20_000 })
    expect(strengthText()).toHaveTextContent(/^Strength: Weak$/)
  }, 30_000)

  it('the meter’s advice shows when it adds something the checklist does not say', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.type(screen.getByLabelText('New password'), 'abcdefgh123')
    const list = screen.getByText('Not a common password').closest('ul') as HTMLElement
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('listitem')
          .every((li) => li.classList.contains('check--met')),
      ).toBe(true),
    )
    await waitFor(() => expect(strengthText()).toHaveTextContent(/Common character sequences/), {
      timeout: 20_000,
    })
  }, 30_000)

  it('the meter’s advice is in the app’s language', async () => {
    await initI18n(['de'])
    const user = userEvent.setup()
    render(<Harness />)
    await user.type(screen.getByLabelText('Neues Passwort'), 'abcdefgh123')
    await waitFor(
      () =>
        expect(screen.getByText(/^Stärke:/)).toHaveTextContent(
          'Stärke: Schwach Gängige Zeichenfolgen wie „abc“ sind leicht zu erraten.',
        ),
      { timeout: 20_000 },
    )
  }, 30_000)
})
