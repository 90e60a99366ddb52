import { z } from 'zod'
import { linkHandleSchema } from '../../../shared/contract'
import { appMessageSchema } from '../../../shared/messages'
import type { Screen } from './types'

/**
 * What survives a reload of the window (Ctrl+R, a crashed page reloaded by the shell): the screen the user was on,
 * with the reset link's *handle* when the screen holds one. Never a password (the screens keep typed input in
 * their own state, not in the screen) and never a token (the renderer has none).
 *
 * Kept in the page's sessionStorage rather than in main: the screen is the renderer's own business, main already
 * keeps the handle's secret (handles outlive a reload, not a restart), and sessionStorage belongs to this one
 * window and is gone when it closes, so nothing here outlives the app run that made it. A handle that has expired
 * meanwhile is told on submit like any other ("no longer open in Account Desk").
 */
export interface SessionMemory {
  load(): Screen | null
  save(screen: Screen): void
}

const KEY = 'account-desk.screen'

const serverId = z.string().min(1).max(200)
const resetStep = z.discriminatedUnion('name', [
  z.object({ name: z.literal('forgot'), serverId: serverId.nullable(), email: z.string().max(254) }),
  z.object({
    name: z.literal('sent'),
    serverId,
    email: z.string().max(254),
    requestedAt: z.string(),
    resendAt: z.number(),
  }),
  z.object({ name: z.literal('arrived'), link: linkHandleSchema }),
  z.object({ name: z.literal('checking'), link: linkHandleSchema }),
  z.object({
    name: z.literal('form'),
    link: linkHandleSchema,
    linkStatus: z.enum(['valid', 'unknown', 'not-checked']),
  }),
  z.object({
    name: z.literal('done'),
    serverId,
    username: z.string(),
    otherSessions: appMessageSchema.nullable(),
  }),
  z.object({
    name: z.literal('problem'),
    serverId: serverId.nullable(),
    email: z.string(),
    message: appMessageSchema,
    issuedAt: z.string().optional(),
    usedHereAt: z.string().optional(),
  }),
])

/** The screens worth coming back to; About reloads its diagnostics, home needs nothing. */
const restorable = z.discriminatedUnion('flow', [
  z.object({ flow: z.literal('home') }),
  z.object({ flow: z.literal('about') }),
  z.object({ flow: z.literal('addServer'), step: z.object({ name: z.literal('form') }) }),
  z.object({
    flow: z.literal('signIn'),
    step: z.object({
      name: z.literal('form'),
      serverId: serverId.nullable(),
      username: z.string().max(254),
      reason: z.enum(['add', 'after-reset', 'after-change', 'session-expired', 'may-have-applied']),
    }),
  }),
  z.object({ flow: z.literal('reset'), step: resetStep }),
  z.object({
    flow: z.literal('change'),
    step: z.discriminatedUnion('name', [
      z.object({ name: z.literal('form'), accountId: serverId }),
      z.object({
        name: z.literal('done'),
        accountId: serverId,
        stillSignedIn: z.boolean(),
        otherSessions: appMessageSchema.nullable(),
      }),
    ]),
  }),
])

type Restorable = z.infer<typeof restorable>

const toScreen = (saved: Restorable): Screen =>
  saved.flow === 'about' ? { flow: 'about', diagnostics: null } : saved

/**
 * The memory kept in `storage()` (the window's sessionStorage); a storage that refuses, or a page that may not
 * have one, keeps nothing and the app starts at its first screen as it always did.
 */
export function sessionMemory(storage: () => Pick<Storage, 'getItem' | 'setItem'>): SessionMemory {
  return {
    load() {
      try {
        const parsed = restorable.safeParse(JSON.parse(storage().getItem(KEY) ?? 'null'))
        return parsed.success ? toScreen(parsed.data) : null
      } catch {
        return null
      }
    },
    save(screen) {
      // About's diagnostics are fetched again; the rest of a screen is small and holds no secret.
      const kept = screen.flow === 'about' ? { flow: 'about' } : screen
      try {
        storage().setItem(KEY, JSON.stringify(kept))
      } catch {
        // Full or refused: a reload then starts at the first screen, as before.
      }
    },
  }
}
