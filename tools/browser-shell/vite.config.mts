import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import { brandingDefine } from '../../src/main/config/branding'

// Builds the browser shell (a Node program) into out/browser-shell. It is never packaged: electron-builder takes
// out/main, out/preload and out/renderer only.
export default defineConfig({
  define: brandingDefine(resolve(import.meta.dirname, '../../branding.json')),
  build: {
    ssr: resolve(import.meta.dirname, 'main.ts'),
    outDir: resolve(import.meta.dirname, '../../out/browser-shell'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'cjs', entryFileNames: 'index.cjs' } },
  },
})
