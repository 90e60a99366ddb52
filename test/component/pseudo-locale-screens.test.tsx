import { act } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { i18n, switchLanguage } from '../../src/renderer/src/i18n'
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../src/renderer/src/i18n/pseudo'
import { SCREEN_TOUR } from './screen-tour'

/**
 * Every screen and state of the tour (screen-tour.tsx) in the pseudo-locale en-XA: each visible text, and each
 * aria-label, title, placeholder and alt, must have its letters inside ⟦…⟧, i.e. come from a catalog. The exceptions
 * are no words of the app's: text inside `[data-server-text]` (what a server or its configuration wrote), inside
 * `<time>` (a date or a relative time worded by Intl, which has no pseudo-locale), inside an element whose `lang`
 * says it is in another language (a language's name in itself, in the picker).
 * The tour is walked in English and the language switched to en-XA at each state (and back), so words worded once
 * and kept (in the store, in a form's errors) are caught too: they would not follow the user's change of language.
 */

const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-placeholder']
const SKIPPED = 'script, style, template, noscript, [hidden], [data-server-text], time'

/** Inside an element that says it is in a language other than the page's. */
const inOtherLanguage = (element: Element) => {
  const marked = element.closest('[lang]')
  return (
    marked !== null &&
    marked !== document.documentElement &&
    marked.getAttribute('lang') !== document.documentElement.lang
  )
}

/** The letters of `text` outside ⟦…⟧ (depth carried from text before it, for a string split by <Trans> tags). */
function lettersOutside(text: string, depth: { n: number }): boolean {
  let outside = false
  for (const ch of text) {
    if (ch === PSEUDO_OPEN) depth.n++
    else if (ch === PSEUDO_CLOSE) depth.n = Math.max(0, depth.n - 1)
    else if (depth.n === 0 && /\p{L}/u.test(ch)) outside = true
  }
  return outside
}

/** Where the visible words are not pseudo-localized: "<tag>: text" per finding. */
function untranslated(root: HTMLElement): string[] {
  const found: string[] = []
  const depth = { n: 0 }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node instanceof Element ? node : node.parentElement
    if (!element || element.closest(SKIPPED) || inOtherLanguage(element)) continue
    if (node instanceof Element) {
      for (const name of ATTRIBUTES) {
        const value = node.getAttribute(name)
        if (value && lettersOutside(value, { n: 0 })) found.push(`<${node.localName}> ${name}="${value}"`)
      }
    } else if (lettersOutside(node.textContent ?? '', depth)) {
      const classes = element.getAttribute('class')
      found.push(
        `<${element.localName}${classes ? `.${classes.replace(/ /g, '.')}` : ''}>: "${node.textContent}"`,
      )
    }
  }
  if (lettersOutside(document.title, { n: 0 })) found.push(`<title>: "${document.title}"`)
  return found
}

describe('the check itself', () => {
  it('flags plain words in text and attributes; takes bracketed ones (split by tags too), server text, Intl', () => {
    document.documentElement.lang = 'en-XA'
    document.body.innerHTML = `
      <main aria-label="⟦Ṁåîñ ŀö⟧">
        <p>⟦Šéé <a title="⟦Ĥéļþ ŀö⟧">ţĥé ĝûîðé</a> öñ accounts.example.com ŀöŕé⟧</p>
        <p>Signed in as <b data-server-text>alice</b></p>
        <p data-server-text=""><span>This password is too common.</span></p>
        <input placeholder="e.g. name@example.com">
        <img alt="">
        <p hidden>Not shown</p>
        <span><strong data-server-text="">alice@example.com</strong> · 0.1.0</span>
        <time dateTime="2026-12-02T13:00Z">Dec 2, 2026</time>
        <select><option lang="de">Deutsch</option><option lang="en-XA">English</option></select>
      </main>`
    expect(untranslated(document.body)).toEqual([
      '<p>: "Signed in as "',
      '<input> placeholder="e.g. name@example.com"',
      '<option>: "English"',
    ])
    document.body.innerHTML = ''
  })
})

describe(
  'pseudo-locale: every screen and state in en-XA shows only words from the catalogs',
  { timeout: 60_000 },
  () => {
    it.each(SCREEN_TOUR)('$name', async ({ walk }) => {
      const problems: Record<string, string[]> = {}
      await walk(async (state) => {
        await act(() => switchLanguage('en-XA'))
        const found = untranslated(document.body)
        if (found.length) problems[state] = found
        await act(() => switchLanguage('en'))
      })
      expect(i18n.language).toBe('en')
      expect(problems).toEqual({})
    })
  },
)
