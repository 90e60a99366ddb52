import type { FieldErrors } from '../../shared/errors'

/**
 * Reading Django's HTML forms: the CSRF token, which inputs a page has, and the messages of its `errorlist`s.
 * Works on Django's stock renderings (`as_p`, `as_table`, `as_ul`, the 4.x/5.x `div` template): a field's errors
 * come right before its input, non-field errors carry the `nonfield` class. Messages are returned verbatim.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  ndash: '–',
  mdash: '—',
}

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED[entity.toLowerCase()] ?? whole
  })
}

const textOf = (html: string) =>
  decodeHtmlEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim()

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)
  if (!match) return null
  return decodeHtmlEntities(match[1] ?? match[2] ?? match[3] ?? '')
}

const INPUT_TAG = /<(?:input|select|textarea)\b[^>]*>/gi

/** The value of the form's hidden `csrfmiddlewaretoken`, or null. */
export function findCsrfToken(html: string): string | null {
  for (const match of html.matchAll(INPUT_TAG)) {
    if (attribute(match[0], 'name') === 'csrfmiddlewaretoken') {
      const value = attribute(match[0], 'value')
      if (value && /^[A-Za-z0-9]{16,128}$/.test(value)) return value
    }
  }
  return null
}

export function hasInput(html: string, name: string): boolean {
  for (const match of html.matchAll(INPUT_TAG)) if (attribute(match[0], 'name') === name) return true
  return false
}

/** Field name (Django's) → messages, with non-field errors under `__all__`. */
export function formErrors(html: string): FieldErrors {
  const errors: FieldErrors = {}
  const list = /<ul\b([^>]*\bclass\s*=\s*["'][^"']*\berrorlist\b[^"']*["'][^>]*)>([\s\S]*?)<\/ul>/gi
  for (const match of html.matchAll(list)) {
    const attributes = match[1] ?? ''
    const messages = [...(match[2] ?? '').matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/gi)]
      .map((li) => textOf(li[1] ?? ''))
      .filter((m) => m.length > 0)
    if (messages.length === 0) continue
    let field: string | null = null
    if (/\bnonfield\b/.test(attributes)) field = '__all__'
    else {
      // Django 5.2 names the field in the list's id: id="id_new_password2_error".
      const id = /\bid\s*=\s*["']id_([\w-]+)_error["']/.exec(attributes)
      if (id?.[1]) field = id[1]
      else {
        const after = html.slice((match.index ?? 0) + match[0].length)
        for (const input of after.matchAll(INPUT_TAG)) {
          const type = (attribute(input[0], 'type') ?? '').toLowerCase()
          const name = attribute(input[0], 'name')
          if (type === 'hidden' || type === 'submit' || !name) continue
          field = name
          break
        }
      }
    }
    const key = field ?? '__all__'
    errors[key] = [...(errors[key] ?? []), ...messages]
  }
  return errors
}
