/**
 * electron-builder configuration for Account Desk. Every value that identifies the product comes from
 * branding.json (see docs/deploying.md); every secret comes from the environment, never from this repository.
 *
 *   npm run package            build, then installers for this OS
 *   npm run package:dir        build, then an unpacked app (quick check of what is packed)
 *
 * electron-builder loads this file with jiti; it is always passed explicitly (`--config electron-builder.config.ts`).
 */
import type { Configuration } from 'electron-builder'
import { loadBranding, type Branding } from './src/main/config/branding'

type Env = Record<string, string | undefined>

/** security.md row 19. Flipped on the Electron binary right before signing. */
export const ELECTRON_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const

/**
 * What goes into app.asar: the built main, preload and renderer, and package.json. Nothing else: not the browser
 * shell (a development tool), not sources, tests or source maps, not node_modules (every package is a
 * devDependency and bundled by electron-vite).
 */
export const PACKED_FILES = [
  'out/main/**/*',
  'out/preload/**/*',
  'out/renderer/**/*',
  'package.json',
  '!**/*.map',
  '!out/browser-shell{,/**/*}',
  '!node_modules{,/**/*}',
]

const has = (env: Env, ...names: string[]) => names.every((n) => (env[n] ?? '').trim() !== '')

/** The three ways electron-builder can authenticate to Apple's notary service. */
export function notarizeCredentialsPresent(env: Env): boolean {
  return (
    has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
    has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
    has(env, 'APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE')
  )
}

/** Azure Trusted Signing, when its four settings are in the environment (credentials: AZURE_* of Entra ID). */
export function azureSignOptions(env: Env): NonNullable<Configuration['win']>['azureSignOptions'] {
  if (
    !has(
      env,
      'AZURE_SIGNING_ENDPOINT',
      'AZURE_SIGNING_ACCOUNT',
      'AZURE_SIGNING_CERTIFICATE_PROFILE',
      'AZURE_SIGNING_PUBLISHER_NAME',
    )
  )
    return null
  return {
    endpoint: env['AZURE_SIGNING_ENDPOINT']!,
    codeSigningAccountName: env['AZURE_SIGNING_ACCOUNT']!,
    certificateProfileName: env['AZURE_SIGNING_CERTIFICATE_PROFILE']!,
    publisherName: env['AZURE_SIGNING_PUBLISHER_NAME']!,
  }
}

/** Which signing material the environment holds, per OS (names only, never values). */
export function signingMissing(platform: string, env: Env): string | null {
  if (platform === 'win32') {
    if (has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK') || azureSignOptions(env)) return null
    return 'Windows signing needs WIN_CSC_LINK (or CSC_LINK) with WIN_CSC_KEY_PASSWORD, or the AZURE_SIGNING_* settings.'
  }
  if (platform === 'darwin') {
    if (!(has(env, 'CSC_LINK') || has(env, 'CSC_NAME')))
      return 'macOS signing needs CSC_LINK (a Developer ID Application .p12) with CSC_KEY_PASSWORD, or CSC_NAME.'
    if (!notarizeCredentialsPresent(env))
      return 'macOS notarization needs APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER (or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID).'
    return null
  }
  return null
}

const emailOf = (maintainer: string) => /<([^>]+)>$/.exec(maintainer)?.[1]

/** deb/rpm one-line summary: the description cut at a word boundary to 80 characters. */
export function synopsisOf(description: string | undefined, productName: string): string {
  const text = (description ?? productName).replace(/\s+/g, ' ').trim()
  if (text.length <= 80) return text
  const cut = text.slice(0, 80)
  const atColon = cut.indexOf(':')
  if (atColon >= 20) return cut.slice(0, atColon)
  return cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:.\s]+$/, '')
}

export function createBuilderConfig(branding: Branding, env: Env): Configuration {
  const requireSigning = env['ACCOUNT_DESK_REQUIRE_SIGNING'] === '1'
  const year = new Date().getFullYear()
  return {
    appId: branding.appId,
    productName: branding.productName,
    copyright: `Copyright © ${year} ${branding.publisher}`,
    directories: { output: 'dist', buildResources: 'build' },
    files: [...PACKED_FILES],
    asar: true,
    // The packed package.json carries the branded names: Electron takes app.name from productName and the Linux
    // window class (app_id) from desktopName, which must match the desktop entry's name.
    extraMetadata: {
      // The deb/rpm package name and the artifacts' file names.
      name: branding.executableName,
      productName: branding.productName,
      description: branding.description,
      homepage: branding.homepage,
      desktopName: `${branding.executableName}.desktop`,
      author: { name: branding.publisher, email: emailOf(branding.maintainer) },
    },
    icon: branding.iconPath,
    protocols: [{ name: `${branding.productName} link`, schemes: [branding.scheme], role: 'Viewer' }],
    electronFuses: { ...ELECTRON_FUSES },
    // No native modules and no runtime dependencies: nothing to rebuild or install.
    npmRebuild: false,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,
    // Signing material comes from the environment (CSC_LINK, CSC_KEY_PASSWORD, WIN_CSC_LINK, CSC_NAME, APPLE_*,
    // AZURE_*). With ACCOUNT_DESK_REQUIRE_SIGNING=1 an unsigned build fails instead of warning.
    forceCodeSigning: requireSigning,
    publish: null,
    beforePack: async (context) => {
      // build/installer.nsh reads the scheme at NSIS compile time from this variable.
      process.env['ACCOUNT_DESK_SCHEME'] = branding.scheme
      if (requireSigning) {
        const missing = signingMissing(context.electronPlatformName, env)
        if (missing) throw new Error(`ACCOUNT_DESK_REQUIRE_SIGNING=1: ${missing}`)
      }
    },

    win: {
      target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
      azureSignOptions: azureSignOptions(env),
    },
    nsis: {
      oneClick: false,
      // false: the installer offers "only for me" or "for all users" (silent: /currentuser or /allusers);
      // true: always per machine (Program Files, HKLM), elevating as needed.
      perMachine: branding.windowsPerMachine,
      selectPerMachineByDefault: true,
      allowElevation: true,
      allowToChangeInstallationDirectory: false,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
      // Registers the URL scheme for the install's context (HKLM per machine, HKCU per user).
      include: 'build/installer.nsh',
    },

    mac: {
      target: [
        { target: 'dmg', arch: ['universal'] },
        { target: 'zip', arch: ['universal'] },
      ],
      category: 'public.app-category.utilities',
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
      notarize: notarizeCredentialsPresent(env),
    },
    dmg: { sign: false },

    linux: {
      target: ['AppImage', 'deb', 'rpm'],
      category: 'Utility',
      executableName: branding.executableName,
      icon: branding.linuxIconsPath ?? branding.iconPath,
      syncDesktopName: true,
      maintainer: branding.maintainer,
      vendor: branding.publisher,
      synopsis: synopsisOf(branding.description, branding.productName),
      description: branding.description,
    },
  }
}

/** electron-builder calls this; it stops on invalid branding with a message naming each field. */
export default function config(): Configuration {
  return createBuilderConfig(loadBranding(), process.env)
}
