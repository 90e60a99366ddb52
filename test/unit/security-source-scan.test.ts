import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * A grep over every source the app or its dev tools run (src/, tools/) for the settings and calls the security
 * checklist forbids outright. Electronegativity covers some of these too; this scan needs no parser, so it also
 * sees what Electronegativity cannot (a spread object, a quoted key, a dynamic receiver).
 */
const ROOT = path.resolve(import.meta.dirname, '../..')
const SCANNED = ['src', 'tools']
const EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.html'])

interface Rule {
  name: string
  pattern: RegExp
  /** Files (relative to the repository) where the pattern is the point. */
  allowedIn?: string[]
  /** A line that must be flagged (proves the pattern works). */
  example: string
}

const key = (name: string, value: string) => new RegExp(`["']?\\b${name}["']?\\s*:\\s*${value}\\b`)

const RULES: Rule[] = [
  // Never accept a certificate error (checklist, unnumbered row).
  {
    name: "a 'certificate-error' handler",
    pattern: /certificate-error/,
    example: "app.on('certificate-error', cb)",
  },
  {
    name: 'setCertificateVerifyProc',
    pattern: /setCertificateVerifyProc/,
    example: 'ses.setCertificateVerifyProc(f)',
  },
  {
    name: 'ignore-certificate-errors and friends',
    pattern:
      /ignore-certificate-errors|ignore-ssl-errors|allow-insecure-localhost|ignore-urlfetcher-cert-requests/,
    example: "app.commandLine.appendSwitch('ignore-certificate-errors')",
  },
  {
    name: 'TLS verification turned off in Node',
    pattern: /NODE_TLS_REJECT_UNAUTHORIZED|rejectUnauthorized\s*:\s*false|checkServerIdentity\s*:\s*\(\)/,
    example: 'new https.Agent({ rejectUnauthorized: false })',
  },
  // Rows 2–4, 6, 8–12.
  { name: 'webSecurity: false', pattern: key('webSecurity', 'false'), example: 'webSecurity: false,' },
  {
    name: 'allowRunningInsecureContent: true',
    pattern: key('allowRunningInsecureContent', 'true'),
    example: "'allowRunningInsecureContent': true",
  },
  {
    name: 'nodeIntegration (in any form): true',
    pattern: key('nodeIntegration(?:InWorker|InSubFrames)?', 'true'),
    example: 'nodeIntegrationInSubFrames: true',
  },
  {
    name: 'contextIsolation: false',
    pattern: key('contextIsolation', 'false'),
    example: 'contextIsolation:false',
  },
  { name: 'sandbox: false', pattern: key('sandbox', 'false'), example: '"sandbox": false' },
  {
    name: 'experimentalFeatures: true',
    pattern: key('experimentalFeatures', 'true'),
    example: 'experimentalFeatures: true',
  },
  { name: 'webviewTag: true', pattern: key('webviewTag', 'true'), example: 'webviewTag: true' },
  {
    name: 'enableBlinkFeatures with a feature',
    pattern: /enableBlinkFeatures\s*:\s*['"`][^'"`]/,
    example: "enableBlinkFeatures: 'CSSVariables'",
  },
  { name: 'a <webview> tag', pattern: /<webview\b/i, example: '<webview src="https://x">' },
  {
    name: 'switches that weaken Chromium',
    pattern: /disable-web-security|['"]--?no-sandbox['"]|disable-site-isolation|remote-debugging-port/,
    example: "appendSwitch('disable-web-security')",
  },
  {
    name: 'the remote module',
    pattern: /enableRemoteModule|@electron\/remote/,
    example: "require('@electron/remote')",
  },
  // Row 15: the OS opener only through the one allowlisted wrapper.
  {
    name: 'shell.openExternal outside src/main/security/external-links.ts',
    pattern: /\bshell\s*\)?\s*(?:\.\s*openExternal|\[\s*['"]openExternal['"]\s*\])/,
    allowedIn: ['src/main/security/external-links.ts'],
    example: 'electron.shell.openExternal(url)',
  },
  // Row 18: the renderer comes from app://, never from file://.
  {
    name: 'a window loading a file',
    pattern: /\.loadFile\s*\(|loadURL\s*\(\s*[`'"]file:/,
    example: "win.loadURL('file:///x/index.html')",
  },
  // Row 7: nothing that the CSP exists to stop.
  {
    name: 'eval or new Function',
    pattern: /(?<![\w.])eval\s*\(|\bnew\s+Function\s*\(/,
    example: 'const f = new Function("return 1")',
  },
  {
    name: 'raw HTML injection',
    pattern: /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=/,
    example: 'el.innerHTML = s',
  },
  // Row 20: the preload never hands out ipcRenderer.
  {
    name: 'ipcRenderer exposed to the page',
    pattern: /exposeInMainWorld\([^,]+,\s*(?:ipcRenderer\b|\{[^}]*\bipcRenderer\b)/,
    example: "contextBridge.exposeInMainWorld('x', ipcRenderer)",
  },
]

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) out.push(...sources(full))
    else if (EXTENSIONS.has(path.extname(name))) out.push(full)
  }
  return out
}

const files = SCANNED.flatMap((d) => sources(path.join(ROOT, d))).map((full) => ({
  file: path.relative(ROOT, full).split(path.sep).join('/'),
  lines: readFileSync(full, 'utf8').split(/\r?\n/),
}))

describe('source scan: nothing the security checklist forbids', () => {
  it('scans the app and its tools', () => {
    expect(files.length).toBeGreaterThan(50)
    expect(files.map((f) => f.file)).toContain('src/main/shell/window.ts')
    expect(files.map((f) => f.file)).toContain('src/renderer/index.html')
  })

  it.each(RULES.map((r) => [r.name, r] as const))('no %s', (_name, rule) => {
    expect(rule.pattern.test(rule.example), `the pattern misses its own example: ${rule.example}`).toBe(true)
    const hits: string[] = []
    for (const { file, lines } of files) {
      if (rule.allowedIn?.includes(file)) continue
      lines.forEach((line, i) => {
        if (rule.pattern.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(hits).toEqual([])
  })

  it('the one allowed shell.openExternal call is behind the shape check', () => {
    const text = readFileSync(path.join(ROOT, 'src/main/security/external-links.ts'), 'utf8')
    const calls = text.split('\n').filter((l) => /\.openExternal\(/.test(l) && !l.trim().startsWith('*'))
    expect(calls).toHaveLength(1)
    expect(text).toMatch(/if \(!safeExternalShape\(url\)\) throw[^\n]*\n\s*await shell\.openExternal\(url\)/)
  })
})
