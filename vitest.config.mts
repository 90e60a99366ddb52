import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

/**
 * Four projects, one runner:
 *  - unit:        plain Node, Electron-free modules and the Electron shell against a fake `electron`
 *  - component:   React screens in jsdom with Testing Library
 *  - integration: real servers (Django + djoser from Debian's packages, the demo server, fault servers)
 *  - e2e:         the built renderer in Debian's Chromium through the browser shell
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/component/setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
