import type { AppMessage } from '../../shared/messages'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import path from 'node:path'
import { z } from 'zod'
import type { Logger } from '../log'
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file'
import { makePassword } from './password-hasher'

/**
 * The demo server's database: its users (Django's auth_user columns that djoser uses), their DRF API tokens and
 * the server's secret key, in one JSON file written atomically (temp file in the same folder, fsync, rename).
 * A file that cannot be read is moved aside (`<name>.corrupt-<time>`) and the demo starts from the seed again.
 *
 * API tokens are not stored: a user's key is HMAC(secret, user id, token serial), so the file never holds a
 * usable token, and "log in again" still returns the same key as DRF's get_or_create does.
 */

export const DEMO_ACCOUNT = {
  username: 'demo',
  email: 'demo@example.com',
  password: 'orange-bicycle-42',
} as const

const userSchema = z.object({
  id: z.number().int().min(1),
  username: z.string().min(1).max(150),
  email: z.string().max(254),
  /** Django's hasher string, e.g. `pbkdf2_sha256$260000$salt$hash`. */
  password: z.string().min(1).max(512),
  lastLogin: z.string().nullable(),
  /** Present while the user has an API token (DRF's authtoken row). */
  tokenSerial: z.number().int().min(1).nullable(),
})
export type DemoUser = z.infer<typeof userSchema>

const dataSchema = z
  .object({
    version: z.literal(1),
    secretKey: z.string().min(32).max(200),
    nextUserId: z.number().int().min(1),
    nextTokenSerial: z.number().int().min(1),
    users: z.array(userSchema).max(10_000),
    /** The demo account's hash as seeded: while it is unchanged, the password on the welcome card still works. */
    seedPassword: z.string().max(512).optional(),
  })
  .refine((d) => new Set(d.users.map((u) => u.id)).size === d.users.length, 'duplicate user ids')
  .refine((d) => new Set(d.users.map((u) => u.username)).size === d.users.length, 'duplicate usernames')
  .refine((d) => d.users.every((u) => u.id < d.nextUserId), 'a user id is not below nextUserId')
type DemoData = z.infer<typeof dataSchema>

type StoreOptions = { dataFile: string; logger: Logger; now: () => Date }
export type NewUser = { username: string; email?: string; password: string }

/** Callers run one at a time (index.ts serialises requests), so one write follows the other. */
export class DemoStore {
  private constructor(
    private readonly options: StoreOptions,
    private data: DemoData,
  ) {}

  /** Reads the data file; missing → seeded; unreadable → moved aside, seeded, and a notice for the user. */
  static async open(options: StoreOptions): Promise<{ store: DemoStore; notice?: AppMessage }> {
    const read = await readJsonFile(options.dataFile, dataSchema, options.now)
    if (read.status === 'ok') return { store: new DemoStore(options, read.value) }
    const store = new DemoStore(options, seed())
    await store.reset()
    if (read.status === 'missing') {
      options.logger.info('demo.data.seeded', { file: path.basename(options.dataFile) })
      return { store }
    }
    options.logger.warn('demo.data.corrupt', {
      file: path.basename(options.dataFile),
      movedTo: read.movedTo ? path.basename(read.movedTo) : null,
      problem: read.problem,
    })
    return {
      store,
      notice: {
        code: 'notice.demo-data-unreadable',
        ...(read.movedTo ? { keptAs: path.basename(read.movedTo) } : {}),
      },
    }
  }

  get secretKey(): string {
    return this.data.secretKey
  }

  users(): readonly DemoUser[] {
    return this.data.users
  }

  byId(id: number): DemoUser | undefined {
    return this.data.users.find((u) => u.id === id)
  }

  byUsername(username: string): DemoUser | undefined {
    return this.data.users.find((u) => u.username === username)
  }

  async createUser(input: NewUser): Promise<DemoUser> {
    if (this.byUsername(input.username)) throw new Error('A user with that username already exists.')
    const user: DemoUser = {
      id: this.data.nextUserId,
      username: input.username,
      email: input.email ?? '',
      password: await makePassword(input.password),
      lastLogin: null,
      tokenSerial: null,
    }
    this.data.nextUserId += 1
    this.data.users.push(user)
    await this.save()
    return user
  }

  /** Applies a change to one of the store's users and saves. */
  async update(user: DemoUser, change: Partial<Omit<DemoUser, 'id'>>): Promise<void> {
    Object.assign(user, change)
    await this.save()
  }

  /** DRF's Token.objects.get_or_create(user=…): the user's key. */
  async tokenFor(user: DemoUser): Promise<string> {
    if (user.tokenSerial === null) {
      user.tokenSerial = this.data.nextTokenSerial
      this.data.nextTokenSerial += 1
      await this.save()
    }
    return this.tokenKey(user)
  }

  /** The user holding this API token, or undefined. */
  userForToken(key: string): DemoUser | undefined {
    const given = Buffer.from(key, 'utf8')
    for (const user of this.data.users) {
      if (user.tokenSerial === null) continue
      const expected = Buffer.from(this.tokenKey(user), 'utf8')
      if (given.length === expected.length && timingSafeEqual(given, expected)) return user
    }
    return undefined
  }

  private tokenKey(user: DemoUser): string {
    return createHmac('sha256', this.data.secretKey)
      .update(`drf-authtoken:${user.id}:${user.tokenSerial}`)
      .digest('hex')
      .slice(0, 40)
  }

  /**
   * Back to the seed: the demo account only, with its known password (its hash kept to tell when it changes), and a
   * new secret key (every outstanding link and token dies).
   */
  async reset(): Promise<void> {
    this.data = seed()
    const user = await this.createUser(DEMO_ACCOUNT)
    this.data.seedPassword = user.password
    await this.save()
  }

  /**
   * Whether the demo account still has the seeded password (so the app may show it). A change or a reset to any
   * password, even the same one, makes a new hash. Files from before this was kept count as unchanged.
   */
  seedPasswordInUse(): boolean {
    const user = this.byUsername(DEMO_ACCOUNT.username)
    if (!user) return false
    return this.data.seedPassword === undefined || user.password === this.data.seedPassword
  }

  /** Writes the whole file, atomically. */
  private save(): Promise<void> {
    return writeFileAtomic(this.options.dataFile, `${JSON.stringify(this.data, null, 2)}\n`)
  }
}

/** An empty database with a new secret key; the demo account is added to it. */
const seed = (): DemoData => ({
  version: 1,
  secretKey: randomBytes(32).toString('hex'),
  nextUserId: 1,
  nextTokenSerial: 1,
  users: [],
})
