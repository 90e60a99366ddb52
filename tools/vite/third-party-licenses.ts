import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'

/** The file each build output folder gets (out/main, out/preload, out/renderer), packed with it. */
export const LICENSES_FILE = 'THIRD_PARTY_LICENSES.txt'

interface BundledPackage {
  name: string
  version: string
  license: string
  text: string
}

/** The package a module file belongs to: the nearest package.json with a name, under node_modules. */
function packageOf(id: string, cache: Map<string, BundledPackage | null>): BundledPackage | null {
  const file = id.replace(/^\0/, '').split('?')[0] as string
  if (!file.includes(`${path.sep}node_modules${path.sep}`)) return null
  let dir = path.dirname(file)
  while (
    path.basename(path.dirname(dir)) !== 'node_modules' &&
    !path.basename(path.dirname(dir)).startsWith('@')
  )
    dir = path.dirname(dir)
  if (cache.has(dir)) return cache.get(dir) ?? null
  const manifest = path.join(dir, 'package.json')
  if (!existsSync(manifest)) return null
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    name?: string
    version?: string
    license?: string
  }
  const noticeFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f))
  const found = pkg.name
    ? {
        name: pkg.name,
        version: pkg.version ?? '',
        license: pkg.license ?? 'UNKNOWN',
        text: noticeFile ? readFileSync(path.join(dir, noticeFile), 'utf8').trim() : '',
      }
    : null
  cache.set(dir, found)
  return found
}

/**
 * Writes the licence notices of every third-party package bundled into this build's output, generated from the
 * bundled modules themselves (each package's package.json and LICENSE file), so the packaged app carries them.
 * A bundled package without a licence file fails the build: its notice cannot be shipped.
 */
export function thirdPartyLicenses(): Plugin {
  return {
    name: 'account-desk:third-party-licenses',
    apply: 'build',
    generateBundle(_options, bundle) {
      const cache = new Map<string, BundledPackage | null>()
      const packages = new Map<string, BundledPackage>()
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue
        for (const id of output.moduleIds) {
          const pkg = packageOf(id, cache)
          if (pkg) packages.set(`${pkg.name}@${pkg.version}`, pkg)
        }
      }
      const sorted = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name))
      const missing = sorted.filter((p) => !p.text).map((p) => p.name)
      if (missing.length) this.error(`no licence file to ship for ${missing.join(', ')}`)
      const body = sorted.map((p) => `${p.name} ${p.version} (${p.license})\n\n${p.text}\n`)
      this.emitFile({
        type: 'asset',
        fileName: LICENSES_FILE,
        source: `Third-party software bundled into this part of Account Desk, with its licence notices.\n\n${body.join(`\n${'-'.repeat(78)}\n\n`)}`,
      })
    },
  }
}
