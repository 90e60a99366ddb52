import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  registerHandlers,
  type IpcInvokeEventLike,
  type IpcMainLike,
  type SenderRefusal,
} from '../../src/main/ipc/register'
import { createLogger } from '../../src/main/log'
import { isAppOrigin } from '../../src/main/security/origin'
import { fuzzRuns } from '../helpers/fuzz-seed'
import { startTestServices } from '../helpers/service-deps'
import type { Services } from '../../src/main/services'
import {
  channelOf,
  contract,
  invokeNames,
  responseResultSchema,
  type InvokeName,
} from '../../src/shared/contract'

/**
 * Checklist row 17 under fire: every contract channel gets at least RUNS random payloads through the real IPC
 * wrapper (registerHandlers) and the app's real handlers (createServices on a temp data folder, with one
 * configured server whose network refuses every connection). Whatever arrives — any value, the right keys with
 * the wrong types, huge strings, prototype-pollution keys, deep nesting — and whoever sends it — the app's main
 * frame, a subframe, another origin, a destroyed frame — the answer is a valid `{ok:true}` or a typed
 * `{ok:false, error:{kind}}`: never a throw, never an unhandled rejection, never a password echoed.
 */
const RUNS = fuzzRuns(1000)
const FOREIGN_RUNS = fuzzRuns(200)
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261130)
const FOREIGN_MESSAGE = { code: 'bad-request.sender' }

// --- the app under test ---------------------------------------------------------------------------------------

type Listener = (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>
interface App {
  services: Services
  listeners: Map<string, Listener>
  /** How many calls reached each handler: a refused sender must reach none. */
  handlerCalls: Map<InvokeName, number>
}

const logLines: string[] = []
const dirs: string[] = []
const apps: App[] = []
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
const counts = { calls: 0, ok: 0, errors: new Map<string, number>() }
let prototypeKeysBefore: string[]

/** The real services on a fresh data folder with two configured servers, behind the real IPC wrapper. */
async function startApp(): Promise<App> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ipc-fuzz-'))
  dirs.push(dataDir)
  await writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      servers: [
        { id: 'corp', displayName: 'Corp', baseUrl: 'https://accounts.example.com', kind: 'djoser' },
        { id: 'forms', displayName: 'Forms', baseUrl: 'https://intranet.example.com', kind: 'django-forms' },
      ],
    }),
  )
  const logger = createLogger((line) => logLines.push(line), 'debug')
  const services = await startTestServices(dataDir, { logger })
  const handlerCalls = new Map<InvokeName, number>()
  const counted = Object.fromEntries(
    invokeNames.map((name) => [
      name,
      (request: never) => {
        handlerCalls.set(name, (handlerCalls.get(name) ?? 0) + 1)
        return (services.handlers[name] as (r: never) => Promise<unknown>)(request)
      },
    ]),
  ) as unknown as Services['handlers']
  const listeners = new Map<string, Listener>()
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  }
  registerHandlers(ipc, counted, { isAppUrl: (url) => isAppOrigin(url), logger })
  const app = { services, listeners, handlerCalls }
  apps.push(app)
  return app
}

let shared: App
beforeAll(async () => {
  prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort()
  process.on('unhandledRejection', onUnhandled)
  shared = await startApp()
})

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  // Stopped first: a save still under way (a language, a server the fuzz added) ends before its folder goes.
  for (const app of apps) await app.services.stop()
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  const kinds = [...counts.errors.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`)
  console.log(
    `IPC fuzz: ${invokeNames.length} channels, ${counts.calls} calls (${counts.ok} ok; errors: ${kinds.join(', ')}); seed ${SEED}`,
  )
})

// --- senders --------------------------------------------------------------------------------------------------

const APP_URL = 'app://account-desk/index.html'
const mainFrame = { url: APP_URL, parent: null }
const trusted: IpcInvokeEventLike = { senderFrame: mainFrame, sender: { mainFrame } }

function destroyedFrameEvent(): IpcInvokeEventLike {
  // Electron's WebFrameMain throws on every property read once its frame is gone.
  const frame = {
    get url(): string {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed')
    },
    get parent(): unknown {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed')
    },
  }
  return { senderFrame: frame, sender: { mainFrame: frame } }
}

const otherMainFrame = { url: APP_URL, parent: null }
const subframe = { url: APP_URL, parent: mainFrame }

/**
 * Each sender with the one reason it must be refused for. The reason is in the refusal's log line, so a case
 * that several checks would refuse still fails when the check that should have caught it first is removed; the
 * cases marked "alone" pass every check but one.
 */
const foreignSenders: [string, SenderRefusal, () => IpcInvokeEventLike][] = [
  [
    'another origin',
    'foreign-origin',
    () => ({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: {} }),
  ],
  [
    'another origin, alone (the main frame of its own contents)',
    'foreign-origin',
    () => {
      const frame = { url: 'https://evil.example/', parent: null }
      return { senderFrame: frame, sender: { mainFrame: frame } }
    },
  ],
  [
    'a look-alike host',
    'foreign-origin',
    () => ({ senderFrame: { url: 'app://account-desk.evil.com/', parent: null } }),
  ],
  [
    'credentials in the URL',
    'foreign-origin',
    () => ({ senderFrame: { url: 'app://evil@account-desk/', parent: null } }),
  ],
  ['file://', 'foreign-origin', () => ({ senderFrame: { url: 'file:///index.html', parent: null } })],
  [
    'a dev server that is not configured',
    'foreign-origin',
    () => ({ senderFrame: { url: 'http://localhost:5173/', parent: null } }),
  ],
  ['about:blank', 'foreign-origin', () => ({ senderFrame: { url: 'about:blank', parent: null } })],
  ['an empty URL', 'foreign-origin', () => ({ senderFrame: { url: '', parent: null } })],
  ['a subframe of the app', 'subframe', () => ({ senderFrame: subframe, sender: { mainFrame } })],
  [
    'a subframe of the app, alone (its contents report it as their main frame)',
    'subframe',
    () => ({ senderFrame: subframe, sender: { mainFrame: subframe } }),
  ],
  ['a subframe of the app, alone (no sender to compare with)', 'subframe', () => ({ senderFrame: subframe })],
  [
    "a top-level app frame that is not its contents' main frame, alone",
    'not-main-frame',
    () => ({ senderFrame: { url: APP_URL, parent: null }, sender: { mainFrame: otherMainFrame } }),
  ],
  ['a null frame, alone', 'no-frame', () => ({ senderFrame: null })],
  ['no frame at all, alone', 'no-frame', () => ({ senderFrame: undefined })],
  ['a destroyed frame, alone', 'frame-gone', destroyedFrameEvent],
]

/** The refusal reasons logged since line `from`. */
function refusalsSince(from: number): string[] {
  return logLines
    .slice(from)
    .map((line) => JSON.parse(line) as { event: string; reason?: string })
    .filter((line) => line.event === 'ipc.foreign-sender')
    .map((line) => String(line.reason))
}

// --- payloads -------------------------------------------------------------------------------------------------

const hugeString = fc
  .tuple(fc.integer({ min: 5_000, max: 200_000 }), fc.constantFrom('x', 'é', '\u0000', '🙂', '%2e', '<'))
  .map(([n, c]) => c.repeat(n))
const nasty = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '__proto__',
    'constructor',
    'toString',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'accountdesk://accounts.example.com/reset/MQ/abc-0123456789abcdef0123',
    'https://accounts.example.com/reset/MQ/abc-0123456789abcdef0123',
    '../../../../etc/passwd',
    'corp',
    'forms',
    NaN,
    -0,
    Infinity,
    Number.MAX_SAFE_INTEGER + 2,
    null,
    undefined,
    true,
    [],
    {},
  ),
  hugeString,
  fc.string({ unit: 'binary', maxLength: 300 }),
)
const anyValue = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary',
})
const valueFor = fc.oneof({ weight: 3, arbitrary: nasty }, { weight: 2, arbitrary: anyValue })

/** Nested arrays or objects thousands deep (a recursive validator or logger would overflow the stack). */
const deep = fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v }
  return v
})

/** Objects whose own keys try to reach Object.prototype. JSON.parse makes `__proto__` an own key, as IPC would. */
const pollution = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"__proto__": {"toString": "x", "valueOf": 1}}'),
  JSON.parse('{"prototype": {"polluted": "yes"}, "hasOwnProperty": "x"}'),
  Object.create(null),
)

/** A value of roughly the right type for one request field, valid or subtly not. */
function plausibleFor(field: z.ZodType): fc.Arbitrary<unknown> {
  const def = (field as unknown as { _zod: { def: { type: string } } })._zod.def
  if (def.type === 'enum') return fc.oneof(fc.constantFrom(...(field as z.ZodEnum).options), fc.string())
  return fc.oneof(
    fc.constantFrom('corp', 'forms', 'alice', 'alice@example.com', 'https://accounts.example.com'),
    fc.string({ maxLength: 80 }),
    fc.string({ minLength: 8, maxLength: 64 }).map((s) => `pw-${s}`),
  )
}

function requestArbitrary(name: InvokeName): fc.Arbitrary<unknown> {
  const schema = contract.invoke[name].request as unknown as z.ZodObject
  const keys = Object.keys(schema.shape)
  const rightKeysWrongTypes = fc.record(Object.fromEntries(keys.map((k) => [k, valueFor])), {
    requiredKeys: [],
  })
  const plausible = fc.record(
    Object.fromEntries(keys.map((k) => [k, plausibleFor(schema.shape[k] as z.ZodType)])),
  )
  const withExtraKeys = fc
    .tuple(
      plausible,
      fc.dictionary(
        fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.string()),
        valueFor,
        { maxKeys: 3 },
      ),
    )
    .map(([a, b]) => Object.assign(Object.create(null), a, b))
  const hugeFields = fc.record(Object.fromEntries(keys.map((k) => [k, hugeString])))
  return fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 3, arbitrary: rightKeysWrongTypes },
    { weight: 2, arbitrary: anyValue },
    { weight: 1, arbitrary: withExtraKeys },
    { weight: 1, arbitrary: hugeFields },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: pollution },
  )
}

// --- checks ---------------------------------------------------------------------------------------------------

/** The secrets a payload carries: password fields long enough to be recognisable. */
function secretsIn(payload: unknown): string[] {
  if (!payload || typeof payload !== 'object') return []
  const out: string[] = []
  for (const key of ['password', 'currentPassword', 'newPassword', 'retypePassword']) {
    const v = (payload as Record<string, unknown>)[key]
    if (typeof v === 'string' && v.length >= 8 && !/^(.)\1*$/.test(v)) out.push(v)
  }
  return out
}

async function call(app: App, name: InvokeName, event: IpcInvokeEventLike, payload: unknown) {
  const listener = app.listeners.get(channelOf(name))
  if (!listener) throw new Error(`no listener for ${name}`)
  counts.calls++
  const logsBefore = logLines.length
  const result = (await listener(event, payload)) as {
    ok: boolean
    error?: { kind: string; message: unknown }
  }
  if (result?.ok) counts.ok++
  else if (result?.error)
    counts.errors.set(result.error.kind, (counts.errors.get(result.error.kind) ?? 0) + 1)
  const parsed = responseResultSchema(name).safeParse(result)
  if (!parsed.success)
    throw new Error(`${name} answered outside the contract: ${JSON.stringify(result)?.slice(0, 300)}`)
  const text = JSON.stringify(result) + logLines.slice(logsBefore).join('\n')
  for (const secret of secretsIn(payload))
    if (text.includes(secret)) throw new Error(`${name} echoed a password into its answer or the log`)
  return result
}

describe('IPC fuzz: every contract channel through registerHandlers and the real services', () => {
  it('the contract has the channels this fuzzes', () => {
    expect([...shared.listeners.keys()].sort()).toEqual(invokeNames.map(channelOf).sort())
  })

  it.each([...invokeNames])(
    `%s: ${RUNS} random payloads from the app's frame → a valid answer or a typed error`,
    async (name) => {
      // Each channel gets its own app, so that one channel's fuzz (removeServer) does not starve another's.
      const app = await startApp()
      await fc.assert(
        fc.asyncProperty(requestArbitrary(name), async (payload) => {
          await call(app, name, trusted, payload)
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      )
    },
    60_000,
  )

  it.each(foreignSenders)(
    'from %s: refused (%s) on every channel before any handler runs',
    async (_what, reason, sender) => {
      for (const name of invokeNames) {
        const before = shared.handlerCalls.get(name) ?? 0
        const logsBefore = logLines.length
        await fc.assert(
          fc.asyncProperty(fc.oneof(requestArbitrary(name), fc.constant({})), async (payload) => {
            const result = await call(shared, name, sender(), payload)
            expect(result).toEqual({ ok: false, error: { kind: 'bad-request', message: FOREIGN_MESSAGE } })
          }),
          { numRuns: Math.ceil(FOREIGN_RUNS / invokeNames.length), seed: SEED },
        )
        expect(shared.handlerCalls.get(name) ?? 0, `${name} ran for a foreign sender`).toBe(before)
        expect(new Set(refusalsSince(logsBefore)), `${name}: refused for the wrong reason`).toEqual(
          new Set([reason]),
        )
      }
    },
  )

  it("the app's own main frame is accepted (the refusals above are not a refuse-everything)", async () => {
    // Electron says `parent: null` for a top-level frame; `undefined` (no parent at all) is top-level too.
    const noParent = { url: APP_URL, parent: undefined }
    const senders: IpcInvokeEventLike[] = [
      trusted,
      { senderFrame: noParent, sender: { mainFrame: noParent } },
    ]
    for (const sender of senders)
      for (const name of invokeNames) {
        const logsBefore = logLines.length
        await call(shared, name, sender, {})
        expect(refusalsSince(logsBefore)).toEqual([])
      }
  })

  it('left no unhandled rejection and no polluted prototype', async () => {
    await new Promise((r) => setTimeout(r, 50))
    expect(unhandled).toEqual([])
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(counts.calls).toBeGreaterThanOrEqual(invokeNames.length * RUNS)
  })
})
