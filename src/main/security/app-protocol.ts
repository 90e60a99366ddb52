import path from 'node:path'
import { APP_HOST, APP_PROTOCOL } from '../../shared/app'
import { SECURITY_HEADERS } from './csp'

/**
 * Checklist row 18: the renderer is served from `app://account-desk/…` by this handler (registered with
 * `protocol.handle`), never from file://. Only GET of files inside `root`; traversal, encoded separators,
 * other hosts and other methods are refused. Every answer carries the CSP and `Referrer-Policy: no-referrer`.
 */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

export type ReadFile = (absolutePath: string) => Promise<Uint8Array>

/** Maps a request URL to a file inside `root`, or null when it must be refused. Pure. */
export function resolveAppPath(rawUrl: string, root: string): string | null {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_PROTOCOL}:` || url.host !== APP_HOST || url.username || url.password)
    return null
  const rawPath = url.pathname
  // Encoded separators, dots or NULs are never legitimate in the renderer's own file names.
  if (/%2e|%2f|%5c|%00/i.test(rawPath) || rawPath.includes('\\') || rawPath.includes('\0')) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return null
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  if (relative.split('/').some((segment) => segment === '..' || segment === '.')) return null
  const absoluteRoot = path.resolve(root)
  const target = path.resolve(absoluteRoot, relative)
  if (target !== absoluteRoot && !target.startsWith(absoluteRoot + path.sep)) return null
  if (!(path.extname(target) in CONTENT_TYPES)) return null
  return target
}

export function createAppProtocolHandler(
  root: string,
  readFile: ReadFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const refuse = (status: number) => new Response(null, { status, headers: { ...SECURITY_HEADERS } })
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405)
    const target = resolveAppPath(request.url, root)
    if (!target) return refuse(404)
    let body: Uint8Array
    try {
      body = await readFile(target)
    } catch {
      return refuse(404)
    }
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': CONTENT_TYPES[path.extname(target)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      },
    })
  }
}
