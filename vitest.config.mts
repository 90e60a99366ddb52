import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import react from '@vitejs/plugin-react'
import LongestFirstSequencer from './test/longest-first-sequencer.mjs'

/**
 * One runner, these projects:
 *  - unit:        plain Node, Electron-free modules and the Electron shell against a fake `electron`
 *  - component:   React screens in jsdom with Testing Library
 *  - integration: real servers that are not Django (the demo server, fault servers), and the demo-vs-djoser protocol
 *                 comparison with the real djoser (on Django 3.2), in the Django files' group
 *  - integration-django-<3.2|4.2|5.2>: the suites against the real Django + djoser, once per Django generation
 *                 (test/servers/django.ts, DJANGO_GENERATIONS). They wait on Django far more than they compute,
 *                 so the three run side by side, each file with its own servers (own temp folder, own port).
 *  - integration-allauth: the suites against real django-allauth 65 on Django 5.2 and 0.51 on Django 3.2
 *                 (test/servers/django.ts, `allauth` and `allauthRelease` options), beside the Django generations.
 *  - e2e, e2e-django-5.2: the built renderer in Debian's Chromium through the browser shell; every flow on the
 *                 oldest generation (e2e), and on the newest the flows through Django's own pages (whose templates
 *                 and messages change between versions) and the secret hygiene; two files at a time (E2E_GROUP).
 *                 djoser's answers on the newer generations are the integration-django files' to prove: its JSON
 *                 does not change with Django's version, only the validators' messages in it, which they check.
 * Within a group the longest files start first (test/longest-first-sequencer.ts).
 */
const DJANGO_GENERATIONS = ['3.2', '4.2', '5.2'] as const
const DJANGO_INTEGRATION = [
  'test/integration/backends-djoser.test.ts',
  'test/integration/backends-django-forms.test.ts',
  'test/integration/services-django.test.ts',
  'test/integration/backends-sign-in-by-email.test.ts',
  'test/integration/detect-kind-django.test.ts',
]
const ALLAUTH_INTEGRATION = [
  'test/integration/backends-allauth.test.ts',
  'test/integration/detect-kind-allauth.test.ts',
  'test/integration/backends-allauth-html-65.test.ts',
  'test/integration/backends-allauth-html-0.51.test.ts',
]
const DJANGO_E2E = ['test/e2e/flows-django-forms.test.ts', 'test/e2e/secret-hygiene.test.ts']

/**
 * The e2e files, both projects: their own group after the integration ones, two files at a time (each file has
 * its own browser shell, Chromium and servers on ports the OS picks, in temporary folders). A file waits on
 * Chromium and the servers much of the time, so two side by side take about 40% less wall time than one after
 * the other on two cores; more than two only slow each other down.
 */
const E2E_GROUP = {
  testTimeout: 60_000,
  // Starting Chromium, the shell and a Django server while another file does the same, on a busy machine.
  hookTimeout: 120_000,
  sequence: { groupOrder: 2 },
  maxWorkers: 2,
} as const

const djangoIntegration = (generation: string): TestProjectInlineConfiguration => ({
  test: {
    name: `integration-django-${generation}`,
    include: DJANGO_INTEGRATION,
    environment: 'node',
    env: { ACCOUNTDESK_DJANGO_GENERATION: generation },
    testTimeout: 60_000,
    // Starting a file's servers while two other generations start theirs, on a busy machine.
    hookTimeout: 120_000,
    // Their own group, after the CPU-bound unit and component files, three workers whatever the core count.
    sequence: { groupOrder: 1 },
    maxWorkers: 3,
  },
})

export default defineConfig({
  test: {
    sequence: { sequencer: LongestFirstSequencer },
    // The unit and component files: two at a time. Vitest's own default is one fewer than the cores, one worker on
    // the 2-core CI machine, which left a core idle while each file set up its environment (a run: 106 files,
    // 115 s of their own time in 206 s).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Generous for a loaded CI machine: a few unit files build or pack (electron-builder config, the gate).
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/component/setup.ts'],
          // jsdom renders slow down several-fold on a busy 2-core machine; 5 s (the default) timed out there.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: [...DJANGO_INTEGRATION, ...ALLAUTH_INTEGRATION],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Beside the Django files, which wait on their servers far more than they compute (ports are the OS's).
          sequence: { groupOrder: 1 },
          maxWorkers: 3,
        },
      },
      ...DJANGO_GENERATIONS.map(djangoIntegration),
      {
        test: {
          name: 'integration-allauth',
          include: ALLAUTH_INTEGRATION,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
          maxWorkers: 3,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          env: { ACCOUNTDESK_DJANGO_GENERATION: DJANGO_GENERATIONS[0] },
          ...E2E_GROUP,
        },
      },
      {
        test: {
          name: `e2e-django-${DJANGO_GENERATIONS[2]}`,
          include: DJANGO_E2E,
          environment: 'node',
          env: { ACCOUNTDESK_DJANGO_GENERATION: DJANGO_GENERATIONS[2] },
          ...E2E_GROUP,
        },
      },
    ],
  },
})
