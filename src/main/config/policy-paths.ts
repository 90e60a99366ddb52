import path from 'node:path'
import { productSlug } from './product-slug'

/**
 * Names another policy file, for tests and development. Ignored by an installed (packaged) app unless the machine
 * policy sets allowTestPolicy; a machine policy that exists wins otherwise.
 */
export const POLICY_ENV_VAR = 'ACCOUNT_DESK_POLICY'
export const POLICY_FILE_NAME = 'policy.json'
/** The registry value that holds the policy JSON under the policy key. */
export const POLICY_REGISTRY_VALUE = 'Policy'

/**
 * reg.exe at a fixed path, never found through %SystemRoot% or PATH: both come from the environment, which the
 * user controls. Windows installed on another drive has no reg.exe here; then the registry policy cannot be read
 * and the app says so in its log (the policy file in a per-machine install folder still applies).
 */
export const WINDOWS_REG_EXE = 'C:\\Windows\\System32\\reg.exe'
/** Folders only administrators can write to by default; a per-machine install lives under one of them. */
export const WINDOWS_PROGRAM_FILES = ['C:\\Program Files\\', 'C:\\Program Files (x86)\\']
/** Converts a binary plist to XML on macOS (fixed path, not found through PATH). */
export const MACOS_PLUTIL = '/usr/bin/plutil'

/** One place a machine policy may come from; all of them only administrators can write. */
export type MachinePolicySource =
  | { type: 'registry'; regExe: string; key: string; value: string }
  /** rootOwned: refuse the file when it or a folder above it is not owned by root or is group/other-writable. */
  | { type: 'file'; path: string; format: 'json' | 'plist'; rootOwned: boolean }

export interface PolicyLocation {
  /** Where the machine policy may be, in order: the first that exists applies. */
  sources: MachinePolicySource[]
  /** The file ACCOUNT_DESK_POLICY names, if set. */
  override: string | null
  /** Whether ACCOUNT_DESK_POLICY may apply without a machine policy allowing it: only in an unpackaged app. */
  overrideAllowed: boolean
}

const isUnderProgramFiles = (folder: string) => {
  const normal = path.win32.normalize(folder).toLowerCase()
  return WINDOWS_PROGRAM_FILES.some((base) => normal.startsWith(base.toLowerCase()))
}

/**
 * Where the managed policy lives, per OS, for the branded names. Nothing here reads the environment except
 * ACCOUNT_DESK_POLICY, which only an unpackaged app honours on its own.
 *   Windows  HKLM\SOFTWARE\Policies\<Publisher>\<Product Name>, value "Policy" (Group Policy, Intune), then
 *            policy.json next to the app when it is installed per machine under C:\Program Files
 *   macOS    /Library/Managed Preferences/<appId>.plist (a configuration profile), then
 *            /Library/Application Support/<Product Name>/policy.json
 *   Linux    /etc/<product-name>/policy.json
 */
export function policyLocation(options: {
  platform: string
  env: Record<string, string | undefined>
  productName: string
  publisher: string
  appId: string
  /** The app's executable (process.execPath): its folder holds a per-machine install's policy file. */
  execPath: string
  /** app.isPackaged: an installed app ignores ACCOUNT_DESK_POLICY unless the machine policy allows it. */
  packaged: boolean
}): PolicyLocation {
  const { platform, env, productName } = options
  const sources: MachinePolicySource[] = []
  if (platform === 'win32') {
    sources.push({
      type: 'registry',
      regExe: WINDOWS_REG_EXE,
      key: `HKLM\\SOFTWARE\\Policies\\${options.publisher}\\${productName}`,
      value: POLICY_REGISTRY_VALUE,
    })
    // A per-user install (AppData) is writable by its user: its folder is never a policy location.
    const installDir = path.win32.dirname(options.execPath)
    if (isUnderProgramFiles(installDir))
      sources.push({
        type: 'file',
        path: path.win32.join(installDir, POLICY_FILE_NAME),
        format: 'json',
        rootOwned: false,
      })
  } else if (platform === 'darwin') {
    sources.push({
      type: 'file',
      path: `/Library/Managed Preferences/${options.appId}.plist`,
      format: 'plist',
      rootOwned: true,
    })
    sources.push({
      type: 'file',
      path: path.posix.join('/Library/Application Support', productName, POLICY_FILE_NAME),
      format: 'json',
      rootOwned: true,
    })
  } else {
    sources.push({
      type: 'file',
      path: path.posix.join('/etc', productSlug(productName), POLICY_FILE_NAME),
      format: 'json',
      rootOwned: true,
    })
  }
  const raw = env[POLICY_ENV_VAR]?.trim()
  return { sources, override: raw ? raw : null, overrideAllowed: !options.packaged }
}

/** The source as people read it in a notice: a file path or a registry key and value. */
export const sourceName = (source: MachinePolicySource): string =>
  source.type === 'registry' ? `${source.key}\\${source.value}` : source.path
