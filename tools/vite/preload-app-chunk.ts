import type { Plugin } from 'vite'

/**
 * The renderer's entry (main.ts) starts the first screen's bridge calls and then import()s the React app. So that
 * the app's chunks are not fetched only after the entry has run, this lists them in index.html as
 * `<link rel="modulepreload">`: the browser fetches and compiles them while the entry runs and the bridge answers.
 */
export function preloadAppChunk(entryName: string): Plugin {
  return {
    name: 'account-desk:preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((o) => (o.type === 'chunk' ? [o] : []))
        const app = chunks.find((c) => c.facadeModuleId?.endsWith(entryName))
        if (!app) throw new Error(`no chunk for ${entryName} to preload`)
        const files = new Set<string>()
        const add = (file: string) => {
          const chunk = chunks.find((c) => c.fileName === file)
          if (files.has(file) || chunk?.isEntry) return
          files.add(file)
          for (const dep of chunk?.imports ?? []) add(dep)
        }
        add(app.fileName)
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }))
      },
    },
  }
}
