import { parseContentType, mediaTypeMatches } from './request-body'
import { pythonInt } from './reset-tokens'

/**
 * DRF's DefaultContentNegotiation.select_renderer with one renderer (JSONRenderer): the URL format (`.json`
 * suffix or `?format=`), then the Accept header by precedence. q-values are ignored, as DRF ignores them, and an
 * Accept header that is present but empty matches nothing (DRF only defaults a missing header to `*` / `*`).
 */
export type Negotiated = { ok: true; indent: number | null } | { ok: false; status: 404 | 406 }

function precedence(type: string): number {
  const parsed = parseContentType(type)
  const mediaType = parsed?.mediaType ?? ''
  const [main, sub = ''] = mediaType.split('/', 2) as [string, string?]
  if (main === '*') return 0
  if (sub === '*') return 1
  const keys = [...(parsed?.params.keys() ?? [])]
  return keys.length === 0 || (keys.length === 1 && keys[0] === 'q') ? 2 : 3
}

export function negotiate(accept: string | undefined, format: string | null): Negotiated {
  if (format && format !== 'json') return { ok: false, status: 404 }
  const tokens = (accept ?? '*/*').split(',').map((t) => t.trim())
  for (let level = 3; level >= 0; level--) {
    for (const token of tokens) {
      if (precedence(token) !== level) continue
      const parsed = parseContentType(token)
      if (!parsed || !mediaTypeMatches('application/json', parsed.mediaType)) continue
      // The accepted type's parameters carry over (`*/*; indent=4` → `application/json;indent=4`).
      const indentText = parsed.params.get('indent')
      const indent = indentText === undefined ? null : pythonInt(indentText)
      return { ok: true, indent: indent === null ? null : Math.max(Math.min(indent, 8), 0) || null }
    }
  }
  return { ok: false, status: 406 }
}
