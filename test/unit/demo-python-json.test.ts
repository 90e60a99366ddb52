import { describe, expect, it } from 'vitest'
import {
  PyDict,
  PyNumber,
  pyDecode,
  pyFloatRepr,
  pyJsonLoads,
  type PyValue,
} from '../../src/main/demo/python-json'
import { parseRequestBody } from '../../src/main/demo/request-body'
import { negotiate } from '../../src/main/demo/negotiation'
import { runCharField, runFields, type RequestData } from '../../src/main/demo/drf-fields'

/**
 * Every expectation below was produced by Debian's Python 3.11.2 (the interpreter Django runs on):
 *   json.loads(text, parse_constant=<DRF's strict_constant>) → json.dumps(value) or str(error)
 *   codecs.getreader('utf-8')(io.BytesIO(data)).read() → text or str(error)   (what DRF's JSONParser reads)
 *   repr(float)
 */
const TEXTS: Array<[string, { ok: true; value: string } | { ok: false; error: string }]> = [
  ['[', { ok: false, error: 'Expecting value: line 1 column 2 (char 1)' }],
  ['[1,', { ok: false, error: 'Expecting value: line 1 column 4 (char 3)' }],
  ['[1', { ok: false, error: "Expecting ',' delimiter: line 1 column 3 (char 2)" }],
  ['{', { ok: false, error: 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)' }],
  ['{"a"', { ok: false, error: "Expecting ':' delimiter: line 1 column 5 (char 4)" }],
  ['{"a":', { ok: false, error: 'Expecting value: line 1 column 6 (char 5)' }],
  ['{"a":1', { ok: false, error: "Expecting ',' delimiter: line 1 column 7 (char 6)" }],
  [
    '{"a":1,',
    { ok: false, error: 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)' },
  ],
  ['"abc', { ok: false, error: 'Unterminated string starting at: line 1 column 1 (char 0)' }],
  ['"\\u004', { ok: false, error: 'Invalid \\uXXXX escape: line 1 column 3 (char 2)' }],
  ['"\\u0041', { ok: false, error: 'Invalid \\uXXXX escape: line 1 column 3 (char 2)' }],
  ['"\\u0041"', { ok: true, value: '"A"' }],
  ['"\\ud83d\\ude00"', { ok: true, value: '"\\ud83d\\ude00"' }],
  ['"\\ud83d\\u0041"', { ok: true, value: '"\\ud83dA"' }],
  ['"\\ud83d\\uzz41"', { ok: false, error: 'Invalid \\uXXXX escape: line 1 column 9 (char 8)' }],
  ['"\\ud83d"', { ok: true, value: '"\\ud83d"' }],
  ['"\\ud83d\\', { ok: false, error: 'Unterminated string starting at: line 1 column 1 (char 0)' }],
  ['[1 2]', { ok: false, error: "Expecting ',' delimiter: line 1 column 4 (char 3)" }],
  ['[,]', { ok: false, error: 'Expecting value: line 1 column 2 (char 1)' }],
  ['[]', { ok: true, value: '[]' }],
  ['{}', { ok: true, value: '{}' }],
  [' ', { ok: false, error: 'Expecting value: line 1 column 2 (char 1)' }],
  ['', { ok: false, error: 'Expecting value: line 1 column 1 (char 0)' }],
  ['nul', { ok: false, error: 'Expecting value: line 1 column 1 (char 0)' }],
  ['-', { ok: false, error: 'Expecting value: line 1 column 1 (char 0)' }],
  ['-0', { ok: true, value: '0' }],
  ['-01', { ok: false, error: 'Extra data: line 1 column 3 (char 2)' }],
  ['1.', { ok: false, error: 'Extra data: line 1 column 2 (char 1)' }],
  ['1.e5', { ok: false, error: 'Extra data: line 1 column 2 (char 1)' }],
  ['1e', { ok: false, error: 'Extra data: line 1 column 2 (char 1)' }],
  ['1E+2', { ok: true, value: '100.0' }],
  ['0.1e-3', { ok: true, value: '0.0001' }],
  ['"a\u0000"', { ok: false, error: 'Invalid control character at: line 1 column 3 (char 2)' }],
  ['"\t"', { ok: false, error: 'Invalid control character at: line 1 column 2 (char 1)' }],
  ['[NaN]', { ok: false, error: "Out of range float values are not JSON compliant: 'NaN'" }],
  ['[-Infinity]', { ok: false, error: "Out of range float values are not JSON compliant: '-Infinity'" }],
  ['{"a":Infinity}', { ok: false, error: "Out of range float values are not JSON compliant: 'Infinity'" }],
  ['123abc', { ok: false, error: 'Extra data: line 1 column 4 (char 3)' }],
  ['"\\x"', { ok: false, error: 'Invalid \\escape: line 1 column 2 (char 1)' }],
  [
    '\ufeff{}',
    { ok: false, error: 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)' },
  ],
  ['{"\u00e9":"\\u00e9"}\n\n x', { ok: false, error: 'Extra data: line 3 column 2 (char 17)' }],
  ['{"a":1}  ', { ok: true, value: '{"a": 1}' }],
  ['true', { ok: true, value: 'true' }],
  ['tru', { ok: false, error: 'Expecting value: line 1 column 1 (char 0)' }],
  ['1.5e308', { ok: true, value: '1.5e+308' }],
  ['1e400', { ok: true, value: 'Infinity' }],
  ['{"a" 1}', { ok: false, error: "Expecting ':' delimiter: line 1 column 6 (char 5)" }],
  ['{"a":-}', { ok: false, error: 'Expecting value: line 1 column 6 (char 5)' }],
  ['{"a":01}', { ok: false, error: "Expecting ',' delimiter: line 1 column 7 (char 6)" }],
  ['{"a":[1,]}', { ok: false, error: 'Expecting value: line 1 column 9 (char 8)' }],
  [
    "{'a':1}",
    { ok: false, error: 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)' },
  ],
  [
    '{"username":"alice","password":"x"',
    { ok: false, error: "Expecting ',' delimiter: line 1 column 35 (char 34)" },
  ],
  ['[1, {"a": [true, false, null]}, "x"]', { ok: true, value: '[1, {"a": [true, false, null]}, "x"]' }],
  ['\n\n  {"a":\n  ]', { ok: false, error: 'Expecting value: line 4 column 3 (char 12)' }],
  ['"\ud83d\ude00\\"', { ok: false, error: 'Unterminated string starting at: line 1 column 1 (char 0)' }],
  [
    '{"\ud83d\ude00\ud83d\ude00":1 x}',
    { ok: false, error: "Expecting ',' delimiter: line 1 column 9 (char 8)" },
  ],
  ['{"a":"b"}{"c":1}', { ok: false, error: 'Extra data: line 1 column 10 (char 9)' }],
  ['"\\/\\b\\f\\n\\r\\t\\"\\\\"', { ok: true, value: '"/\\b\\f\\n\\r\\t\\"\\\\"' }],
]
const BYTES: Array<[string, { ok: true; text: string } | { ok: false; error: string }]> = [
  ['ff', { ok: false, error: "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte" }],
  ['6162c3', { ok: true, text: 'ab' }],
  [
    '6162c328',
    { ok: false, error: "'utf-8' codec can't decode byte 0xc3 in position 2: invalid continuation byte" },
  ],
  ['e282', { ok: true, text: '' }],
  [
    'e28228',
    { ok: false, error: "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte" },
  ],
  [
    'e228a1',
    { ok: false, error: "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte" },
  ],
  [
    'eda080',
    { ok: false, error: "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte" },
  ],
  ['c080', { ok: false, error: "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte" }],
  [
    'f5808080',
    { ok: false, error: "'utf-8' codec can't decode byte 0xf5 in position 0: invalid start byte" },
  ],
  ['f09f98', { ok: true, text: '' }],
  ['78f09f988079', { ok: true, text: 'x\ud83d\ude00y' }],
  [
    'f4908080',
    { ok: false, error: "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte" },
  ],
  [
    'e08080',
    { ok: false, error: "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte" },
  ],
  ['7b2261223a22c3a9227d', { ok: true, text: '{"a":"\u00e9"}' }],
]
const FLOATS: Array<[string, string]> = [
  ['1.0', '1.0'],
  ['1e+16', '1e+16'],
  ['1e-05', '1e-05'],
  ['0.0001', '0.0001'],
  ['1.5e+300', '1.5e+300'],
  ['1.2345678901234568e+17', '1.2345678901234568e+17'],
  ['1234567890123456.0', '1234567890123456.0'],
  ['-0.0', '-0.0'],
  ['1e+22', '1e+22'],
  ['0.30000000000000004', '0.30000000000000004'],
  ['5e-324', '5e-324'],
  ['12.5', '12.5'],
  ['-3.25e-07', '-3.25e-07'],
  ['100.0', '100.0'],
  ['1000000000000000.0', '1000000000000000.0'],
  ['1e+16', '1e+16'],
  ['0.00025', '0.00025'],
]
/** Python's json.dumps(value) with its defaults (', ' and ': ' separators, ensure_ascii). */
function pyDumps(value: PyValue): string {
  if (value === null) return 'null'
  if (value === true) return 'true'
  if (value === false) return 'false'
  if (value instanceof PyNumber) {
    if (!value.isInt && !Number.isFinite(value.value)) return value.value > 0 ? 'Infinity' : '-Infinity'
    return value.toString()
  }
  if (typeof value === 'string') {
    let out = '"'
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i)
      const ch = value[i] as string
      if (ch === '"' || ch === '\\') out += `\\${ch}`
      else if (ch === '\n') out += '\\n'
      else if (ch === '\r') out += '\\r'
      else if (ch === '\t') out += '\\t'
      else if (ch === '\b') out += '\\b'
      else if (ch === '\f') out += '\\f'
      else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`
      else out += ch
    }
    return `${out}"`
  }
  if (Array.isArray(value)) return `[${value.map(pyDumps).join(', ')}]`
  return `{${[...value.entries.entries()].map(([k, v]) => `${pyDumps(k)}: ${pyDumps(v)}`).join(', ')}}`
}

describe("Python's json.loads, as DRF's JSONParser runs it", () => {
  it.each(TEXTS)('%j', (text, expected) => {
    if (expected.ok) expect(pyDumps(pyJsonLoads(text))).toBe(expected.value)
    else expect(() => pyJsonLoads(text)).toThrow(expected.error)
  })

  it('refuses integers longer than Python 3.11’s 4300-digit limit with Python’s message', () => {
    expect(() => pyJsonLoads('1'.repeat(5000))).toThrow(
      'Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit',
    )
  })

  it('keeps the last of duplicate keys at the first key’s position', () => {
    const value = pyJsonLoads('{"a":1,"b":2,"a":3}') as PyDict
    expect([...value.entries.keys()]).toEqual(['a', 'b'])
    expect(String(value.get('a'))).toBe('3')
    expect((pyJsonLoads('{"__proto__":1}') as PyDict).has('__proto__')).toBe(true)
  })
})

describe('the UTF-8 stream reader in front of it', () => {
  it.each(BYTES)('%s', (hex, expected) => {
    const bytes = Buffer.from(hex, 'hex')
    if (expected.ok) expect(pyDecode(bytes, 'utf-8')).toBe(expected.text)
    else expect(() => pyDecode(bytes, 'utf-8')).toThrow(expected.error)
  })
})

describe("Python's str() of a float (what a CharField makes of 1.5)", () => {
  it.each(FLOATS)('%s', (repr, str) => {
    expect(pyFloatRepr(Number(repr))).toBe(str)
  })
  it('str() of JSON integers is their canonical digits', () => {
    expect(String(pyJsonLoads('-0'))).toBe('0')
    expect(String(pyJsonLoads('123456789012345678901234567890'))).toBe('123456789012345678901234567890')
    expect(String(pyJsonLoads('1e400'))).toBe('inf')
  })
})

const body = (text: string, type?: string) => parseRequestBody(Buffer.from(text, 'utf8'), type)
const data = (text: string, type = 'application/json'): RequestData => {
  const parsed = body(text, type)
  if (!parsed.ok) throw new Error('expected a body')
  return parsed.data
}

describe('request.data (DRF parsers behind Django’s dev server)', () => {
  it('answers parse errors with DRF’s detail', () => {
    expect(body('{"username":"alice","password":"x"', 'application/json')).toEqual({
      ok: false,
      status: 400,
      detail: "JSON parse error - Expecting ',' delimiter: line 1 column 35 (char 34)",
    })
    expect(parseRequestBody(Buffer.from([0xff, 0xfe]), 'application/json')).toEqual({
      ok: false,
      status: 400,
      detail: "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
    })
    expect(body('x', 'text/plain')).toEqual({
      ok: false,
      status: 415,
      detail: 'Unsupported media type "text/plain" in request.',
    })
    // Django's dev server calls a body without Content-Type text/plain.
    expect(body('x', undefined)).toMatchObject({
      status: 415,
      detail: 'Unsupported media type "text/plain" in request.',
    })
    expect(body('x', 'multipart/form-data')).toEqual({
      ok: false,
      status: 400,
      detail: 'Multipart form parse error - Invalid boundary in multipart: None',
    })
  })

  it('reads no body as {} whatever the type, and matches media types as DRF does', () => {
    expect(parseRequestBody(null, 'text/plain')).toMatchObject({ ok: true })
    expect(body('{}', 'Application/JSON')).toMatchObject({ ok: true })
    expect(body('{}', 'application/json; charset=bogus')).toMatchObject({ ok: true })
    expect(body('{}', '*/*')).toMatchObject({ ok: true })
    expect(body('{}', 'application/vnd.api+json')).toMatchObject({ status: 415 })
    expect(
      parseRequestBody(Buffer.from('{"username":"\xe9"}', 'latin1'), 'application/json; charset=latin-1'),
    ).toMatchObject({
      ok: true,
    })
  })

  it('parses forms like Django’s QueryDict: last value wins, + is a space, broken escapes stay', () => {
    const form = data(
      'username=al%69ce&password=a+b%2Bc&username=bob&flag&bad=%zz%e9',
      'application/x-www-form-urlencoded',
    )
    expect(runFields(form, [{ name: 'username' }, { name: 'password' }, { name: 'bad' }]).values).toEqual(
      new Map([
        ['username', 'bob'],
        ['password', 'a b+c'],
        ['bad', '%zz\ufffd'],
      ]),
    )
    // An optional field left blank in a form counts as absent; in JSON it is "may not be blank".
    expect(
      runCharField(data('username=', 'application/x-www-form-urlencoded'), {
        name: 'username',
        required: false,
      }),
    ).toEqual({
      ok: 'skip',
    })
    expect(runCharField(data('{"username":""}'), { name: 'username', required: false })).toEqual({
      ok: false,
      errors: ['This field may not be blank.'],
    })
  })

  it('parses multipart fields and refuses files where a string is expected', () => {
    const boundary = 'XyZ'
    const multipart = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="email"',
      '',
      'demo@example.com',
      `--${boundary}`,
      'Content-Disposition: form-data; name="token"; filename="t.txt"',
      'Content-Type: text/plain',
      '',
      'abc',
      `--${boundary}--`,
      '',
    ].join('\r\n')
    const parsed = data(multipart, `multipart/form-data; boundary=${boundary}`)
    expect(runCharField(parsed, { name: 'email', email: true })).toEqual({
      ok: true,
      value: 'demo@example.com',
    })
    expect(runCharField(parsed, { name: 'token' })).toEqual({ ok: false, errors: ['Not a valid string.'] })
  })
})

describe("DRF's CharField", () => {
  const one = (json: string, spec: Parameters<typeof runCharField>[1]) => runCharField(data(json), spec)
  it('gives DRF’s messages for missing, null, blank, wrong types and bad characters', () => {
    expect(one('{}', { name: 'f' })).toEqual({ ok: false, errors: ['This field is required.'] })
    expect(one('{"f":null}', { name: 'f' })).toEqual({ ok: false, errors: ['This field may not be null.'] })
    expect(one('{"f":"  "}', { name: 'f' })).toEqual({ ok: false, errors: ['This field may not be blank.'] })
    expect(one('{"f":[1]}', { name: 'f' })).toEqual({ ok: false, errors: ['Not a valid string.'] })
    expect(one('{"f":true}', { name: 'f' })).toEqual({ ok: false, errors: ['Not a valid string.'] })
    expect(one('{"f":[1]}', { name: 'f', email: true })).toEqual({
      ok: false,
      errors: ['Enter a valid email address.'],
    })
    expect(one('{"f":"a\\u0000b"}', { name: 'f' })).toEqual({
      ok: false,
      errors: ['Null characters are not allowed.'],
    })
    expect(one('{"f":"a\\ud800"}', { name: 'f' })).toEqual({
      ok: false,
      errors: ['Surrogate characters are not allowed: U+D800.'],
    })
  })

  it('trims whitespace and turns numbers into Python’s str()', () => {
    expect(one('{"f":"  pass word  "}', { name: 'f' })).toEqual({ ok: true, value: 'pass word' })
    expect(one('{"f":12}', { name: 'f' })).toEqual({ ok: true, value: '12' })
    expect(one('{"f":1.0}', { name: 'f' })).toEqual({ ok: true, value: '1.0' })
    expect(one('{"f":1e20}', { name: 'f' })).toEqual({ ok: true, value: '1e+20' })
  })

  it('validates e-mail addresses as Django’s EmailValidator', () => {
    // Each address judged by Django 3.2's validate_email.
    const valid = [
      'a@localhost',
      'alice@example.com',
      '"quoted"@example.com',
      'x@[127.0.0.1]',
      'x@[::1]',
      'a@bücher.example',
      'A@EXAMPLE.COM',
      'a.b+c@sub.example.co.uk',
    ]
    const invalid = [
      'a@b',
      'not-an-email',
      'a@-example.com',
      'a@example.c',
      'x@[300.1.1.1]',
      'x@[01.1.1.1]',
      'a b@example.com',
      '"quoted local"@example.com',
      'é@example.com',
      'a@example.com.',
      `${'a'.repeat(310)}@example.com`,
    ]
    for (const email of valid)
      expect(one(JSON.stringify({ f: email }), { name: 'f', email: true }), email).toEqual({
        ok: true,
        value: email,
      })
    for (const email of invalid)
      expect(one(JSON.stringify({ f: email }), { name: 'f', email: true }), email).toMatchObject({
        ok: false,
      })
    expect(
      one(JSON.stringify({ f: `${'a'.repeat(250)}@x.io` }), { name: 'f', email: true, maxLength: 254 }),
    ).toEqual({
      ok: false,
      errors: ['Ensure this field has no more than 254 characters.'],
    })
  })
})

describe("DRF's content negotiation with the JSON renderer only", () => {
  it('accepts JSON, wildcards and ignores q; refuses the rest with 406', () => {
    expect(negotiate(undefined, null)).toEqual({ ok: true, indent: null })
    expect(negotiate('application/json', null)).toEqual({ ok: true, indent: null })
    expect(negotiate('*/*; q=0', null)).toEqual({ ok: true, indent: null })
    expect(negotiate('text/html, application/*;q=0.5', null)).toEqual({ ok: true, indent: null })
    expect(negotiate('text/html', null)).toEqual({ ok: false, status: 406 })
    expect(negotiate('application/xml', null)).toEqual({ ok: false, status: 406 })
    expect(negotiate('', null)).toEqual({ ok: false, status: 406 })
  })
  it('honours indent (0–8) and the format override', () => {
    expect(negotiate('application/json; indent=2', null)).toEqual({ ok: true, indent: 2 })
    expect(negotiate('application/json; indent=40', null)).toEqual({ ok: true, indent: 8 })
    expect(negotiate('application/json; indent=0', null)).toEqual({ ok: true, indent: null })
    expect(negotiate('text/html', 'json')).toEqual({ ok: false, status: 406 })
    expect(negotiate('application/json', 'xml')).toEqual({ ok: false, status: 404 })
  })
})
