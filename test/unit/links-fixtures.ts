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
