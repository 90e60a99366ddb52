/**
 * The installers' configuration (electron-builder.config.ts), checked without the Electron binary:
 *  - the config loads the way the CLI loads it and passes electron-builder's own schema, offline;
 *  - `electron-builder --dir` with a stub Electron packs app.asar, whose file list is exactly the built output and
 *    package.json; the stub carries a fuse wire, so the fuses really get flipped and are read back;
 *  - the deb and rpm targets run up to the point where fpm would start, which gives the generated desktop entry.
 */
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { extractFile, listPackage, statFile } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { Arch, build, Platform, type Configuration } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadBranding, type Branding } from '../../src/main/config/branding'
import { LICENSES_FILE } from '../../tools/vite/third-party-licenses'

const repo = path.resolve('.')
const requireFromRepo = createRequire(path.join(repo, 'package.json'))

type Env = Record<string, string | undefined>
/** electron-builder.config.ts, loaded the way electron-builder loads it (jiti), not through Vitest's transform. */
interface BuilderConfigModule {
  default: () => Configuration
  createBuilderConfig(branding: Branding, env: Env): Configuration
  ELECTRON_FUSES: Record<string, boolean>
  PACKED_FILES: string[]
  notarizeCredentialsPresent(env: Env): boolean
  signingMissing(platform: string, env: Env): string | null
  synopsisOf(description: string | undefined, productName: string): string
}
const { createJiti } = requireFromRepo('jiti') as {
  createJiti(from: string): { import<T>(id: string): Promise<T> }
}
const builderConfig = await createJiti(path.join(repo, 'package.json')).import<BuilderConfigModule>(
  path.join(repo, 'electron-builder.config.ts'),
)
const {
  default: loadConfig,
  createBuilderConfig,
  ELECTRON_FUSES,
  notarizeCredentialsPresent,
  PACKED_FILES,
  signingMissing,
  synopsisOf,
} = builderConfig
const electronVersion = (requireFromRepo('electron/package.json') as { version: string }).version
const work = mkdtempSync(path.join(tmpdir(), 'packaging-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const ON = 49 // '1'
const OFF = 48 // '0'
/**
 * A stand-in for Electron's binary: no program, but the fuse wire Electron 45 ships with (version 1, eight fuses,
 * in Electron's default states), so @electron/fuses flips it exactly as it would flip the real one.
 */
const ELECTRON_DEFAULT_WIRE = [ON, OFF, ON, ON, OFF, OFF, OFF, ON]
function makeStubElectronDist(): string {
  const dir = path.join(work, 'electron-dist')
  mkdirSync(dir, { recursive: true })
  const wire = Buffer.from([1, ELECTRON_DEFAULT_WIRE.length, ...ELECTRON_DEFAULT_WIRE])
  writeFileSync(
    path.join(dir, 'electron'),
    Buffer.concat([Buffer.from('stub electron\n'), Buffer.from(SENTINEL), wire, Buffer.from('\n')]),
    { mode: 0o755 },
  )
  return dir
}

/** Every file (not folder) in an asar, as /relative/paths. */
function asarFiles(archive: string): string[] {
  return listPackage(archive, { isPack: false })
    .filter((entry) => !('files' in statFile(archive, entry.replace(/^[/\\]/, ''), false)))
    .map((entry) => entry.replace(/\\/g, '/'))
    .sort()
}

/** Every file under `dir`, relative to `base`, as /relative/paths, skipping source maps. */
function filesUnder(base: string, dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (!name.endsWith('.map')) out.push('/' + path.relative(base, full).split(path.sep).join('/'))
    }
  }
  walk(path.join(base, dir))
  return out
}

function fuseStates(wire: Record<string | number, unknown>) {
  return {
    runAsNode: wire[FuseV1Options.RunAsNode],
    enableCookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
    enableNodeOptionsEnvironmentVariable: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
    enableNodeCliInspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
    enableEmbeddedAsarIntegrityValidation: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
    onlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
    loadBrowserProcessSpecificV8Snapshot: wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot],
    grantFileProtocolExtraPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
  }
}

/** security.md row 19, as bytes on the wire; the V8 snapshot fuse is left as Electron ships it. */
const EXPECTED_WIRE = {
  runAsNode: OFF,
  enableCookieEncryption: ON,
  enableNodeOptionsEnvironmentVariable: OFF,
  enableNodeCliInspectArguments: OFF,
  enableEmbeddedAsarIntegrityValidation: ON,
  onlyLoadAppFromAsar: ON,
  loadBrowserProcessSpecificV8Snapshot: OFF,
  grantFileProtocolExtraPrivileges: OFF,
}

const BUILT = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']
let electronDist = ''
let branding: Branding

beforeAll(() => {
  if (BUILT.some((f) => !existsSync(path.join(repo, f)))) {
    // The packing tests need the built app; `npm test` builds first, a lone run builds here (about 2 s).
    const bin = path.join(
      path.dirname(requireFromRepo.resolve('electron-vite/package.json')),
      'bin/electron-vite.js',
    )
    execFileSync(process.execPath, [bin, 'build'], {
      cwd: repo,
      stdio: 'inherit',
      timeout: 120_000,
    })
  }
  for (const f of BUILT) expect(existsSync(path.join(repo, f)), `${f} after the build`).toBe(true)
  electronDist = makeStubElectronDist()
  branding = loadBranding(path.join(repo, 'branding.json'))
}, 150_000)

describe('the electron-builder config', () => {
  it('loads the way the CLI loads it (jiti) and passes electron-builder’s schema, offline', async () => {
    const started = Date.now()
    const { getConfig, validateConfiguration } = requireFromRepo(
      'app-builder-lib/out/util/config/config',
    ) as {
      getConfig(
        projectDir: string,
        configPath: string | null,
        configFromOptions: unknown,
      ): Promise<Configuration>
      validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>
    }
    const { DebugLogger } = requireFromRepo('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown
    }
    const config = await getConfig(repo, 'electron-builder.config.ts', null)
    expect(config.appId).toBe(branding.appId)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    // The validator is live: a misspelt option fails it.
    await expect(
      validateConfiguration({ ...config, electronFuse: {} } as Configuration, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'electronFuse'/)
    // Offline: a network wait would run into the test timeout; the time is reported, not judged.
    console.log(`electron-builder config load and validation: ${Date.now() - started} ms`)
  }, 30_000)

  it('takes the product name, app id, scheme and icon from branding.json', () => {
    const config = loadConfig()
    expect(config).toMatchObject({
      appId: branding.appId,
      productName: branding.productName,
      icon: branding.iconPath,
      protocols: [{ name: `${branding.productName} link`, schemes: [branding.scheme], role: 'Viewer' }],
      extraMetadata: {
        productName: branding.productName,
        desktopName: `${branding.executableName}.desktop`,
        homepage: branding.homepage,
      },
      linux: { executableName: branding.executableName, maintainer: branding.maintainer },
    })
  })

  it('sets the fuses of security.md row 19, exactly', () => {
    expect(ELECTRON_FUSES).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(loadConfig().electronFuses).toEqual(ELECTRON_FUSES)
  })

  it('builds NSIS (per-machine option), dmg + zip with hardened runtime, AppImage, deb and rpm', () => {
    const config = createBuilderConfig(branding, {})
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, include: 'build/installer.nsh' })
    expect(createBuilderConfig({ ...branding, windowsPerMachine: true }, {}).nsis?.perMachine).toBe(true)
    expect(config.mac).toMatchObject({
      target: [
        { target: 'dmg', arch: ['universal'] },
        { target: 'zip', arch: ['universal'] },
      ],
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      notarize: false,
    })
    expect(config.linux?.target).toEqual(['AppImage', 'deb', 'rpm'])
    expect(config.publish).toBeNull()
  })

  it('takes signing and notarization from the environment only', () => {
    const quiet = createBuilderConfig(branding, {})
    const secretKeys: string[] = []
    const walk = (value: unknown, at: string) => {
      if (value === null || typeof value !== 'object') return
      for (const [key, inner] of Object.entries(value)) {
        if (/csc|certificate|password|identity|provisioningProfile|apple|azure/i.test(key) && inner != null)
          secretKeys.push(`${at}.${key}`)
        walk(inner, `${at}.${key}`)
      }
    }
    walk(quiet, 'config')
    expect(secretKeys).toEqual([])
    expect(JSON.stringify(quiet)).not.toMatch(/APPLE_|AZURE_|CSC_/)
    expect(quiet.forceCodeSigning).toBe(false)
    expect(quiet.win?.azureSignOptions).toBeNull()

    expect(
      notarizeCredentialsPresent({ APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'i' }),
    ).toBe(true)
    expect(notarizeCredentialsPresent({ APPLE_ID: 'a@b.c', APPLE_TEAM_ID: 'T' })).toBe(false)
    const apple = { APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'x', APPLE_TEAM_ID: 'T' }
    expect(createBuilderConfig(branding, apple).mac?.notarize).toBe(true)

    const azure = {
      AZURE_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net',
      AZURE_SIGNING_ACCOUNT: 'contoso',
      AZURE_SIGNING_CERTIFICATE_PROFILE: 'public-trust',
      AZURE_SIGNING_PUBLISHER_NAME: 'Contoso Ltd',
    }
    expect(createBuilderConfig(branding, azure).win?.azureSignOptions).toEqual({
      endpoint: 'https://weu.codesigning.azure.net',
      codeSigningAccountName: 'contoso',
      certificateProfileName: 'public-trust',
      publisherName: 'Contoso Ltd',
    })
  })

  it('with ACCOUNT_DESK_REQUIRE_SIGNING=1, stops a build that has no signing material for its OS', async () => {
    const strict = createBuilderConfig(branding, { ACCOUNT_DESK_REQUIRE_SIGNING: '1' })
    expect(strict.forceCodeSigning).toBe(true)
    const beforePack = strict.beforePack as (context: { electronPlatformName: string }) => Promise<void>
    await expect(beforePack({ electronPlatformName: 'win32' })).rejects.toThrow(/WIN_CSC_LINK/)
    await expect(beforePack({ electronPlatformName: 'darwin' })).rejects.toThrow(/CSC_LINK/)
    await expect(beforePack({ electronPlatformName: 'linux' })).resolves.toBeUndefined()
    expect(signingMissing('win32', { WIN_CSC_LINK: '/secure/cert.pfx' })).toBeNull()
    expect(signingMissing('darwin', { CSC_NAME: 'Developer ID Application: Contoso' })).toMatch(
      /notarization/,
    )
  })

  it('keeps signing material out of the repository', () => {
    const offending: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (['node_modules', '.git', 'out', 'dist', 'test-results', 'coverage', '.cache'].includes(name))
          continue
        const full = path.join(dir, name)
        if (statSync(full).isDirectory()) walk(full)
        else if (/\.(p12|pfx|pem|key|p8|cer|mobileprovision|provisionprofile)$/i.test(name))
          offending.push(full)
      }
    }
    walk(repo)
    expect(offending).toEqual([])
    expect(readFileSync(path.join(repo, 'electron-builder.config.ts'), 'utf8')).not.toMatch(
      /cscLink|cscKeyPassword|certificatePassword|certificateFile/,
    )
  })

  it('registers the scheme in the Windows installer for the install’s context, with a -- guard', async () => {
    const nsh = readFileSync(path.join(repo, 'build/installer.nsh'), 'utf8')
    expect(nsh).toContain('!define ACCOUNT_DESK_SCHEME "$%ACCOUNT_DESK_SCHEME%"')
    expect(nsh).toContain('WriteRegStr SHCTX "Software\\Classes\\${ACCOUNT_DESK_SCHEME}" "URL Protocol" ""')
    expect(nsh).toContain(
      'WriteRegStr SHCTX "Software\\Classes\\${ACCOUNT_DESK_SCHEME}\\shell\\open\\command" "" "$\\"$appExe$\\" -- $\\"%1$\\""',
    )
    expect(nsh).toMatch(
      /!macro customUnInstall\s+DeleteRegKey SHCTX "Software\\Classes\\\$\{ACCOUNT_DESK_SCHEME\}"/,
    )
    // makensis reads the scheme from the environment electron-builder runs it in.
    const saved = process.env['ACCOUNT_DESK_SCHEME']
    try {
      delete process.env['ACCOUNT_DESK_SCHEME']
      await (
        createBuilderConfig({ ...branding, scheme: 'contoso-accounts' }, {}).beforePack as (
          c: object,
        ) => Promise<void>
      )({
        electronPlatformName: 'win32',
      })
      expect(process.env['ACCOUNT_DESK_SCHEME']).toBe('contoso-accounts')
    } finally {
      if (saved === undefined) delete process.env['ACCOUNT_DESK_SCHEME']
      else process.env['ACCOUNT_DESK_SCHEME'] = saved
    }
  })

  it('asks macOS for no entitlement but the JIT', () => {
    const plist = readFileSync(path.join(repo, 'build/entitlements.mac.plist'), 'utf8')
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual([
      'com.apple.security.cs.allow-jit',
    ])
  })

  it('writes a deb/rpm summary that ends at a word', () => {
    expect(synopsisOf(branding.description, branding.productName)).toBe(
      "Manage the accounts you hold on your organisation's Django servers",
    )
    expect(synopsisOf(undefined, 'Contoso Accounts')).toBe('Contoso Accounts')
    expect(synopsisOf('word '.repeat(30), 'x').length).toBeLessThanOrEqual(80)
  })
})

const manifest = (name: string) =>
  JSON.parse(readFileSync(path.join(repo, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string
    license: string
    engines: { node: string }
  }

describe('the built bundles', () => {
  const mainSource = () =>
    filesUnder(repo, 'out/main')
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(path.join(repo, f), 'utf8'))
      .join('\n')

  it("holds axios with its fetch adapter only: no Node http adapter and none of that adapter's dependencies", () => {
    const bundled = mainSource()
    expect(bundled).toContain('node_modules/axios/lib/adapters/fetch.js')
    for (const absent of [
      'node_modules/axios/lib/adapters/http.js',
      'node_modules/axios/lib/adapters/xhr.js',
      'node_modules/axios/lib/platform/node/',
      'node_modules/follow-redirects/',
      'node_modules/form-data/',
      'node_modules/mime-db/',
      'node_modules/mime-types/',
      'node_modules/proxy-from-env/',
    ])
      expect(bundled, absent).not.toContain(absent)
  })

  it('carry the licence notice of every third-party package bundled into them', () => {
    // The unminified main bundle names each module it holds (`// node_modules/<package>/…`).
    const bundledPackages = new Set(
      [...mainSource().matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1] as string),
    )
    expect(bundledPackages.size).toBeGreaterThan(0)
    const notices = readFileSync(path.join(repo, 'out/main', LICENSES_FILE), 'utf8')
    for (const name of bundledPackages) {
      // Each under its own licence (htmlparser2's helpers are BSD-2-Clause, most others MIT).
      const { version, license } = manifest(name)
      expect(notices, name).toContain(`${name} ${version} (${license})\n\n`)
    }
    expect(notices).toContain('Permission is hereby granted, free of charge')
    const renderer = readFileSync(path.join(repo, 'out/renderer', LICENSES_FILE), 'utf8')
    for (const name of ['react', 'react-dom', 'scheduler', 'zustand', '@zxcvbn-ts/core'])
      expect(renderer, name).toMatch(new RegExp(`^${name} \\S+ \\(MIT\\)$`, 'm'))
  })
})

describe('package.json engines', () => {
  it('names the Node versions every build and test tool accepts, and no other', () => {
    const semver = requireFromRepo('semver') as { subset(sub: string, dom: string): boolean }
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
      engines: { node: string }
      devDependencies: Record<string, string>
    }
    for (const name of ['vite', 'vitest', 'electron-vite', 'jsdom', '@vitejs/plugin-react', 'eslint']) {
      const theirs = manifest(name).engines.node
      expect(semver.subset(pkg.engines.node, theirs), `${name} needs ${theirs}`).toBe(true)
    }
    expect(semver.subset('>=20.19', pkg.engines.node)).toBe(false)
  })
})

describe('electron-builder --dir on this repository, with a stub Electron', () => {
  const output = path.join(work, 'repo-dist')
  let asar = ''
  let executable = ''

  beforeAll(() => {
    const cli = requireFromRepo.resolve('electron-builder/cli.js')
    const started = Date.now()
    execFileSync(
      process.execPath,
      [
        cli,
        '--linux',
        '--dir',
        '--x64',
        '--config',
        'electron-builder.config.ts',
        '--publish',
        'never',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${output}`,
      ],
      { cwd: repo, stdio: 'pipe', timeout: 120_000, env: { ...process.env, CI: 'true' } },
    )
    console.log(`electron-builder --dir: ${Date.now() - started} ms`)
    asar = path.join(output, 'linux-unpacked', 'resources', 'app.asar')
    executable = path.join(output, 'linux-unpacked', branding.executableName)
  }, 150_000)

  it('packs the third-party licence notices with the code they cover', () => {
    const packed = asarFiles(asar)
    for (const dir of ['main', 'preload', 'renderer'])
      expect(packed).toContain(`/out/${dir}/${LICENSES_FILE}`)
    expect(extractFile(asar, `out/main/${LICENSES_FILE}`).toString('utf8')).toMatch(/^axios \S+ \(MIT\)$/m)
  })

  it('packs exactly out/main, out/preload, out/renderer and package.json', () => {
    const expected = [
      ...filesUnder(repo, 'out/main'),
      ...filesUnder(repo, 'out/preload'),
      ...filesUnder(repo, 'out/renderer'),
      '/package.json',
    ].sort()
    const packed = asarFiles(asar)
    expect(packed).toEqual(expected)
    expect(packed.some((f) => /browser-shell|node_modules|\.map$|^\/(src|test)\//.test(f))).toBe(false)
  })

  it('packs a package.json with the branded names and without scripts or dependencies', () => {
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as Record<string, unknown>
    expect(pkg).toMatchObject({
      main: './out/main/index.js',
      productName: branding.productName,
      desktopName: `${branding.executableName}.desktop`,
    })
    expect(pkg).not.toHaveProperty('scripts')
    expect(pkg).not.toHaveProperty('devDependencies')
    expect(pkg).not.toHaveProperty('dependencies')
  })

  it('flips the fuses on the Electron binary as security.md row 19 says', async () => {
    expect(fuseStates(await getCurrentFuseWire(executable))).toEqual(EXPECTED_WIRE)
  })

  it('writes nothing into the repository', () => {
    expect(existsSync(path.join(repo, 'dist', 'linux-unpacked'))).toBe(false)
  })
})

describe('a branded build (deb and rpm up to fpm) in a scratch project full of decoys', () => {
  const project = path.join(work, 'project')
  const output = path.join(work, 'branded-dist')
  const captured: { target: string; args: string[]; desktop: string }[] = []
  let asar = ''

  beforeAll(async () => {
    mkdirSync(project)
    copyFileSync(path.join(repo, 'package.json'), path.join(project, 'package.json'))
    for (const dir of ['out/main', 'out/preload', 'out/renderer', 'out/browser-shell']) {
      if (existsSync(path.join(repo, dir)))
        cpSync(path.join(repo, dir), path.join(project, dir), { recursive: true })
    }
    mkdirSync(path.join(project, 'out/browser-shell'), { recursive: true })
    const decoys: Record<string, string> = {
      'out/main/index.js.map': '{}',
      'out/renderer/assets/index.js.map': '{}',
      'out/browser-shell/index.cjs': 'decoy',
      'src/main/index.ts': 'decoy',
      'test/unit/decoy.test.ts': 'decoy',
      'node_modules/zod/package.json': '{"name":"zod","version":"4.0.0"}',
      'node_modules/zod/index.js': 'decoy',
      '.env': 'CSC_KEY_PASSWORD=decoy',
      'dist/old/file.txt': 'decoy',
      'README.md': 'decoy',
      'tsconfig.json': '{}',
      'electron-builder.config.ts': 'decoy',
    }
    for (const [file, content] of Object.entries(decoys)) {
      mkdirSync(path.dirname(path.join(project, file)), { recursive: true })
      writeFileSync(path.join(project, file), content)
    }
    cpSync(path.join(repo, 'build'), path.join(project, 'build'), { recursive: true })
    writeFileSync(
      path.join(project, 'branding.json'),
      JSON.stringify({
        productName: 'Contoso Accounts',
        appId: 'com.contoso.accounts',
        scheme: 'contoso-accounts',
        description: 'Contoso staff accounts: sign in, change and reset passwords.',
        publisher: 'Contoso Ltd',
        homepage: 'https://it.contoso.example/accounts',
        maintainer: 'Contoso IT <it@contoso.example>',
        icon: 'build/icon.png',
        linuxIcons: 'build/icons',
      }),
    )
    const contoso = loadBranding(path.join(project, 'branding.json'))
    const started = Date.now()
    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget(['deb', 'rpm'], Arch.x64),
      config: {
        ...createBuilderConfig(contoso, {}),
        electronDist,
        electronVersion,
        directories: { output, buildResources: 'build' },
      },
      publish: 'never',
      // fpm is downloaded from outside the npm registry; stop each target where fpm would start.
      effectiveOptionComputed: async ([args, desktopFile]: [string[], string]) => {
        captured.push({
          target: args[args.indexOf('--package') + 1]!.endsWith('.rpm') ? 'rpm' : 'deb',
          args,
          desktop: readFileSync(desktopFile, 'utf8'),
        })
        return true
      },
    })
    console.log(`branded deb+rpm (to fpm): ${Date.now() - started} ms`)
    asar = path.join(output, 'linux-unpacked', 'resources', 'app.asar')
  }, 150_000)

  it('packs only the built output and package.json, whatever else lies in the project', () => {
    const expected = [
      ...filesUnder(project, 'out/main'),
      ...filesUnder(project, 'out/preload'),
      ...filesUnder(project, 'out/renderer'),
      '/package.json',
    ].sort()
    expect(asarFiles(asar)).toEqual(expected)
    expect(readdirSync(path.join(output, 'linux-unpacked', 'resources')).sort()).toEqual([
      'app.asar',
      'apparmor-profile',
    ])
  })

  it('generates a desktop entry that registers the branded scheme and opens links with %U', () => {
    expect(captured.map((c) => c.target).sort()).toEqual(['deb', 'rpm'])
    for (const { desktop } of captured) {
      expect(desktop).toBe(
        [
          '[Desktop Entry]',
          'Name=Contoso Accounts',
          'Exec="/opt/Contoso Accounts/contoso-accounts" %U',
          'Terminal=false',
          'Type=Application',
          'Icon=contoso-accounts',
          'StartupWMClass=contoso-accounts',
          'Comment=Contoso staff accounts: sign in, change and reset passwords.',
          'MimeType=x-scheme-handler/contoso-accounts;',
          'Categories=Utility;',
          '',
        ].join('\n'),
      )
    }
  })

  it('is the desktop entry docs/deploying.md shows', () => {
    const docs = readFileSync(path.join(repo, 'docs/deploying.md'), 'utf8')
    const shown = /```ini\n(\[Desktop Entry\][\s\S]*?)```/.exec(docs)?.[1]
    expect(shown).toBe(captured[0]?.desktop)
  })

  it('names the packages after the branded executable', () => {
    const artifact = (target: string) => {
      const { args } = captured.find((c) => c.target === target)!
      return path.basename(args[args.indexOf('--package') + 1]!)
    }
    expect(artifact('deb')).toBe('contoso-accounts_0.1.0_amd64.deb')
    expect(artifact('rpm')).toBe('contoso-accounts-0.1.0.x86_64.rpm')
  })

  it('installs the desktop entry under the executable’s name, icons into hicolor, the app into /opt', () => {
    const deb = captured.find((c) => c.target === 'deb')!
    const mappings = deb.args.filter((a) => a.includes('=/'))
    expect(mappings.some((m) => m.endsWith('=/usr/share/applications/contoso-accounts.desktop'))).toBe(true)
    expect(mappings).toContain(
      `${path.join(project, 'build/icons/256x256.png')}=/usr/share/icons/hicolor/256x256/apps/contoso-accounts.png`,
    )
    expect(mappings).toContain(`${path.join(output, 'linux-unpacked')}/=/opt/Contoso Accounts`)
    expect(deb.args).toEqual(
      expect.arrayContaining([
        '--name',
        'contoso-accounts',
        '--maintainer',
        'Contoso IT <it@contoso.example>',
      ]),
    )
  })

  it('packs the branded names into package.json and flips the fuses', async () => {
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as Record<string, unknown>
    expect(pkg).toMatchObject({ productName: 'Contoso Accounts', desktopName: 'contoso-accounts.desktop' })
    const wire = await getCurrentFuseWire(path.join(output, 'linux-unpacked', 'contoso-accounts'))
    expect(fuseStates(wire)).toEqual(EXPECTED_WIRE)
  })

  it('uses the PACKED_FILES patterns the docs describe', () => {
    expect(PACKED_FILES).toEqual(
      expect.arrayContaining([
        'out/main/**/*',
        'out/preload/**/*',
        'out/renderer/**/*',
        'package.json',
        '!**/*.map',
      ]),
    )
  })
})
