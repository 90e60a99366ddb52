import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppProtocolHandler, resolveAppPath } from '../../src/main/security/app-protocol'
import { parseCsp, RENDERER_CSP } from '../../src/main/security/csp'

const root = path.resolve('/srv/app/renderer')
const files: Record<string, string> = {
  [path.join(root, 'index.html')]: '<!doctype html><title>x</title>',
  [path.join(root, 'assets/app.js')]: 'console.log(1)',
}
const handler = createAppProtocolHandler(root, async (p) => {
  const body = files[p]
  if (body === undefined) throw new Error('ENOENT')
  return Buffer.from(body)
})

describe('the app:// protocol handler (checklist row 18)', () => {
  it('serves the renderer with the CSP and Referrer-Policy on every answer', async () => {
    const res = await handler(new Request('app://account-desk/index.html'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin')
    expect(await res.text()).toContain('<title>x</title>')
    const missing = await handler(new Request('app://account-desk/nope.js'))
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-security-policy')).toBe(RENDERER_CSP)
  })

  it('maps / to index.html', async () => {
    expect(resolveAppPath('app://account-desk/', root)).toBe(path.join(root, 'index.html'))
    expect((await handler(new Request('app://account-desk/assets/app.js'))).status).toBe(200)
  })

  it.each([
    'app://account-desk/../../etc/passwd',
    'app://account-desk/%2e%2e/%2e%2e/etc/passwd',
    'app://account-desk/assets/%2F..%2F..%2Fsecret.html',
    'app://account-desk/..%5c..%5cwindows%5cwin.ini',
    'app://account-desk/assets/..\\..\\x.html',
    'app://account-desk/%00index.html',
    'app://account-desk/index.html%00.js',
    'app://other-host/index.html',
    'app://account-desk.evil/index.html',
    'app://user:pw@account-desk/index.html',
    'file:///srv/app/renderer/index.html',
    'https://account-desk/index.html',
    'app://account-desk/secrets.env',
    'app://account-desk/%E0%A4%A',
    'not a url',
  ])('refuses %s', async (url) => {
    expect(resolveAppPath(url, root)).toBeNull()
  })

  it('refuses methods other than GET and HEAD', async () => {
    const res = await handler(new Request('app://account-desk/index.html', { method: 'POST', body: 'x' }))
    expect(res.status).toBe(405)
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP)
  })

  it('answers HEAD with the headers and no body', async () => {
    const res = await handler(new Request('app://account-desk/index.html', { method: 'HEAD' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toBe('')
  })

  it('maps the bare origin to index.html, and ignores repeated leading slashes', () => {
    expect(resolveAppPath('app://account-desk', root)).toBe(path.join(root, 'index.html'))
    expect(resolveAppPath('app://account-desk//index.html', root)).toBe(path.join(root, 'index.html'))
  })

  it.each([
    ['.html', 'text/html; charset=utf-8'],
    ['.js', 'text/javascript; charset=utf-8'],
    ['.mjs', 'text/javascript; charset=utf-8'],
    ['.css', 'text/css; charset=utf-8'],
    ['.json', 'application/json'],
    ['.svg', 'image/svg+xml'],
    ['.png', 'image/png'],
    ['.ico', 'image/x-icon'],
    ['.woff2', 'font/woff2'],
    ['.txt', 'text/plain; charset=utf-8'],
  ])('serves %s as %s', async (ext, type) => {
    const any = createAppProtocolHandler(root, async () => Buffer.from('x'))
    const res = await any(new Request(`app://account-desk/assets/file${ext}`))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(type)
  })
})

describe('parseCsp', () => {
  it('splits on ";" and any whitespace, lower-cases names, and skips empty parts', () => {
    const parsed = parseCsp(
      "  Default-Src\t 'none' ;; script-src  'self'\n'wasm-unsafe-eval' ;upgrade-insecure-requests; ",
    )
    expect([...parsed.entries()]).toEqual([
      ['default-src', ["'none'"]],
      ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
      ['upgrade-insecure-requests', []],
    ])
  })
})

describe('the renderer CSP (checklist row 7)', () => {
  const csp = parseCsp(RENDERER_CSP)
  it('is strict', () => {
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('connect-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:/)
  })
})
