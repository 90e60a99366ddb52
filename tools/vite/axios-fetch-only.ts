import path from 'node:path'
import type { Plugin } from 'vite'

/**
 * Builds axios for the main process with its fetch adapter only. The app always passes `adapter: 'fetch'`
 * (src/main/http/client.ts), but axios's Node entry imports its http adapter, and with it follow-redirects,
 * form-data, mime-db, proxy-from-env and http2 sessions: about half a megabyte that never runs. axios's own
 * `browser` field (package.json) swaps those files for `lib/helpers/null.js` and the browser platform; this plugin
 * applies the same map, plus the XHR adapter (there is no XMLHttpRequest in the main process).
 */
const REPLACED: Record<string, string> = {
  'lib/adapters/http.js': 'lib/helpers/null.js',
  'lib/adapters/xhr.js': 'lib/helpers/null.js',
  'lib/platform/node/index.js': 'lib/platform/browser/index.js',
  'lib/platform/node/classes/FormData.js': 'lib/helpers/null.js',
  'lib/platform/node/classes/Buffer.js': 'lib/helpers/null.js',
}

const AXIOS_DIR = `${path.sep}node_modules${path.sep}axios${path.sep}`

export function axiosFetchOnly(): Plugin {
  return {
    name: 'account-desk:axios-fetch-only',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.includes(AXIOS_DIR) && source !== 'axios') return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      if (!resolved || resolved.external) return resolved
      const at = resolved.id.lastIndexOf(AXIOS_DIR)
      if (at < 0) return resolved
      const packageDir = resolved.id.slice(0, at + AXIOS_DIR.length)
      const inPackage = resolved.id.slice(packageDir.length).split(path.sep).join('/')
      const replacement = REPLACED[inPackage]
      return replacement ? { ...resolved, id: path.join(packageDir, replacement) } : resolved
    },
  }
}
