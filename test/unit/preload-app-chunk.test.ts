import type { IndexHtmlTransformContext, Plugin } from 'vite'
import { describe, expect, it } from 'vitest'
import { preloadAppChunk } from '../../tools/vite/preload-app-chunk'

/** The plugin's index.html hook, called with a bundle of these chunks. */
function preloadsFor(
  plugin: Plugin,
  chunks: { fileName: string; moduleIds: string[]; imports?: string[]; isEntry?: boolean }[],
) {
  const hook = plugin.transformIndexHtml
  if (!hook || typeof hook !== 'object' || !('handler' in hook)) throw new Error('no index.html hook')
  const bundle = Object.fromEntries(
    chunks.map((c) => [c.fileName, { type: 'chunk', imports: [], isEntry: false, ...c }]),
  )
  const ctx = { bundle } as unknown as IndexHtmlTransformContext
  const tags = (hook.handler as (html: string, ctx: IndexHtmlTransformContext) => unknown)('', ctx)
  return (tags as { attrs: { rel: string; href: string } }[]).map((t) => `${t.attrs.rel} ${t.attrs.href}`)
}

const BUNDLE = [
  { fileName: 'assets/index.js', moduleIds: ['/src/main.ts'], isEntry: true },
  {
    fileName: 'assets/app-root.js',
    moduleIds: ['/src/app-root.tsx', '/src/App.tsx'],
    imports: ['assets/i18n.js', 'assets/index.js'],
  },
  {
    fileName: 'assets/i18n.js',
    moduleIds: ['/src/i18n/index.ts', '/src/i18n/locales/en/common.json'],
    imports: ['assets/index.js'],
  },
  { fileName: 'assets/start.js', moduleIds: ['/src/i18n/start.ts'], imports: ['assets/i18n.js'] },
  { fileName: 'assets/common-de.js', moduleIds: ['/src/i18n/locales/de/common.json'] },
]

describe('index.html preloads what the entry imports at once', () => {
  it('lists the chunks of every module named and the chunks they import, once each, never the entry', () => {
    expect(preloadsFor(preloadAppChunk('src/app-root.tsx', 'src/i18n/start.ts'), BUNDLE)).toEqual([
      'modulepreload ./assets/app-root.js',
      'modulepreload ./assets/i18n.js',
      'modulepreload ./assets/start.js',
    ])
  })

  it('finds a module merged into another chunk, and leaves lazy chunks (other languages) out', () => {
    const merged = BUNDLE.map((c) =>
      c.fileName === 'assets/i18n.js' ? { ...c, moduleIds: [...c.moduleIds, '/src/i18n/start.ts'] } : c,
    ).filter((c) => c.fileName !== 'assets/start.js')
    const preloads = preloadsFor(preloadAppChunk('src/i18n/start.ts'), merged)
    expect(preloads).toEqual(['modulepreload ./assets/i18n.js'])
  })

  it('stops the build when a named module is in no chunk', () => {
    expect(() => preloadsFor(preloadAppChunk('src/gone.ts'), BUNDLE)).toThrow(/no chunk for src\/gone.ts/)
  })
})
