import { describe, expect, it } from 'vitest'
import { contract, responseResultSchema } from '../../src/shared/contract'
import { appErrorSchema } from '../../src/shared/errors'
import { appMessageSchema, noticeSchema } from '../../src/shared/messages'

describe('errors and notices cross the bridge as codes, never as sentences', () => {
  it('an error whose message is a sentence is refused; the same error with a code passes', () => {
    const sentence = { kind: 'offline', message: 'This computer is not connected to a network.' }
    expect(appErrorSchema.safeParse(sentence).success).toBe(false)
    expect(appErrorSchema.safeParse({ kind: 'offline', message: { code: 'offline' } }).success).toBe(true)
    expect(responseResultSchema('signIn').safeParse({ ok: false, error: sentence }).success).toBe(false)
  })

  it('an unknown code, a missing or extra parameter, or a parameter of the wrong type is refused', () => {
    expect(appMessageSchema.safeParse({ code: 'no-such-code' }).success).toBe(false)
    expect(appMessageSchema.safeParse({ code: 'rate-limited' }).success).toBe(false)
    expect(appMessageSchema.safeParse({ code: 'rate-limited', seconds: '30' }).success).toBe(false)
    expect(appMessageSchema.safeParse({ code: 'offline', text: 'No network.' }).success).toBe(false)
    expect(appMessageSchema.safeParse({ code: 'rate-limited', seconds: 30 }).success).toBe(true)
    expect(appMessageSchema.safeParse({ code: 'form.not-found', form: 'login page' }).success).toBe(false)
  })

  it('the server’s own words travel apart, verbatim, next to the code', () => {
    const parsed = appErrorSchema.parse({
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: 50 },
      serverMessage: 'Request was throttled. Expected available in 50 seconds.',
      retryAfterSeconds: 50,
    })
    expect(parsed).toMatchObject({
      serverMessage: 'Request was throttled. Expected available in 50 seconds.',
    })
  })

  it('link refusals, notices and the other-sessions outcome are codes too', () => {
    const onLink = contract.events.onLink
    expect(onLink.safeParse({ type: 'refused', message: 'This is not a password reset link.' }).success).toBe(
      false,
    )
    expect(onLink.safeParse({ type: 'refused', message: { code: 'link.refused.not-a-url' } }).success).toBe(
      true,
    )
    expect(noticeSchema.safeParse({ level: 'warning', message: 'Sign-ins are kept only…' }).success).toBe(
      false,
    )
    const reset = contract.invoke.confirmReset.response
    expect(
      reset.safeParse({ serverId: 'corp', otherSessions: 'Everywhere else you were signed out.' }).success,
    ).toBe(false)
    expect(
      reset.safeParse({ serverId: 'corp', otherSessions: { code: 'sessions.reset-signed-out' } }).success,
    ).toBe(true)
  })
})
