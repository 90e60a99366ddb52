import { pickLanguage, type SupportedLanguage } from '../../shared/language'

/**
 * The language of a request to the demo server, as Django's LocaleMiddleware picks it: the Accept-Language
 * entries by their q-value (highest first, equal ones in their order, `q=0` meaning "not this one"), the first one
 * the demo speaks; English when none is or the header is absent.
 */
export function requestLanguage(acceptLanguage: string | undefined): SupportedLanguage {
  const entries = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined)
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index }
    })
    .filter((e) => e.tag !== '' && e.tag !== '*' && Number.isFinite(e.q) && e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return pickLanguage(entries.map((e) => e.tag))
}
