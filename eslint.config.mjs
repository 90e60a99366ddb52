import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

/**
 * The files that may import `electron`: the two entry points that receive the real module, and the one file that
 * derives the shell's view of Electron from its declarations (type-only), plus the fake that satisfies it.
 */
const ELECTRON_FILES = {
  main: ['src/main/index.ts', 'src/main/shell/electron-types.ts'],
  preload: ['src/preload/index.ts'],
}
const NO_ELECTRON = {
  name: 'electron',
  message:
    'Only src/main/index.ts, src/preload/index.ts and src/main/shell/electron-types.ts import electron; use the types in src/main/shell/electron-types.ts.',
}

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'coverage',
      'test-results',
      'bench/.build',
      'reports',
      '.stryker-tmp',
      '.cache',
      'test/servers/**/*.py',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs}'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/component/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['scripts/**/*.mjs', 'tools/**/*.{ts,mjs}', 'test/**/*.{ts,mjs}'],
    rules: { 'no-console': 'off' },
  },
  // Cross-process imports only from src/shared; `electron` only where it must be (ELECTRON_FILES below).
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [NO_ELECTRON], patterns: ['**/renderer/**', '**/preload/**'] },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [NO_ELECTRON], patterns: ['**/main/**', '**/renderer/**'] },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON], patterns: ['**/main/**', '**/preload/**'] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [NO_ELECTRON], patterns: ['**/main/**', '**/preload/**', '**/renderer/**'] },
      ],
    },
  },
  {
    files: ['tools/**/*.{ts,mts}', 'test/**/*.{ts,tsx}', 'scripts/**/*.mjs', 'bench/**/*.{ts,mjs}'],
    ignores: ['test/helpers/fake-electron.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }] },
  },
  {
    files: ELECTRON_FILES.main,
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/renderer/**', '**/preload/**'] }] },
  },
  {
    files: ELECTRON_FILES.preload,
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/main/**', '**/renderer/**'] }] },
  },
  // No casts that switch the type checker off. A rare, justified cast carries
  // `// eslint-disable-next-line no-restricted-syntax -- <reason>`.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['TSAsExpression', 'TSTypeAssertion'].flatMap((node) => [
          { selector: `${node}[typeAnnotation.type='TSNeverKeyword']`, message: 'No `as never`: type it.' },
          { selector: `${node}[typeAnnotation.type='TSAnyKeyword']`, message: 'No `as any`: type it.' },
          {
            selector: `${node}[expression.type=/^(TSAsExpression|TSTypeAssertion)$/][expression.typeAnnotation.type='TSUnknownKeyword']`,
            message: 'No `as unknown as`: type it.',
          },
        ]),
      ],
    },
  },
)
