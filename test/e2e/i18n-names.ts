import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { isPseudoLocale, PSEUDO_LOCALES, pseudoLocalizeString } from '../../src/renderer/src/i18n/pseudo'
import { ROOT } from './harness'

/**
 * The screens' names in another language, for tests written with the English ones: 'Forgot password' is looked up
 * in the English catalogs (a template such as 'Actions for {{account}}' matches 'Actions for alice on Example Corp')
 * and the same key's text in the language is returned, filled with the same values, as an exact pattern.
 * A name no English catalog string gives throws: a screen word that is not in the catalogs.
 */
const LOCALES = path.join(ROOT, 'src/renderer/src/i18n/locales')

type Flat = Map<string, string>
function flatten(value: unknown, prefix: string, into: Flat): Flat {
  if (typeof value === 'string') into.set(prefix, value)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into)
  return into
}

function catalogs(language: string): Flat {
  const dir = path.join(LOCALES, language)
  const out: Flat = new Map()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')))
    for (const [key, text] of flatten(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), '', new Map()))
      out.set(`${file.slice(0, -'.json'.length)}:${key}`, text)
  return out
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const PLACEHOLDER = /\{\{\s*-?\s*([^,}\s]+)[^}]*\}\}/g
/** Bidi controls (ar-XB's right-to-left runs) may stand anywhere in a name. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g

/** `name(english)` matches the whole name; `name(english, 'start')` a name that starts with it. */
export function namesIn(language: string): (english: string, part?: 'start') => RegExp {
  const english = catalogs('en')
  const target = isPseudoLocale(language) ? null : catalogs(language)
  const rtl = isPseudoLocale(language) && PSEUDO_LOCALES[language].rtl
  const textOf = (key: string, en: string) => {
    const text = target ? target.get(key) : pseudoLocalizeString(en, { rtl })
    if (text === undefined) throw new Error(`${language} has no ${key}`)
    return text
  }
  // Templates, the most specific (most words of their own) first: "Actions for {{where}}" before "{{a}} on {{b}}".
  const templates = [...english]
    .map(([key, en]) => ({ key, en, names: [...en.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '') }))
    .filter((t) => t.names.length > 0 && t.en.replace(PLACEHOLDER, '').trim() !== '')
    .map((t) => ({
      ...t,
      match: new RegExp(`^${escape(t.en).replace(/\\\{\\\{[^}]*\\\}\\\}/g, '(.+?)')}$`, 's'),
    }))
    .sort((a, b) => b.en.replace(PLACEHOLDER, '').length - a.en.replace(PLACEHOLDER, '').length)
  /** The language's words for an English template's text; its values translated too when they are templates. */
  const fromTemplate = (name: string): string | null => {
    for (const { key, en, names, match } of templates) {
      const found = match.exec(name)
      if (!found) continue
      const values = new Map(names.map((n, i) => [n, found[i + 1] ?? '']))
      return textOf(key, en).replace(PLACEHOLDER, (_, n: string) => {
        const value = values.get(n) ?? ''
        return fromTemplate(value) ?? value
      })
    }
    return null
  }
  return (name, part) => {
    const pattern = (text: string) =>
      new RegExp(`^${[...text.replace(BIDI, '')].map(escape).join(`${BIDI.source}*`)}${part ? '' : '$'}`, 'u')
    for (const [key, en] of english) if (en === name) return pattern(textOf(key, en))
    const text = fromTemplate(name)
    if (text !== null) return pattern(text)
    throw new Error(`no English catalog string is "${name}"`)
  }
}

/**
 * Text and labels that do not fit: an element whose content is wider than its box (scrollWidth > clientWidth), or
 * that reaches past the window's left or right edge, and a page wider than the window. Visually hidden text
 * (clipped to a pixel on purpose) is not looked at.
 */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const width = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth > width + 1)
      found.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`)
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden' || style.clipPath !== 'none') continue
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())
      if (!ownText && !(el instanceof HTMLInputElement)) continue
      const box = el.getBoundingClientRect()
      if (box.width <= 1) continue
      const what = `<${el.localName}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}> "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}"`
      if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'auto' && style.overflowX !== 'scroll')
        found.push(`${what}: content ${el.scrollWidth}px in a ${el.clientWidth}px box`)
      if (box.left < -0.5 || box.right > width + 0.5)
        found.push(`${what}: from ${Math.round(box.left)} to ${Math.round(box.right)} in a ${width}px window`)
    }
    return found
  })
}
