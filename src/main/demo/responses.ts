/**
 * The answers Django and DRF give, header for header (docs/server-protocol.md, "Every call"): JSON without a charset,
 * `Allow` on every DRF answer, Django's security headers, `WWW-Authenticate: Token` on 401s, an empty 204 with
 * `Content-Length: 0` and no Content-Type, and Django's own plain HTML pages for 301/400/404/500.
 *
 * The demo renders JSON only (DRF with the Browsable API turned off), so responses carry no `Vary: Accept`.
 */
export interface DemoResponse {
  status: number
  headers: Array<[string, string]>
  body: string
}

const SECURITY = {
  nosniff: ['X-Content-Type-Options', 'nosniff'] as [string, string],
  referrer: ['Referrer-Policy', 'same-origin'] as [string, string],
  frame: ['X-Frame-Options', 'DENY'] as [string, string],
}

const byteLength = (s: string): string => String(Buffer.byteLength(s, 'utf8'))

/** DRF's JSONRenderer: compact separators, UTF-8 as is, U+2028/2029 escaped; `indent` from the Accept header. */
export function renderJson(data: unknown, indent: number | null): string {
  const text = indent ? JSON.stringify(data, null, indent) : JSON.stringify(data)
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

export interface DrfOptions {
  allow: string
  indent?: number | null
  wwwAuthenticate?: boolean
  retryAfter?: number
}

/** A DRF Response: `data` undefined means no body (204 and friends). */
export function drfResponse(status: number, data: unknown, options: DrfOptions): DemoResponse {
  const headers: Array<[string, string]> = []
  const body = data === undefined ? '' : renderJson(data, options.indent ?? null)
  if (data !== undefined) headers.push(['Content-Type', 'application/json'])
  if (options.wwwAuthenticate) headers.push(['WWW-Authenticate', 'Token'])
  if (options.retryAfter !== undefined) headers.push(['Retry-After', String(options.retryAfter)])
  headers.push(['Allow', options.allow], SECURITY.frame, ['Content-Length', byteLength(body)])
  headers.push(SECURITY.nosniff, SECURITY.referrer)
  return { status, headers, body }
}

function djangoPage(title: string, text: string): string {
  return `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p>${text}</p>\n</body>\n</html>\n`
}

/** A Django error page (DEBUG=False) with the headers Django's middleware adds to it. */
function errorPage(status: number, title: string, text: string): DemoResponse {
  const body = djangoPage(title, text)
  return {
    status,
    headers: [
      ['Content-Type', 'text/html'],
      SECURITY.frame,
      ['Content-Length', byteLength(body)],
      SECURITY.nosniff,
      SECURITY.referrer,
    ],
    body,
  }
}

/** Django's 404 page (DEBUG=False). */
export const notFoundPage = (): DemoResponse =>
  errorPage(404, 'Not Found', 'The requested resource was not found on this server.')

/** Django's 500 page: what a djoser bug or a duplicate e-mail gives. */
export const serverErrorPage = (): DemoResponse => errorPage(500, 'Server Error (500)', '')

/** Django's 400 page: a Host that is not allowed, too many form fields, a body over the limit. */
export function badRequestPage(): DemoResponse {
  const body = djangoPage('Bad Request (400)', '')
  return {
    status: 400,
    headers: [
      ['Content-Type', 'text/html'],
      ['Content-Length', byteLength(body)],
      SECURITY.nosniff,
      SECURITY.referrer,
    ],
    body,
  }
}

/** CommonMiddleware's APPEND_SLASH redirect: 301, relative Location, empty body, no X-Frame-Options. */
export function appendSlashRedirect(location: string): DemoResponse {
  return {
    status: 301,
    headers: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Location', location],
      ['Content-Length', '0'],
      SECURITY.nosniff,
      SECURITY.referrer,
    ],
    body: '',
  }
}

/**
 * Not djoser: what the demo answers when its e-mailed link is opened in a browser (a real site's front end would
 * serve that page). It never shows the link or its token.
 */
export function resetLinkPage(): DemoResponse {
  const body = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Account Desk demo server</title>
</head>
<body>
  <h1>Account Desk demo server</h1>
  <p>This password reset link belongs to the demo server built into Account Desk.</p>
  <p>Open the mail in Account Desk's demo mailbox and click the link there, or copy this page's address and use
  "Paste the link" in Account Desk.</p>
</body>
</html>
`
  return {
    status: 200,
    headers: [
      ['Content-Type', 'text/html; charset=utf-8'],
      [
        'Content-Security-Policy',
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      ],
      ['Cache-Control', 'no-store'],
      SECURITY.frame,
      ['Content-Length', byteLength(body)],
      SECURITY.nosniff,
      ['Referrer-Policy', 'no-referrer'],
    ],
    body,
  }
}
