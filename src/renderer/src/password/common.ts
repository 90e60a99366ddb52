/**
 * The common-password list (Django's CommonPasswordValidator idea), from @zxcvbn-ts/language-common's
 * `passwords-common` dictionary (about 49,000 entries). Loaded on first use with a dynamic import, so it is a
 * chunk of its own and not part of the first screen's bundle.
 */
export const MIN_COMMON_PASSWORDS = 20_000

let loading: Promise<ReadonlySet<string>> | null = null

export function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  // The same list, built the same way, as the demo server's CommonPasswordValidator.
  loading ??= import('../../../shared/common-passwords')
    .then(({ commonPasswords }) => {
      const list = commonPasswords()
      if (list.size < MIN_COMMON_PASSWORDS) throw new Error('common password list too short')
      return list
    })
    .catch((error: unknown) => {
      loading = null
      throw error
    })
  return loading
}
