import path from 'node:path'
import { productSlug } from './product-slug'

/** Points the app at another policy file, for testing. A machine policy, when one exists, still wins. */
export const POLICY_ENV_VAR = 'ACCOUNT_DESK_POLICY'
export const POLICY_FILE_NAME = 'policy.json'

export interface PolicyLocation {
  /** The machine-wide policy file IT deploys (only administrators can write there). */
  machine: string
  /** The file ACCOUNT_DESK_POLICY names, if set: used only when there is no machine policy. */
  override: string | null
}

/**
 * Where the managed policy lives, per OS, for the branded product name:
 *   Windows  %ProgramData%\<Product Name>\policy.json          (C:\ProgramData\Account Desk\policy.json)
 *   macOS    /Library/Application Support/<Product Name>/policy.json
 *   Linux    /etc/<product-name>/policy.json                    (/etc/account-desk/policy.json)
 */
export function policyLocation(options: {
  platform: string
  env: Record<string, string | undefined>
  productName: string
}): PolicyLocation {
  const { platform, env, productName } = options
  let machine: string
  if (platform === 'win32') {
    const programData = env['ProgramData'] ?? env['PROGRAMDATA']
    // Only an absolute drive path counts; anything else falls back to the Windows default.
    const base = programData && /^[A-Za-z]:\\/.test(programData) ? programData : 'C:\\ProgramData'
    machine = path.win32.join(base, productName, POLICY_FILE_NAME)
  } else if (platform === 'darwin') {
    machine = path.posix.join('/Library/Application Support', productName, POLICY_FILE_NAME)
  } else {
    machine = path.posix.join('/etc', productSlug(productName), POLICY_FILE_NAME)
  }
  const raw = env[POLICY_ENV_VAR]?.trim()
  return { machine, override: raw ? raw : null }
}
