import { z } from 'zod'
import { BACKEND_KIND_IDS, backendKind, SIGN_IN_WITH } from './backend-kinds'

export type { BackendKind } from './backend-kinds'

/** A profile's `kind`: one of the kinds in the registry (src/shared/backend-kinds). */
export const backendKindSchema = z.enum(BACKEND_KIND_IDS)

/** What people type to sign in: their username or their e-mail address. */
export const signInWithSchema = z.enum(SIGN_IN_WITH)
export type SignInWith = z.infer<typeof signInWithSchema>

/** The rules the server enforces, as far as the client knows them. The server stays the judge. */
export const passwordRulesSchema = z.object({
  minLength: z.number().int().min(1).max(128).default(8),
  /** Django's NumericPasswordValidator. */
  notNumeric: z.boolean().default(true),
  /** Django's CommonPasswordValidator. */
  notCommon: z.boolean().default(true),
  /** Django's UserAttributeSimilarityValidator (username, e-mail). */
  notSimilar: z.boolean().default(true),
  maxLength: z.number().int().min(64).max(4096).default(4096),
})
export type PasswordRules = z.infer<typeof passwordRulesSchema>
export const defaultPasswordRules: PasswordRules = passwordRulesSchema.parse({})

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]', '::1'] as const
export const isLoopbackHost = (hostname: string): boolean =>
  (LOOPBACK_HOSTS as readonly string[]).includes(hostname.toLowerCase()) ||
  /^127(\.\d{1,3}){3}$/.test(hostname)

/** A server's address: https, or http for this computer only; no credentials, query or fragment. */
export const baseUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value)
      if (url.username || url.password || url.search || url.hash) return false
      if (url.protocol === 'https:') return true
      return url.protocol === 'http:' && isLoopbackHost(url.hostname)
    } catch {
      return false
    }
  }, 'Use an https:// address (plain http is allowed only for this computer, e.g. http://127.0.0.1:8000).')

/** `/auth/` style: starts and ends with a slash. */
const prefixSchema = z.string().regex(/^\/([A-Za-z0-9._~-]+\/)*$/, 'A path such as /auth/ or /accounts/')

/**
 * The confirm-link path as the server e-mails it: must end in `{uid}` and `{token}`, e.g. `reset/{uid}/{token}`,
 * or in django-allauth's key `{uid}-{token}` (its uid is base36 and never holds a dash).
 */
const confirmPatternSchema = z
  .string()
  .max(200)
  .refine(
    (p) => /^[A-Za-z0-9._~/-]*\{uid\}[/-]\{token\}\/?$/.test(p.replace(/^\//, '')),
    'The pattern must end in {uid}/{token} or {uid}-{token} (optionally with a trailing slash).',
  )

export const serverProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Lowercase letters, digits and dashes'),
    displayName: z.string().trim().min(1).max(80),
    baseUrl: baseUrlSchema,
    kind: backendKindSchema,
    prefix: prefixSchema.optional(),
    confirmPath: confirmPatternSchema.optional(),
    /**
     * What people sign in with, when the server does not say (djoser's OPTIONS on the token endpoint and
     * Django's login form are asked first).
     */
    signInWith: signInWithSchema.optional(),
    /** djoser's PASSWORD_RESET_CONFIRM_RETYPE / SET_PASSWORD_RETYPE. */
    retypeField: z.boolean().default(false),
    passwordRules: passwordRulesSchema.default(defaultPasswordRules),
    timeoutMs: z.number().int().min(1000).max(120000).default(15000),
  })
  .transform((p) => {
    const { defaults } = backendKind(p.kind)
    return {
      ...p,
      baseUrl: p.baseUrl.replace(/\/+$/, ''),
      prefix: p.prefix ?? defaults.prefix,
      confirmPath: (p.confirmPath ?? defaults.confirmPath).replace(/^\//, ''),
    }
  })
export type ServerProfileInput = z.input<typeof serverProfileSchema>
export type ServerProfile = z.output<typeof serverProfileSchema>
