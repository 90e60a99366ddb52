import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The design system (issue 15, "Look"): the tokens in styles.css meet WCAG AA in light and dark, and the rules in
 * both style sheets use the tokens instead of their own colours, sizes and radii.
 */
const DIR = path.resolve(import.meta.dirname, '../../src/renderer/src')
const styles = readFileSync(path.join(DIR, 'styles.css'), 'utf8')
const components = readFileSync(path.join(DIR, 'components.css'), 'utf8')

/** The custom properties declared in the first block that starts with `opening`. */
function tokensIn(css: string, opening: RegExp): Record<string, string> {
  const start = css.search(opening)
  if (start < 0) throw new Error(`no block ${opening}`)
  const body = css.slice(css.indexOf('{', css.indexOf(':root', start)) + 1, css.indexOf('}', start))
  return Object.fromEntries(
    Array.from(body.matchAll(/(--[\w-]+):\s*([^;]+);/g), (m) => [m[1] as string, (m[2] as string).trim()]),
  )
}

const light = tokensIn(styles, /^:root \{/m)
const dark = { ...light, ...tokensIn(styles, /@media \(prefers-color-scheme: dark\)/) }

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!match?.[1]) throw new Error(`not a #rrggbb colour: ${hex}`)
  const channels = [0, 2, 4].map((i) => parseInt(match[1]!.slice(i, i + 2), 16) / 255)
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

const SURFACES = ['--bg', '--surface', '--surface-2', '--surface-raised']
/** Text on a surface: 4.5:1 (WCAG 1.4.3). */
const TEXT_PAIRS: [string, string][] = [
  ...['--text', '--muted', '--primary', '--success', '--error', '--warning'].flatMap((fg) =>
    SURFACES.map((bg): [string, string] => [fg, bg]),
  ),
  ...['--success-bg', '--error-bg', '--warning-bg', '--info-bg'].map((bg): [string, string] => [
    '--text',
    bg,
  ]),
  ['--success', '--success-bg'],
  ['--error', '--error-bg'],
  ['--warning', '--warning-bg'],
  ['--primary', '--info-bg'],
  ['--on-primary', '--primary'],
  ['--on-primary', '--primary-hover'],
]
/** Controls' edges, the focus ring and the meter's bars against what is around them: 3:1 (WCAG 1.4.11). */
const UI_PAIRS: [string, string][] = [
  ...['--border-strong', '--focus', '--success', '--error', '--warning'].flatMap((fg) =>
    ['--bg', '--surface', '--surface-2'].map((bg): [string, string] => [fg, bg]),
  ),
]

describe.each([
  ['light', light],
  ['dark', dark],
] as const)('%s colours meet WCAG AA', (_scheme, tokens) => {
  const colour = (name: string) => {
    const value = tokens[name]
    if (!value) throw new Error(`no token ${name}`)
    return value
  }
  it.each(TEXT_PAIRS)('text %s on %s: at least 4.5:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5)
  })
  it.each(UI_PAIRS)('%s against %s: at least 3:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(3)
  })
  it('a dialog is set apart from the page behind it', () => {
    expect(colour('--surface-raised')).not.toBe(colour('--bg'))
    expect(colour('--backdrop')).toMatch(/rgb\(/)
  })
})

/** The declarations outside the token blocks: `property: value` pairs of every rule. */
function declarations(css: string): { property: string; value: string }[] {
  const withoutTokens = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/:root \{[\s\S]*?\n\}/g, '')
    .replace(/@media \(prefers-color-scheme: dark\) \{[\s\S]*?\n\}/g, '')
  return Array.from(withoutTokens.matchAll(/([a-z-]+):\s*([^;{}]+);/g), (m) => ({
    property: m[1] as string,
    value: (m[2] as string).trim(),
  }))
}

describe('the style sheets use the tokens', () => {
  const all = [...declarations(styles), ...declarations(components)]

  it('found the rules (the parser is not reading nothing)', () => {
    expect(all.length).toBeGreaterThan(300)
  })

  it('no colour of its own: no #hex, rgb() or hsl() outside the tokens', () => {
    const own = all.filter((d) => /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i.test(d.value))
    expect(own).toEqual([])
  })

  it('spacing, font sizes and radii come from the scales', () => {
    const scaled = /^(margin|padding|gap|row-gap|column-gap|font-size|border-radius)(-[a-z-]+)?$/
    // A token, a sum or product of tokens, a length relative to the text (em), or the visually-hidden -1px.
    const token =
      /^(0|auto|inherit|-1px|[\d.]+em|var\(--[\w-]+\)|calc\((-?\d+ \* |var\(--[\w-]+\)| [+-] )+\)|\s)+$/
    const loose = all.filter((d) => scaled.test(d.property) && !token.test(d.value.replace(/ +/g, ' ')))
    expect(loose).toEqual([])
  })
})
