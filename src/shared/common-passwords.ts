import { dictionary } from '@zxcvbn-ts/language-common'

/**
 * The common-password list for CommonPasswordValidator. Django ships its own 20,000-entry list (Royce Williams'
 * list, in django/contrib/auth/common-passwords.txt.gz); the demo uses the 49,233-entry "passwords-common"
 * dictionary of @zxcvbn-ts/language-common instead, which is already a dependency and is pure data. The two lists
 * overlap but differ (docs/demo-server.md gives the figures), so a rare password is "too common" on one and
 * accepted by the other. Entries are lowercase and trimmed, as Django's are.
 *
 * Pure (no Node API): the demo server and the renderer (lazily) share it. The set is built once, on first use.
 */
let cached: ReadonlySet<string> | null = null

export function commonPasswords(): ReadonlySet<string> {
  cached ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase().trim()))
  return cached
}
