import { z } from 'zod'
import { linkHandleSchema } from '../../../shared/contract'
import { appMessageSchema } from '../../../shared/messages'
import type { Screen } from './types'

/**
 * What a screen kept across a reload (session-memory.ts) must look like to be shown again. Its own module, loaded
 * only when there is a kept screen to check: zod and the contract's schemas are not needed for a fresh start, and
 * building them would delay the first screen.
 */

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

/** The kept screen, if it is one worth coming back to and well-formed; else null. */
export function restoredScreen(kept: unknown): Screen | null {
  const parsed = restorable.safeParse(kept)
  if (!parsed.success) return null
  const saved: Restorable = parsed.data
  return saved.flow === 'about' ? { flow: 'about', diagnostics: null } : saved
}
