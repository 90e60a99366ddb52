import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

const root = path.resolve(__dirname, '../..')
const SKIP = new Set(['node_modules', 'out', 'dist', 'coverage', 'test-results', '.build', '__pycache__'])
const TEXT = /\.(ts|tsx|mts|mjs|js|md|py|json|html|css|sh|txt)$/

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return []
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return filesUnder(full)
    return TEXT.test(name) ? [full] : []
  })
}

const files = [
  ...['src', 'test', 'tools', 'scripts', 'docs', 'bench'].flatMap((d) => filesUnder(path.join(root, d))),
  path.join(root, 'README.md'),
]
const read = (file: string) => readFileSync(file, 'utf8')
const rel = (file: string) => path.relative(root, file)
// Spelt in pieces so that this guard does not itself match a plain search for the names it forbids.
const OUTSIDE = new RegExp(
  [
    ['shared', 'reference'],
    ['shared', 'DESIGN'],
    ['backend-protocol', 'md'],
    ['DESIGN', 'md'],
  ]
    .map(([a, b]) => `${a}${b === 'md' ? '\\.' : '/'}${b}`)
    .join('|'),
)

describe('the project stands alone', () => {
  test('no file refers to documents outside the repository', () => {
    const offenders = files.filter((f) => f !== __filename && OUTSIDE.test(read(f))).map(rel)
    expect(offenders).toEqual([])
  })

  test('every section of docs/server-protocol.md that a file names exists', () => {
    const doc = read(path.join(root, 'docs/server-protocol.md'))
    const headings = new Set([...doc.matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim()))
    const named = files.flatMap((f) =>
      [
        ...read(f)
          .replace(/\s*\n\s*(\*\s|#\s)?/g, ' ')
          .matchAll(/server-protocol\.md, "([^"]+)"/g),
      ].map((m) => ({
        file: rel(f),
        section: m[1]!,
      })),
    )
    expect(named.length).toBeGreaterThan(5)
    expect(named.filter((n) => !headings.has(n.section))).toEqual([])
  })

  test('docs/architecture.md says where each of these lives, and the files it names exist', () => {
    const doc = read(path.join(root, 'docs/architecture.md'))
    for (const task of [
      'request a reset e-mail',
      'open a link from the OS',
      'validate a new password',
      'show the reset form',
      'add a backend kind',
    ])
      expect(doc).toContain(`| ${task} |`)
    // Paths as the page writes them: `main/links/queue.ts`, `src/shared/backend-kinds/index.ts`; the
    // walk-through's allauth files are the ones a reader would add.
    const paths = [...doc.matchAll(/`((?:src\/)?(?:main|renderer|shared|preload)\/[\w/.-]+\.tsx?)`/g)]
      .map((m) => m[1]!.replace(/^(?!src\/)/, 'src/'))
      .filter((p) => !p.includes('allauth'))
    expect(paths.length).toBeGreaterThan(10)
    const missing = paths.filter((p) => !existsSync(path.join(root, p)))
    expect(missing).toEqual([])
  })
})
