import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applySecretPatterns,
  createLogger,
  redact,
  redactText,
  REDACTED,
  type Logger,
} from '../../src/main/log'

/**
 * The logger's promise: a password, a session token, a reset token, a reset link, a cookie or an Authorization
 * header never reaches a sink, whatever shape it arrives in. Each case names one shape; each secret is distinctive
 * enough that finding any 6-character piece of it in the output is a leak.
 */
const PASSWORD = 'Tr0ub4dor&3 horse'
/** One that needs no quoting: a bare value ends at whitespace, `&`, `;` or `,`. */
const BARE_PASSWORD = 'Tr0ub4dor3xq'
const DRF_TOKEN = '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b'
const SESSION_ID = 'x7k2qv9wz3m8n4b6c1d5f0g2h7j9k3l8'
const CSRF = 'Qk8sPz2LmW4nR7tY1uV3xZ5aB9cD0eF6gH2iJ4kL6mN8oP0qR2sT4uV6wX8yZ0aB'
const RESET_TOKEN = 'diusln-88aa9a15913d435fa538b434f728f58d'
const RESET_LINK = `accountdesk://reset/corp/MQ/${RESET_TOKEN}`
const WEB_RESET_LINK = `https://accounts.example.com/password/reset/confirm/MQ/${RESET_TOKEN}/`
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXBhcnQ'
const BASIC = Buffer.from(`alice:${PASSWORD}`).toString('base64')

/** Every 6-character window of a secret: a partial leak is a leak. */
function pieces(secret: string): string[] {
  const out: string[] = []
  for (let i = 0; i + 6 <= secret.length; i++) out.push(secret.slice(i, i + 6))
  return out
}

function expectClean(output: unknown, ...secrets: string[]): void {
  const text = typeof output === 'string' ? output : JSON.stringify(output)
  expect(text).toContain(REDACTED)
  for (const secret of secrets)
    for (const piece of pieces(secret)) expect(text, `"${piece}" of a secret leaked`).not.toContain(piece)
}

const enc = encodeURIComponent
/** How a string looks once it has been through JSON.stringify and is then itself a string (an error body, say). */
const jsonInString = (value: unknown) => JSON.stringify(JSON.stringify(value)).slice(1, -1)

describe('redactText: secrets inside free text', () => {
  const cases: [string, string, string[]][] = [
    // passwords
    ['a form body', `username=alice&password=${enc(PASSWORD)}&next=/`, [enc(PASSWORD)]],
    [
      'a form body, djoser field names',
      `current_password=${enc(PASSWORD)}&new_password=${enc(PASSWORD)}`,
      [enc(PASSWORD)],
    ],
    ['a password after a colon', `password: ${BARE_PASSWORD}`, [BARE_PASSWORD]],
    ['a password in JSON, with a space in it', JSON.stringify({ new_password: PASSWORD }), [PASSWORD]],
    ['a password in JSON inside a string', jsonInString({ re_new_password: PASSWORD }), [PASSWORD]],
    ['a password URL-encoded in a query', `/login?next=%2F&password%3D${enc(PASSWORD)}`, [enc(PASSWORD)]],
    ['a password in URL-encoded JSON', enc(JSON.stringify({ password: PASSWORD })), [enc(PASSWORD)]],
    ['a password in single quotes', `password='${PASSWORD}'`, [PASSWORD]],
    // session tokens
    ['a bare DRF token', `token is ${DRF_TOKEN}.`, [DRF_TOKEN]],
    ['a DRF token in upper case', `got ${DRF_TOKEN.toUpperCase()}`, [DRF_TOKEN.toUpperCase()]],
    ['a DRF token in a JSON answer', JSON.stringify({ auth_token: DRF_TOKEN }), [DRF_TOKEN]],
    ['a Django session id', `sessionid=${SESSION_ID}`, [SESSION_ID]],
    ['a CSRF token in a form body', `csrfmiddlewaretoken=${CSRF}&username=alice`, [CSRF]],
    ['a named token that is neither hex nor a reset token', `access_token=${BEARER}`, [BEARER]],
    ['an API key', `api_key: ${CSRF}`, [CSRF]],
    // reset tokens and links
    ['a bare reset token', `the token ${RESET_TOKEN} expired`, [RESET_TOKEN]],
    ['a reset token in upper case', `TOKEN ${RESET_TOKEN.toUpperCase()}`, [RESET_TOKEN.toUpperCase()]],
    ['an app reset link', `opened ${RESET_LINK} from the mail`, [RESET_LINK, 'corp/MQ']],
    ['a web reset link', `see ${WEB_RESET_LINK}`, [WEB_RESET_LINK]],
    ['a reset link URL-encoded', `next=${enc(WEB_RESET_LINK)}`, [enc(WEB_RESET_LINK), 'accounts.example']],
    [
      'a reset link JSON-escaped with \\/',
      WEB_RESET_LINK.replaceAll('/', '\\/'),
      ['accounts.example', 'MQ\\/'],
    ],
    [
      'a link with a token in its query',
      'https://accounts.example.com/activate?uid=MQ&key=secretvalue1',
      ['secretvalue1'],
    ],
    ['a reset link in a sentence in quotes', `"${RESET_LINK}"`, [RESET_LINK]],
    // cookies
    ['a Cookie header', `Cookie: sessionid=${SESSION_ID}; theme=dark-mode-on`, [SESSION_ID, 'dark-mode-on']],
    ['a Set-Cookie header', `Set-Cookie: csrftoken=${CSRF}; Path=/; SameSite=Lax`, [CSRF]],
    ['a cookie header in JSON', JSON.stringify({ cookie: `messages=${CSRF}` }), [CSRF]],
    // Authorization headers
    ['an Authorization header, DRF Token scheme', `Authorization: Token ${BEARER}`, [BEARER]],
    ['an Authorization header, Bearer scheme', `authorization: Bearer ${BEARER}`, [BEARER]],
    ['an Authorization header, Basic scheme', `Authorization: Basic ${BASIC}`, [BASIC]],
    ['an Authorization header in JSON', JSON.stringify({ Authorization: `Token ${BEARER}` }), [BEARER]],
    [
      'an Authorization header in JSON inside a string',
      jsonInString({ Authorization: `Bearer ${BEARER}` }),
      [BEARER],
    ],
    ['an Authorization header URL-encoded', `authorization%3DBearer%20${BEARER}`, [BEARER]],
    ['a Proxy-Authorization header', `Proxy-Authorization: Basic ${BASIC}`, [BASIC]],
  ]

  it.each(cases)('%s', (_shape, text, secrets) => {
    expectClean(redactText(text), ...secrets)
  })

  it('keeps what names the secret, so the line still says what was there', () => {
    expect(redactText(`password=${BARE_PASSWORD}`)).toBe(`password=${REDACTED}`)
    expect(redactText(`Authorization: Token ${BEARER}`)).toBe(`Authorization: ${REDACTED}`)
    expect(redactText(`Cookie: sessionid=${SESSION_ID}`)).toBe(`Cookie: ${REDACTED}`)
    expect(redactText(`opened ${RESET_LINK} from the mail`)).toBe(`opened ${REDACTED} from the mail`)
  })

  it('is idempotent: redacting twice changes nothing more', () => {
    for (const text of [
      `password=x&token=${DRF_TOKEN}`,
      `Authorization: Bearer ${BEARER}`,
      `Cookie: a=b`,
      JSON.stringify({ password: PASSWORD }),
    ]) {
      const once = redactText(text)
      expect(redactText(once)).toBe(once)
    }
  })

  it('leaves ordinary text alone', () => {
    for (const text of [
      'account.signed-in',
      'reset link refused',
      'The password is too short. It must contain at least 8 characters.',
      'server corp answered 400 after 1.2 s',
      'ipc.foreign-sender',
    ])
      expect(redactText(text)).toBe(text)
  })
})

describe('redactText: the shortcut for text that cannot hold a secret', () => {
  /** Text made of the pieces the patterns key on (names, joins, schemes, hex runs) and of ordinary words. */
  const PIECES = [
    ...['password', 'PassWd', 'token', 'secret', 'sessionid', 'csrftoken', 'uid', 'api_key', 'api-key'],
    ...['authorization', 'Proxy-Authorization', 'cookie', 'Set-Cookie', 'Bearer ', 'Token '],
    ...['=', ':', ': ', '"', "'", '\\"', '%3A', '%3d', '%22', '%2F', '//', '\\/', ' ', ';', '&', ',', '-'],
    ...[
      'https',
      'https://',
      'app:',
      'https%3A%2F%2F',
      'accountdesk',
      'csrf',
      'a1b2c3d4e5f6a7b8c9d0',
      'deadbeef',
      'diusln',
      RESET_TOKEN,
      DRF_TOKEN,
    ],
    ...['backend.ok', 'signIn', 'whoAmI', 'requestReset', 'operation', 'error', 'timeout', 'label', 'é', 'x'],
  ]
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((parts) => parts.join(''))

  it('gives what every pattern gives, on any text', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string(), fc.string({ unit: 'binary' })), (value) => {
        expect(redactText(value)).toBe(applySecretPatterns(value))
      }),
      { numRuns: 20_000 },
    )
  })

  it('leaves the words of a log line as they are', () => {
    for (const word of ['backend.ok', 'operation', 'signIn', 'requestReset', 'network', 'http.response'])
      expect(redactText(word)).toBe(word)
  })
})

describe('redact: secrets inside values', () => {
  it('redacts every value under a secret-sounding key, whatever its type', () => {
    const out = redact({
      password: PASSWORD,
      currentPassword: PASSWORD,
      new_password: PASSWORD,
      sessionToken: 'abc',
      token: { nested: 'anything' },
      resetToken: 42,
      secret: ['a', 'b'],
      Authorization: `Basic ${BASIC}`,
      cookie: 'a=b',
      'set-cookie': ['sessionid=x'],
      sessionid: SESSION_ID,
      csrfmiddlewaretoken: CSRF,
      uid: 'MQ',
      url: 'https://accounts.example.com/',
      resetLink: 'anything',
      apiKey: 'k',
    }) as Record<string, unknown>
    for (const [key, value] of Object.entries(out)) expect(value, key).toBe(REDACTED)
  })

  it('redacts secrets inside strings nested in objects and arrays', () => {
    const out = redact({
      request: {
        body: `username=alice&password=${enc(PASSWORD)}`,
        headers: [`Authorization: Token ${DRF_TOKEN}`],
      },
      mails: [[`Follow ${RESET_LINK}`], { text: `or open ${WEB_RESET_LINK}` }],
    })
    expectClean(out, enc(PASSWORD), DRF_TOKEN, RESET_TOKEN, RESET_LINK, 'accounts.example')
    expect(out).toMatchObject({ request: { headers: [`Authorization: ${REDACTED}`] } })
  })

  it('redacts an Error to its name and a redacted message, never its stack or extra fields', () => {
    const error = Object.assign(new TypeError(`could not open ${RESET_LINK}: token ${RESET_TOKEN}`), {
      config: { headers: { Authorization: `Token ${DRF_TOKEN}` }, data: `password=${enc(PASSWORD)}` },
    })
    const out = redact({ error })
    expectClean(out, RESET_LINK, RESET_TOKEN, DRF_TOKEN, enc(PASSWORD))
    expect(out).toEqual({
      error: { name: 'TypeError', message: `could not open ${REDACTED} token ${REDACTED}` },
    })
  })

  it('redacts errors inside arrays and objects', () => {
    const out = redact({
      errors: [new Error(`Cookie: sessionid=${SESSION_ID}`)],
      last: { cause: new Error(DRF_TOKEN) },
    })
    expectClean(out, SESSION_ID, DRF_TOKEN)
  })

  it('redacts a secret used as a key', () => {
    const out = redact({ pending: { [WEB_RESET_LINK]: 'waiting', [RESET_TOKEN]: 1 } })
    expectClean(out, WEB_RESET_LINK, RESET_TOKEN)
  })

  it('redacts bytes instead of listing them one number per byte', () => {
    expect(redact({ body: Buffer.from(PASSWORD) })).toEqual({ body: REDACTED })
    expect(redact([new Uint8Array([1, 2, 3])])).toEqual([REDACTED])
    expect(redact(new TextEncoder().encode(PASSWORD).buffer)).toBe(REDACTED)
  })

  it('stops at depth 5 and at 20 array items, and redacts what it cannot describe', () => {
    const deep = { a: { b: { c: { d: { e: { f: PASSWORD } } } } } }
    expect(JSON.stringify(redact(deep))).toBe(`{"a":{"b":{"c":{"d":{"e":"${REDACTED}"}}}}}`)
    expect(redact([[[[[['deepest']]]]]])).toEqual([[[[[REDACTED]]]]])
    const many = Array.from({ length: 30 }, (_, i) => i)
    expect(redact(many)).toEqual(many.slice(0, 20))
    expect(redact(() => PASSWORD)).toBe(REDACTED)
    expect(redact(Symbol(PASSWORD))).toBe(REDACTED)
    expect(redact(10n)).toBe(REDACTED)
  })

  it('passes numbers, booleans, null and undefined through', () => {
    expect(redact({ n: 3, ok: true, none: null, missing: undefined })).toEqual({
      n: 3,
      ok: true,
      none: null,
      missing: undefined,
    })
  })
})

describe('createLogger: every line through the redaction', () => {
  it('redacts the event name and the fields, and writes one JSON line per call', () => {
    const lines: string[] = []
    const logger = createLogger(
      (line) => lines.push(line),
      'debug',
      () => new Date('2026-12-01T00:00:00Z'),
    )
    logger.info(`opened ${RESET_LINK}`, { body: `password=${enc(PASSWORD)}`, error: new Error(DRF_TOKEN) })
    expect(lines).toHaveLength(1)
    expectClean(lines[0], RESET_LINK, enc(PASSWORD), DRF_TOKEN)
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2026-12-01T00:00:00.000Z',
      level: 'info',
      event: `opened ${REDACTED}`,
      body: `password=${REDACTED}`,
      error: { name: 'Error', message: REDACTED },
    })
  })

  it('drops lines below the minimum level', () => {
    const lines: string[] = []
    const logger = createLogger((line) => lines.push(line), 'warn')
    logger.debug('d')
    logger.info('i')
    logger.warn('w')
    logger.error('e')
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['warn', 'error'])
  })

  it('logs from info up by default, and everything at debug', () => {
    const levels = (logger: (sink: (line: string) => void) => Logger) => {
      const lines: string[] = []
      const l = logger((line) => lines.push(line))
      l.debug('d')
      l.info('i')
      l.error('e')
      return lines.map((line) => (JSON.parse(line) as { level: string }).level)
    }
    expect(levels((sink) => createLogger(sink))).toEqual(['info', 'error'])
    expect(levels((sink) => createLogger(sink, 'debug'))).toEqual(['debug', 'info', 'error'])
  })
})
