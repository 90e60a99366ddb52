import type { Plugin } from 'vite'

/**
 * The renderer's entry (main.ts) starts the first screen's bridge calls and then import()s the React app and i18n.
 * So that their chunks are not fetched only after the entry has run, this lists them (the chunks of the modules
 * `entryNames`, and every chunk those import) in index.html as `<link rel="modulepreload">`: the browser fetches
 * and compiles them while the entry runs and the bridge answers.
 */
export function preloadAppChunk(...entryNames: string[]): Plugin {
  return {
    name: 'account-desk:preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((o) => (o.type === 'chunk' ? [o] : []))
        const files = new Set<string>()
        const add = (file: string) => {
          const chunk = chunks.find((c) => c.fileName === file)
          if (files.has(file) || chunk?.isEntry) return
          files.add(file)
          for (const dep of chunk?.imports ?? []) add(dep)
        }
        for (const entryName of entryNames) {
          const chunk = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(entryName)))
          if (!chunk) throw new Error(`no chunk for ${entryName} to preload`)
          add(chunk.fileName)
        }
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }))
      },
    },
  }
}
