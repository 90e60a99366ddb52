import { PyJsonError, pyDecode, pyJsonLoads } from './python-json'
import { EMPTY_DATA, UploadedFile, type RequestData } from './drf-fields'

/**
 * Turning a request body into DRF's `request.data`, as Django's dev server, Django and DRF's three default parsers
 * (JSON, form, multipart) do it, with their error answers:
 *
 *   - no body (no Content-Length, or 0): `{}` whatever the Content-Type (WSGI reads nothing without a length)
 *   - a body without Content-Type: Django's dev server calls it `text/plain`, so 415
 *   - JSON: Python's json with DRF's messages (python-json.ts)
 *   - form: Django's QueryDict (Python's parse_qsl, `+` as space, `%xx` in UTF-8 with replacement, last value wins)
 *   - multipart: fields by name; file parts become UploadedFile (a CharField refuses them)
 */

export type BodyOutcome =
  | { ok: true; data: RequestData }
  /** DRF ParseError: 400 `{"detail": message}`. */
  | { ok: false; status: 400; detail: string }
  /** DRF UnsupportedMediaType: 415. */
  | { ok: false; status: 415; detail: string }
  /** Django refuses the request before DRF: its plain "Bad Request (400)" page. */
  | { ok: false; status: 'bad-request-page' }
  /** Python raised where Django has no handler (e.g. a non-ASCII media type): a 500 page. */
  | { ok: false; status: 'server-error' }

/** Django's DATA_UPLOAD_MAX_NUMBER_FIELDS. */
const MAX_FIELDS = 1000

export interface ContentType {
  /** Lowercased `type/subtype` as Django's parse_header returns it. */
  mediaType: string
  params: Map<string, string>
}

/** django.http.multipartparser.parse_header on a header value (keys lowercased, quoted values unquoted). */
export function parseContentType(value: string): ContentType | null {
  // eslint-disable-next-line no-control-regex -- "is it ASCII" (Django decodes the header as ASCII)
  if (!/^[\x00-\x7f]*$/.test(value)) return null
  const plist: string[] = []
  let s = `;${value}`
  while (s.startsWith(';')) {
    s = s.slice(1)
    let end = s.indexOf(';')
    while (end > 0 && (s.slice(0, end).match(/"/g)?.length ?? 0) % 2) end = s.indexOf(';', end + 1)
    if (end < 0) end = s.length
    plist.push(s.slice(0, end).trim())
    s = s.slice(end)
  }
  const mediaType = (plist.shift() ?? '').toLowerCase()
  const params = new Map<string, string>()
  for (const p of plist) {
    const i = p.indexOf('=')
    if (i < 0) continue
    let name = p.slice(0, i).trim().toLowerCase()
    if (name.endsWith('*')) name = name.slice(0, -1)
    let v = p.slice(i + 1).trim()
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"'))
      v = v.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"')
    params.set(name, v)
  }
  return { mediaType, params }
}

/** DRF's media_type_matches(parser's type, request's type): equal parts, or a wildcard on either side. */
export function mediaTypeMatches(parserType: string, requestType: string): boolean {
  const [pMain, pSub = ''] = splitType(parserType)
  const [rMain, rSub = ''] = splitType(requestType)
  if (pSub !== '*' && rSub !== '*' && rSub !== pSub) return false
  if (pMain !== '*' && rMain !== '*' && rMain !== pMain) return false
  return true
}

function splitType(type: string): [string, string] {
  const i = type.indexOf('/')
  return i < 0 ? [type, ''] : [type.slice(0, i), type.slice(i + 1)]
}

/** The request's charset, as Django sets request.encoding: only names Python's codecs know; else UTF-8. */
function charsetOf(type: ContentType): 'utf-8' | 'latin-1' | 'ascii' {
  const charset = (type.params.get('charset') ?? '').toLowerCase().replace(/_/g, '-')
  if (
    ['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'iso-ir-100', 'cp819', 'latin'].includes(charset)
  )
    return 'latin-1'
  if (['ascii', 'us-ascii', '646', 'us'].includes(charset)) return 'ascii'
  return 'utf-8'
}

/** Python's urllib.parse.unquote(s, errors='replace'): invalid escapes stay as they are. */
function pyUnquote(s: string): string {
  if (!s.includes('%')) return s
  // eslint-disable-next-line no-control-regex -- Python's unquote works on runs of ASCII characters
  return s.replace(/[\x00-\x7f]+/g, (ascii) => {
    if (!ascii.includes('%')) return ascii
    const bytes: number[] = []
    for (let i = 0; i < ascii.length; i++) {
      const hex = ascii.slice(i + 1, i + 3)
      if (ascii[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16))
        i += 2
      } else bytes.push(ascii.charCodeAt(i))
    }
    return new TextDecoder('utf-8').decode(Uint8Array.from(bytes))
  })
}

function parseForm(body: Buffer, encoding: 'utf-8' | 'latin-1' | 'ascii'): BodyOutcome {
  let text: string
  try {
    text = pyDecode(body, encoding)
    // QueryDict decodes strictly (no dropping of a truncated tail) and falls back to ISO-8859-1.
    if (encoding === 'utf-8' && Buffer.byteLength(text) !== body.length) throw new PyJsonError('truncated')
  } catch {
    text = body.toString('latin1')
  }
  const fields = new Map<string, Array<string | UploadedFile>>()
  let count = 0
  for (const pair of text.split('&')) {
    if (!pair) continue
    if (++count > MAX_FIELDS) return { ok: false, status: 'bad-request-page' }
    const eq = pair.indexOf('=')
    const name = pyUnquote((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '))
    const value = pyUnquote((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '))
    const list = fields.get(name) ?? []
    list.push(value)
    fields.set(name, list)
  }
  return { ok: true, data: { kind: 'form', fields } }
}

/** cgi.valid_boundary. */
const VALID_BOUNDARY = /^[ -~]{0,200}[!-~]$/

function parseMultipart(body: Buffer, type: ContentType): BodyOutcome {
  const boundary = type.params.get('boundary')
  if (!boundary || !VALID_BOUNDARY.test(boundary))
    return {
      ok: false,
      status: 400,
      detail: `Multipart form parse error - Invalid boundary in multipart: ${boundary ?? 'None'}`,
    }
  const fields = new Map<string, Array<string | UploadedFile>>()
  const delimiter = Buffer.from(`--${boundary}`, 'latin1')
  let pos = body.indexOf(delimiter)
  let count = 0
  while (pos >= 0) {
    let start = pos + delimiter.length
    if (body.subarray(start, start + 2).toString('latin1') === '--') break
    if (body.subarray(start, start + 2).toString('latin1') === '\r\n') start += 2
    const next = body.indexOf(delimiter, start)
    if (next < 0) break
    let end = next
    if (body.subarray(end - 2, end).toString('latin1') === '\r\n') end -= 2
    const part = body.subarray(start, end)
    pos = next
    const headEnd = part.indexOf('\r\n\r\n')
    if (headEnd < 0) continue
    const headers = new Map<string, string>()
    for (const line of part.subarray(0, headEnd).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
    }
    const disposition = parseContentType(headers.get('content-disposition') ?? '')
    if (!disposition || disposition.mediaType !== 'form-data') continue
    const rawName = disposition.params.get('name')
    if (rawName === undefined) continue
    if (++count > MAX_FIELDS) return { ok: false, status: 'bad-request-page' }
    const name = Buffer.from(rawName, 'latin1').toString('utf8')
    let value: string | UploadedFile
    const filename = disposition.params.get('filename')
    let content = part.subarray(headEnd + 4)
    if (filename !== undefined) {
      if (!filename) continue // Django skips a file input left empty
      value = new UploadedFile(filename)
    } else {
      if ((headers.get('content-transfer-encoding') ?? '').toLowerCase() === 'base64')
        content = Buffer.from(content.toString('latin1'), 'base64')
      value = new TextDecoder('utf-8').decode(content)
    }
    const list = fields.get(name) ?? []
    list.push(value)
    fields.set(name, list)
  }
  return { ok: true, data: { kind: 'form', fields } }
}

/**
 * Reads `request.data`. `body` is null when the request had no Content-Length (a chunked body is never read by
 * Django's dev server) or a length of 0.
 */
export function parseRequestBody(body: Buffer | null, contentTypeHeader: string | undefined): BodyOutcome {
  if (!body || body.length === 0) return { ok: true, data: EMPTY_DATA }
  const header = contentTypeHeader ?? 'text/plain'
  const type = parseContentType(header)
  if (!type) return { ok: false, status: 'server-error' }
  if (mediaTypeMatches('application/json', type.mediaType)) {
    let text: string
    try {
      text = pyDecode(body, charsetOf(type))
      return { ok: true, data: { kind: 'json', value: pyJsonLoads(text) } }
    } catch (error) {
      if (error instanceof PyJsonError)
        return { ok: false, status: 400, detail: `JSON parse error - ${error.message}` }
      throw error
    }
  }
  if (mediaTypeMatches('application/x-www-form-urlencoded', type.mediaType))
    return parseForm(body, charsetOf(type))
  if (mediaTypeMatches('multipart/form-data', type.mediaType)) {
    if (!type.mediaType.startsWith('multipart/'))
      return {
        ok: false,
        status: 400,
        detail: `Multipart form parse error - Invalid Content-Type: ${type.mediaType}`,
      }
    return parseMultipart(body, type)
  }
  return { ok: false, status: 415, detail: `Unsupported media type "${header}" in request.` }
}
