/**
 * Reading what Django's file e-mail backend wrote (docs/server-protocol.md, "E-mails in tests"): one file per connection, each
 * message as RFC 5322 text followed by a line of 79 dashes. A file can hold several messages.
 */
export interface Mail {
  to: string[]
  subject: string
  /** The text/plain part (or the whole body of a single-part mail), decoded. */
  text: string
  html?: string
  /** Order in which the backend wrote it. */
  seq: number
}

export interface ResetLinkInMail {
  url: string
  uid: string
  token: string
}

export const MAIL_SEPARATOR = '-'.repeat(79)

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const normalized = raw.replace(/\r\n/g, '\n')
  const end = normalized.indexOf('\n\n')
  const head = end < 0 ? normalized : normalized.slice(0, end)
  const body = end < 0 ? '' : normalized.slice(end + 2)
  const headers = new Map<string, string>()
  let last = ''
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && last) headers.set(last, `${headers.get(last)} ${line.trim()}`)
    else {
      const i = line.indexOf(':')
      if (i <= 0) continue
      last = line.slice(0, i).trim().toLowerCase()
      headers.set(last, line.slice(i + 1).trim())
    }
  }
  return { headers, body }
}

function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g,
    (_, _charset: string, enc: string, text: string) => {
      if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8')
      const bytes = text
        .replace(/_/g, ' ')
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
      return Buffer.from(bytes, 'latin1').toString('utf8')
    },
  )
}

function decodeBody(body: string, encoding: string | undefined): string {
  const cte = (encoding ?? '7bit').toLowerCase()
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (cte === 'quoted-printable') {
    const bytes = body
      .replace(/=\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    return Buffer.from(bytes, 'latin1').toString('utf8')
  }
  return body
}

export function parseMessage(raw: string, seq: number): Mail {
  const { headers, body } = splitHead(raw.replace(/^\n+/, ''))
  const type = headers.get('content-type') ?? 'text/plain'
  const mail: Mail = {
    to: (headers.get('to') ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    subject: decodeWords(headers.get('subject') ?? ''),
    text: '',
    seq,
  }
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break
      const parsed = splitHead(part.replace(/^\n/, ''))
      const partType = parsed.headers.get('content-type') ?? 'text/plain'
      const decoded = decodeBody(parsed.body, parsed.headers.get('content-transfer-encoding'))
      if (/^text\/plain/i.test(partType) && !mail.text) mail.text = decoded
      else if (/^text\/html/i.test(partType) && !mail.html) mail.html = decoded
    }
  } else {
    mail.text = decodeBody(body, headers.get('content-transfer-encoding'))
  }
  return mail
}

/** Every message of one mail file, in order. */
export function parseMailFile(content: string, firstSeq = 0): Mail[] {
  return content
    .replace(/\r\n/g, '\n')
    .split(`\n${MAIL_SEPARATOR}\n`)
    .map((chunk) =>
      chunk.endsWith(`\n${MAIL_SEPARATOR}`) ? chunk.slice(0, -MAIL_SEPARATOR.length - 1) : chunk,
    )
    .filter((chunk) => chunk.trim().length > 0 && chunk.trim() !== MAIL_SEPARATOR)
    .map((chunk, i) => parseMessage(chunk, firstSeq + i))
}

/**
 * The reset link in a mail: djoser's `…/reset/<uid>/<token>`, Django's `…/accounts/reset/<uid>/<token>/`, or
 * django-allauth's `…/password/reset/key/<uidb36>-<token>/` (its own page or the app link).
 */
export function extractResetLink(text: string): ResetLinkInMail | null {
  const allauth =
    /([a-z][a-z0-9+.-]*:\/\/[^\s/"'<>]+\/(?:[^\s"'<>]*\/)?key\/([0-9a-z]+)-([0-9a-z]{1,13}-[0-9a-f]{20,64})\/?)(?=[\s"'<>]|$)/.exec(
      text,
    )
  if (allauth?.[1] && allauth[2] && allauth[3]) return { url: allauth[1], uid: allauth[2], token: allauth[3] }
  const match =
    /([a-z][a-z0-9+.-]*:\/\/[^\s/"'<>]+\/(?:[^\s"'<>]*\/)?([A-Za-z0-9_-]+)\/([0-9a-z]{1,13}-[0-9a-f]{20,40})\/?)(?=[\s"'<>]|$)/.exec(
      text,
    )
  if (!match || !match[1] || !match[2] || !match[3]) return null
  return { url: match[1], uid: match[2], token: match[3] }
}
