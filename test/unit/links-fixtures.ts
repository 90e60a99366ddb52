import { serverProfileSchema, type ServerProfile } from '../../src/shared/profile'

/** Real profiles, through the same schema the app uses. */
export const servers: ServerProfile[] = [
  serverProfileSchema.parse({
    id: 'acme',
    displayName: 'ACME accounts',
    baseUrl: 'https://accounts.example.com',
    kind: 'djoser',
  }),
  serverProfileSchema.parse({
    id: 'forms',
    displayName: 'Local Django',
    baseUrl: 'http://127.0.0.1:49149',
    kind: 'django-forms',
  }),
  serverProfileSchema.parse({
    id: 'sub',
    displayName: 'Sub-path djoser',
    baseUrl: 'https://example.org:8443/api/',
    kind: 'djoser',
  }),
  serverProfileSchema.parse({
    id: 'v6',
    displayName: 'IPv6 loopback',
    baseUrl: 'http://[::1]:8000',
    kind: 'djoser',
  }),
  serverProfileSchema.parse({
    id: 'allauth',
    displayName: 'allauth headless',
    baseUrl: 'https://id.example.net',
    kind: 'allauth',
  }),
  serverProfileSchema.parse({
    id: 'idn',
    displayName: 'Bücher',
    baseUrl: 'https://bücher.example',
    kind: 'django-forms',
  }),
]

export const scheme = 'accountdesk'
export const ctx = { scheme, servers }

/** The token of a djoser mail written at 2026-11-30 11:15:23 (docs/server-protocol.md, "Token and uid"). */
export const TOKEN = 'diusln-88aa9a15913d435fa538b434f728f58d'
export const UID = 'MQ'

/**
 * Links crafted to break out of the quotes a launcher puts around them (`"%1"`, the CVE-2018-1000006
 * precondition) and so add switches to the app's command line.
 */
export const ARGV_INJECTIONS = [
  `${scheme}://x" --demo "`,
  `${scheme}://x" --demo`,
  `${scheme}://accounts.example.com/reset/MQ/${TOKEN}" --demo --no-sandbox "`,
  `${scheme}://x" --gpu-launcher="calc.exe`,
  `${scheme}://x" --inspect=9229 --demo "`,
  `${scheme}://x"\t--demo\t"`,
  `${scheme}://x" "--demo`,
]

/**
 * The argv Windows builds from the registered command `"<exe>" -- "%1"` for a link (CommandLineToArgvW's
 * quoting: a quote toggles, blanks outside quotes separate; backslash rules are not needed for these strings).
 */
export function windowsArgv(exe: string, link: string): string[] {
  const line = `"${exe}" -- "${link}"`
  const args: string[] = []
  let current = ''
  let quoted = false
  let started = false
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted
      started = true
    } else if (!quoted && (ch === ' ' || ch === '\t')) {
      if (started) args.push(current)
      current = ''
      started = false
    } else {
      current += ch
      started = true
    }
  }
  if (started) args.push(current)
  return args
}
