// Row 1: what index.html makes the browser load before anything else: its module script(s), stylesheets and
// modulepreloads, and every chunk those scripts import statically. Lazy chunks (import()) are not counted.
// Sizes are gzip level 9 of the files as built.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const attr = (tag, name) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1]

/** Static imports in built ES modules (minified or not); `import(` (lazy) is excluded by the pattern. */
const STATIC_IMPORT = /(?:^|[;}\n\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g

export function staticImports(code) {
  const found = new Set()
  for (const match of code.matchAll(STATIC_IMPORT)) found.add(match[1])
  return [...found]
}

/** The files index.html loads eagerly, with raw and gzip bytes. */
export function eagerAssets(distDir) {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8')
  const queue = []
  const css = []
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attr(tag, 'src')
    if (src && /type\s*=\s*["']module["']/i.test(tag)) queue.push(src)
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = attr(tag, 'rel')
    const href = attr(tag, 'href')
    if (!href) continue
    if (rel === 'stylesheet') css.push(href)
    if (rel === 'modulepreload') queue.push(href)
  }
  const files = new Map()
  const resolveFrom = (from, ref) => path.resolve(path.dirname(from), ref.replace(/^\//, './'))
  const indexFile = path.join(distDir, 'index.html')
  for (const ref of css) files.set(resolveFrom(indexFile, ref), 'css')
  const pending = queue.map((ref) => resolveFrom(indexFile, ref))
  while (pending.length > 0) {
    const file = pending.shift()
    if (files.has(file)) continue
    files.set(file, 'js')
    const code = readFileSync(file, 'utf8')
    for (const ref of staticImports(code)) if (ref.startsWith('.')) pending.push(resolveFrom(file, ref))
  }
  const list = [...files].map(([file, kind]) => {
    const data = readFileSync(file)
    return {
      file: path.relative(distDir, file),
      kind,
      bytes: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
    }
  })
  const sum = (key, kind) => list.filter((f) => !kind || f.kind === kind).reduce((a, f) => a + f[key], 0)
  return {
    files: list,
    bytes: sum('bytes'),
    gzip: sum('gzip'),
    jsGzip: sum('gzip', 'js'),
    cssGzip: sum('gzip', 'css'),
  }
}
