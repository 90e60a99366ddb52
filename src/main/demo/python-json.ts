/**
 * Request bodies read the way Django REST framework reads them, so that the demo's 400 answers match djoser's
 * byte for byte: DRF's JSONParser is Python's `json.load` over a decoding stream reader, and its errors become
 * `{"detail": "JSON parse error - <Python's message>"}`. This module reproduces CPython 3.11's C scanner
 * (Modules/_json.c): the same accepted language (NaN/Infinity included, refused afterwards by DRF's strict
 * constant hook), the same messages and the same `line L column C (char N)` positions, counted in code points.
 *
 * Values keep Python's distinctions that matter downstream: int versus float (DRF's CharField turns both into
 * strings with Python's `str()`), and object key order with last-wins duplicates.
 */

export type PyValue = null | boolean | string | PyNumber | PyValue[] | PyDict

export class PyDict {
  readonly entries = new Map<string, PyValue>()
  get(key: string): PyValue | undefined {
    return this.entries.get(key)
  }
  has(key: string): boolean {
    return this.entries.has(key)
  }
}

export class PyNumber {
  constructor(
    readonly isInt: boolean,
    /** The literal as written (ints) or the parsed double (floats). */
    readonly literal: string,
    readonly value: number,
  ) {}
  /** Python's `str()` of the number. */
  toString(): string {
    return this.isInt ? pyIntText(this.literal) : pyFloatRepr(this.value)
  }
}

export class PyJsonError extends Error {}

/** The type name Python reports for a value (`Expected a dictionary, but got list.`). */
export function pyTypeName(value: PyValue): string {
  if (value === null) return 'NoneType'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'string') return 'str'
  if (value instanceof PyNumber) return value.isInt ? 'int' : 'float'
  if (Array.isArray(value)) return 'list'
  return 'dict'
}

function pyIntText(literal: string): string {
  const negative = literal.startsWith('-')
  const digits = (negative ? literal.slice(1) : literal).replace(/^0+(?=\d)/, '')
  return negative && digits !== '0' ? `-${digits}` : digits
}

/** Python's repr(float): shortest round-trip digits; exponent form when the exponent is < -4 or >= 16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (x === Infinity) return 'inf'
  if (x === -Infinity) return '-inf'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const sign = x < 0 ? '-' : ''
  const [mantissa, expText] = Math.abs(x).toExponential().split('e') as [string, string]
  const digits = mantissa.replace('.', '')
  const exp = Number(expText)
  const decpt = exp + 1
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp))
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`
}

/** Python's `repr()` of a str, for the messages that quote one. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = quote
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number
    if (ch === quote || ch === '\\') out += `\\${ch}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`
    else out += ch
  }
  return out + quote
}

const WS = new Set([' ', '\t', '\n', '\r'])
const NUMBER = /^(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?/
const INT_MAX_STR_DIGITS = 4300

class StopIteration {
  constructor(readonly idx: number) {}
}

/** Python's JSONDecodeError text: `msg: line L column C (char N)`. */
function decodeError(msg: string, doc: string[], pos: number): PyJsonError {
  let line = 1
  let lastNewline = -1
  for (let i = 0; i < pos && i < doc.length; i++) {
    if (doc[i] === '\n') {
      line++
      lastNewline = i
    }
  }
  return new PyJsonError(`${msg}: line ${line} column ${pos - lastNewline} (char ${pos})`)
}

class Scanner {
  constructor(private readonly s: string[]) {}

  private skipWs(idx: number): number {
    while (idx < this.s.length && WS.has(this.s[idx] as string)) idx++
    return idx
  }

  private startsWith(idx: number, word: string): boolean {
    for (let i = 0; i < word.length; i++) if (this.s[idx + i] !== word[i]) return false
    return true
  }

  scanOnce(idx: number): [PyValue, number] {
    const s = this.s
    if (idx >= s.length) throw new StopIteration(idx)
    const c = s[idx]
    switch (c) {
      case '"':
        return this.scanString(idx + 1)
      case '{':
        return this.parseObject(idx + 1)
      case '[':
        return this.parseArray(idx + 1)
      case 'n':
        if (this.startsWith(idx, 'null')) return [null, idx + 4]
        break
      case 't':
        if (this.startsWith(idx, 'true')) return [true, idx + 4]
        break
      case 'f':
        if (this.startsWith(idx, 'false')) return [false, idx + 5]
        break
      case 'N':
        if (this.startsWith(idx, 'NaN')) return strictConstant('NaN')
        break
      case 'I':
        if (this.startsWith(idx, 'Infinity')) return strictConstant('Infinity')
        break
      case '-':
        if (this.startsWith(idx, '-Infinity')) return strictConstant('-Infinity')
        break
    }
    return this.matchNumber(idx)
  }

  private matchNumber(start: number): [PyValue, number] {
    // Only ASCII characters can be part of a number (CPython's C scanner ignores other Unicode digits).
    let end = start
    while (end < this.s.length && /^[-+.0-9eE]$/.test(this.s[end] as string)) end++
    const m = NUMBER.exec(this.s.slice(start, end).join(''))
    if (!m) throw new StopIteration(start)
    const [text, integer, frac, exp] = m as unknown as [
      string,
      string,
      string | undefined,
      string | undefined,
    ]
    if (frac || exp) return [new PyNumber(false, text, Number(text)), start + text.length]
    const digits = integer.replace('-', '').length
    if (digits > INT_MAX_STR_DIGITS)
      throw new PyJsonError(
        `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
      )
    return [new PyNumber(true, text, Number(text)), start + text.length]
  }

  private scanString(end: number): [string, number] {
    const s = this.s
    const len = s.length
    const begin = end - 1
    let out = ''
    for (;;) {
      let next = end
      let c = ''
      for (; next < len; next++) {
        c = s[next] as string
        if (c === '"' || c === '\\') break
        if ((c.codePointAt(0) as number) <= 0x1f) throw decodeError('Invalid control character at', s, next)
      }
      if (next >= len) throw decodeError('Unterminated string starting at', s, begin)
      out += s.slice(end, next).join('')
      next++
      if (c === '"') {
        end = next
        break
      }
      if (next === len) throw decodeError('Unterminated string starting at', s, begin)
      c = s[next] as string
      if (c !== 'u') {
        end = next + 1
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        }
        const decoded = simple[c]
        if (decoded === undefined) throw decodeError('Invalid \\escape', s, end - 2)
        out += decoded
        continue
      }
      next++
      end = next + 4
      if (end >= len) throw decodeError('Invalid \\uXXXX escape', s, next - 1)
      let code = this.hex4(next, end)
      next = end
      if (code >= 0xd800 && code <= 0xdbff && end + 6 < len && s[next] === '\\' && s[next + 1] === 'u') {
        const low = this.hex4(next + 2, end + 6)
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
          end += 6
        }
      }
      out += String.fromCodePoint(code)
    }
    return [out, end]
  }

  /** Four hex digits ending at `end`; the error points at the escape's first digit, like CPython's. */
  private hex4(from: number, end: number): number {
    let code = 0
    for (let i = from; i < end; i++) {
      const d = this.s[i] as string
      if (!/^[0-9a-fA-F]$/.test(d)) throw decodeError('Invalid \\uXXXX escape', this.s, end - 5)
      code = (code << 4) | parseInt(d, 16)
    }
    return code
  }

  private parseObject(idx: number): [PyDict, number] {
    const s = this.s
    const dict = new PyDict()
    idx = this.skipWs(idx)
    if (idx >= s.length || s[idx] !== '}') {
      for (;;) {
        if (idx >= s.length || s[idx] !== '"')
          throw decodeError('Expecting property name enclosed in double quotes', s, idx)
        const [key, afterKey] = this.scanString(idx + 1)
        idx = this.skipWs(afterKey)
        if (idx >= s.length || s[idx] !== ':') throw decodeError("Expecting ':' delimiter", s, idx)
        idx = this.skipWs(idx + 1)
        const [value, afterValue] = this.scanOnce(idx)
        dict.entries.set(key, value)
        idx = this.skipWs(afterValue)
        if (idx < s.length && s[idx] === '}') break
        if (idx >= s.length || s[idx] !== ',') throw decodeError("Expecting ',' delimiter", s, idx)
        idx = this.skipWs(idx + 1)
      }
    }
    return [dict, idx + 1]
  }

  private parseArray(idx: number): [PyValue[], number] {
    const s = this.s
    const list: PyValue[] = []
    idx = this.skipWs(idx)
    if (idx >= s.length || s[idx] !== ']') {
      for (;;) {
        const [value, after] = this.scanOnce(idx)
        list.push(value)
        idx = this.skipWs(after)
        if (idx < s.length && s[idx] === ']') break
        if (idx >= s.length || s[idx] !== ',') throw decodeError("Expecting ',' delimiter", s, idx)
        idx = this.skipWs(idx + 1)
      }
    }
    return [list, idx + 1]
  }
}

/** DRF's `strict_constant` hook: NaN and the infinities are refused. */
function strictConstant(name: string): never {
  throw new PyJsonError(`Out of range float values are not JSON compliant: ${pyStrRepr(name)}`)
}

/** Python's json.loads(text). Throws PyJsonError with Python's message. */
export function pyJsonLoads(text: string): PyValue {
  const doc = Array.from(text)
  if (doc[0] === '\ufeff') throw decodeError('Unexpected UTF-8 BOM (decode using utf-8-sig)', doc, 0)
  const scanner = new Scanner(doc)
  let idx = 0
  while (idx < doc.length && WS.has(doc[idx] as string)) idx++
  let value: PyValue
  let end: number
  try {
    ;[value, end] = scanner.scanOnce(idx)
  } catch (error) {
    if (error instanceof StopIteration) throw decodeError('Expecting value', doc, error.idx)
    throw error
  }
  while (end < doc.length && WS.has(doc[end] as string)) end++
  if (end !== doc.length) throw decodeError('Extra data', doc, end)
  return value
}

/**
 * Python's bytes.decode(encoding) as a StreamReader's read() does it: strict, except that an incomplete
 * sequence at the very end is dropped silently (the reader keeps it for more data that never comes).
 */
export function pyDecode(bytes: Uint8Array, encoding: 'utf-8' | 'latin-1' | 'ascii'): string {
  if (encoding === 'latin-1') return Buffer.from(bytes).toString('latin1')
  if (encoding === 'ascii') {
    const bad = bytes.findIndex((b) => b > 0x7f)
    if (bad >= 0)
      throw new PyJsonError(
        `'ascii' codec can't decode byte 0x${(bytes[bad] as number).toString(16).padStart(2, '0')} in position ${bad}: ordinal not in range(128)`,
      )
    return Buffer.from(bytes).toString('latin1')
  }
  const fail = (start: number, end: number, reason: string): never => {
    const where =
      end - start === 1
        ? `byte 0x${(bytes[start] as number).toString(16).padStart(2, '0')} in position ${start}`
        : `bytes in position ${start}-${end - 1}`
    throw new PyJsonError(`'utf-8' codec can't decode ${where}: ${reason}`)
  }
  let i = 0
  let complete = 0
  while (i < bytes.length) {
    const b = bytes[i] as number
    if (b < 0x80) {
      i++
      complete = i
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lo = 0xa0
      if (b === 0xed) hi = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lo = 0x90
      if (b === 0xf4) hi = 0x8f
    } else return fail(i, i + 1, 'invalid start byte')
    let j = 1
    for (; j <= need; j++) {
      if (i + j >= bytes.length) break
      const c = bytes[i + j] as number
      const min = j === 1 ? lo : 0x80
      const max = j === 1 ? hi : 0xbf
      if (c < min || c > max) return fail(i, i + j, 'invalid continuation byte')
    }
    if (j <= need) break // incomplete sequence at the end: dropped, as the stream reader does
    i += need + 1
    complete = i
  }
  return Buffer.from(bytes.subarray(0, complete)).toString('utf8')
}
