import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { brandingDefine } from './src/main/config/branding'
import { axiosFetchOnly } from './tools/vite/axios-fetch-only'
import { entryAfterRoot } from './tools/vite/entry-after-root'
import { preloadAppChunk } from './tools/vite/preload-app-chunk'
import { thirdPartyLicenses } from './tools/vite/third-party-licenses'

// Everything is bundled (all packages are devDependencies), so the package holds built output and package.json
// only. The sandboxed preload must be a single self-contained file.
export default defineConfig({
  main: {
    // branding.json, validated, embedded for the main process (a bad branding file stops the build).
    define: brandingDefine(),
    // axios with its fetch adapter only (tools/vite/axios-fetch-only.ts).
    plugins: [axiosFetchOnly(), thirdPartyLicenses()],
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    plugins: [thirdPartyLicenses()],
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [
      react(),
      thirdPartyLicenses(),
      preloadAppChunk('src/renderer/src/app-root.tsx', 'src/renderer/src/i18n/start.ts'),
      entryAfterRoot(),
    ],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      // Built CSS and JS are separate files: the CSP allows no inline script or style.
      assetsInlineLimit: 0,
      minify: true,
      modulePreload: { polyfill: false },
    },
  },
})
