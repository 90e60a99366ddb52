import type { EventName, EventPayloadOf } from '../../shared/contract'
import type { FetchLike } from '../http/client'
import type { Logger } from '../log'
import type { ShellSafeStorage } from '../shell/electron-types'
import type { ServerProfile } from '../../shared/profile'
import type { Notice } from '../storage/app-files'
import type { PolicyIo } from '../config/machine-policy'
import type { PolicyLocation } from '../config/policy-paths'

/** A secret store: Electron's safeStorage in the app, a fake in tests, absent in the browser shell. */
export type SafeStorageLike = ShellSafeStorage

/** Everything the main-process services take from their shell. Nothing here is Electron itself. */
export interface ServiceDeps {
  shell: 'electron' | 'browser-shell'
  appName: string
  version: string
  platform: string
  /** The app's URL scheme (branding decides it; `accountdesk-dev` in development). */
  scheme: string
  /** Where settings, accounts and demo data live. */
  dataDir: string
  /** Electron's net.request wrapped as a fetch in the app (system proxy, OS certificates); Node's fetch elsewhere. */
  fetch: FetchLike
  logger: Logger
  emit: <K extends EventName>(name: K, payload: EventPayloadOf<K>) => void
  safeStorage: SafeStorageLike | null
  now: () => Date
  /**
   * The system's preferred languages, most wanted first (Electron: app-languages.ts; the browser shell: its
   * environment, until the browser reports navigator.languages). The app's language is resolved from these, the
   * user's choice and the policy (language-settings.ts), and servers are asked in it (Accept-Language).
   */
  languages?: () => readonly string[]
  /** `on` forces the demo server, `off` forbids it, `auto` starts it when no server is configured. */
  demo: 'auto' | 'on' | 'off'
  /** Where the managed policy lives (policyLocation(): the per-OS sources, and ACCOUNT_DESK_POLICY). Absent: no policy (tests only). */
  policy?: PolicyLocation
  /** How the policy is read from this machine (nodePolicyIo()); tests bring their own. */
  policyIo?: PolicyIo
  /** Notices from the shell itself (e.g. its link scheme could not be registered), shown with the others. */
  shellNotices?: Notice[]
  /** For the About / diagnostics view: runtime versions, the OS, the log file and its last lines. */
  diagnostics?: {
    runtime: Record<string, string | undefined>
    os: string
    logFile: string | null
    recentLog: () => string[]
  }
  /** The system browser (createSystemOpener over Electron's shell); absent in the browser shell and tests. */
  openExternal?: (url: string) => Promise<void>
  /** The servers built into this branded build (branding.json's defaultServers). */
  brandingServers?: ServerProfile[]
}
