import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { serverProfileSchema } from '../../shared/profile'
import { schemeNameProblem } from '../links/scheme-name'
import { formatIssues, parseJsonText } from './config-issues'
import { productSlug } from './product-slug'

export { productSlug }

/**
 * Branding at build time: the one file an IT team edits (branding.json at the repository root, or the file that
 * ACCOUNT_DESK_BRANDING names). The electron-builder config reads it for the installers (product name, app id,
 * URL scheme, icon); the main process gets `toRuntimeBranding()` of it (product name, scheme, default servers).
 *
 * Everything here is validated before any installer is built, with messages that name the field.
 */

/** Letters, digits, spaces, dot, dash, underscore: safe in every installer and in a folder name on every OS. */
const PRODUCT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9])?$/

/** Reverse-DNS: CFBundleIdentifier, the Windows AppUserModelID, the Linux app id. */
const APP_ID = /^[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+$/

/** "Name <address>": deb and rpm require a maintainer with an e-mail address. */
const MAINTAINER = /^[^<>\n\r]+ <[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/

const schemeSchema = z.string().superRefine((value, ctx) => {
  const problem = schemeNameProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

export const brandingSchema = z
  .object({
    /** Optional pointer for editors; ignored. */
    $schema: z.string().optional(),
    productName: z
      .string()
      .max(64, 'The product name must be at most 64 characters.')
      .regex(
        PRODUCT_NAME,
        'The product name may hold letters, digits, spaces, ".", "-" and "_", and must start and end with a letter or digit.',
      ),
    appId: z
      .string()
      .max(128, 'The app id must be at most 128 characters.')
      .regex(APP_ID, 'The app id must be reverse-DNS, e.g. "org.example.accountdesk".')
      .refine(
        (id) => !id.toLowerCase().startsWith('com.electron.'),
        'The app id must be your own, not electron-builder\'s default "com.electron.*".',
      ),
    /** The URL scheme reset links open the app with (RFC 3986 scheme name, lowercase). */
    scheme: schemeSchema,
    description: z.string().trim().min(1).max(200).optional(),
    /** The organisation shipping the app: installer publisher, copyright, deb/rpm vendor. */
    publisher: z.string().trim().min(1).max(100),
    /** The organisation's page about the app (deb and rpm require one; Windows shows it in "Apps"). */
    homepage: z.string().refine((value) => {
      try {
        return new URL(value).protocol === 'https:'
      } catch {
        return false
      }
    }, 'The homepage must be an https:// address.'),
    /** deb and rpm maintainer, "Name <address>". */
    maintainer: z
      .string()
      .regex(
        MAINTAINER,
        'The maintainer must look like "IT Team <it@example.org>" (deb and rpm require it).',
      ),
    /** A square PNG of at least 512×512 pixels (1024×1024 is best), relative to the branding file. */
    icon: z
      .string()
      .min(1)
      .refine(
        (p) => p.toLowerCase().endsWith('.png'),
        'The icon must be a .png file (512×512 pixels or more).',
      ),
    /**
     * Optional: a folder of Linux icons named NxN.png (hicolor sizes, 16 to 512), relative to the branding file.
     * Without it Linux desktops get the main icon at its own size, which most of them do not look up.
     */
    linuxIcons: z.string().min(1).optional(),
    /** Windows: true = always install for all users (Program Files, HKLM); false = the installer asks. */
    windowsPerMachine: z.boolean().default(false),
    /** Servers every user gets out of the box (ServerProfile inputs, as in src/shared/profile.ts). */
    defaultServers: z.array(serverProfileSchema).max(50, 'At most 50 default servers.').default([]),
  })
  .strict()
  .superRefine((branding, ctx) => {
    const ids = new Set<string>()
    const hosts = new Set<string>()
    branding.defaultServers.forEach((server, index) => {
      const host = new URL(server.baseUrl).host.toLowerCase()
      if (ids.has(server.id))
        ctx.addIssue({
          code: 'custom',
          path: ['defaultServers', index, 'id'],
          message: `The id "${server.id}" is used twice.`,
        })
      if (hosts.has(host))
        ctx.addIssue({
          code: 'custom',
          path: ['defaultServers', index, 'baseUrl'],
          message: `The server ${host} is listed twice.`,
        })
      ids.add(server.id)
      hosts.add(host)
    })
  })
  .transform((branding) => ({
    productName: branding.productName,
    appId: branding.appId,
    scheme: branding.scheme,
    description: branding.description,
    publisher: branding.publisher,
    homepage: branding.homepage,
    maintainer: branding.maintainer,
    icon: branding.icon,
    linuxIcons: branding.linuxIcons,
    windowsPerMachine: branding.windowsPerMachine,
    defaultServers: branding.defaultServers,
    /** Linux executable, desktop entry and /etc folder name. */
    executableName: productSlug(branding.productName),
  }))

export type BrandingInput = z.input<typeof brandingSchema>
export type ParsedBranding = z.output<typeof brandingSchema>
export interface Branding extends ParsedBranding {
  /** The branding file that was read. */
  file: string
  /** The icon as an absolute path. */
  iconPath: string
  /** The Linux icon folder as an absolute path, when the branding names one. */
  linuxIconsPath?: string
}

export class BrandingError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not valid branding:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'BrandingError'
  }
}

/** Parses branding values; throws BrandingError naming `file` and every problem. */
export function parseBranding(value: unknown, file = 'branding.json'): ParsedBranding {
  const parsed = brandingSchema.safeParse(value, { reportInput: true })
  if (!parsed.success) throw new BrandingError(file, formatIssues(parsed.error))
  return parsed.data
}

/** Width and height of a PNG from its IHDR chunk, or null when `bytes` is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

const HICOLOR_SIZES = [16, 22, 24, 32, 36, 48, 64, 72, 96, 128, 192, 256, 512]

function linuxIconsProblem(folder: string, shown: string): string | null {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    return `linuxIcons: the folder ${shown} does not exist.`
  const files = readdirSync(folder).filter((f) => f.toLowerCase().endsWith('.png'))
  if (files.length === 0) return `linuxIcons: ${shown} holds no NxN.png icons.`
  for (const f of files) {
    const named = /^(\d+)x(\d+)\.png$/.exec(f)
    if (!named || named[1] !== named[2] || !HICOLOR_SIZES.includes(Number(named[1])))
      return `linuxIcons: ${shown}/${f} must be named NxN.png with N one of ${HICOLOR_SIZES.join(', ')}.`
    const size = pngSize(readFileSync(path.join(folder, f)).subarray(0, 32))
    if (!size) return `linuxIcons: ${shown}/${f} is not a PNG image.`
    if (size.width !== Number(named[1]) || size.height !== Number(named[1]))
      return `linuxIcons: ${shown}/${f} is ${size.width}×${size.height}, not what its name says.`
  }
  if (!files.includes('256x256.png')) return `linuxIcons: ${shown} needs at least 256x256.png.`
  return null
}

function iconProblem(iconPath: string, shown: string): string | null {
  if (!existsSync(iconPath)) return `icon: the file ${shown} does not exist.`
  if (!statSync(iconPath).isFile()) return `icon: ${shown} is not a file.`
  const size = pngSize(readFileSync(iconPath).subarray(0, 32))
  if (!size) return `icon: ${shown} is not a PNG image.`
  if (size.width !== size.height || size.width < 512)
    return `icon: ${shown} is ${size.width}×${size.height}; it must be square and at least 512×512 pixels (1024×1024 is best).`
  return null
}

/** The branding file to read: the argument, else ACCOUNT_DESK_BRANDING, else branding.json in `cwd`. */
export function brandingFilePath(
  file?: string,
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): string {
  return path.resolve(cwd, file ?? env['ACCOUNT_DESK_BRANDING'] ?? 'branding.json')
}

/**
 * Reads and validates branding.json (build time, synchronous so both build configs can call it). Throws a
 * BrandingError that names the file and lists every problem; the build must stop on bad branding.
 */
export function loadBranding(
  file?: string,
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Branding {
  const resolved = brandingFilePath(file, options.env, options.cwd)
  let text: string
  try {
    text = readFileSync(resolved, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : `it cannot be read (${code ?? 'unknown error'})`
    throw new BrandingError(resolved, [why])
  }
  const json = parseJsonText(text)
  if (!json.ok) throw new BrandingError(resolved, [json.problem])
  const branding = parseBranding(json.value, resolved)
  const iconPath = path.resolve(path.dirname(resolved), branding.icon)
  const linuxIconsPath =
    branding.linuxIcons === undefined ? undefined : path.resolve(path.dirname(resolved), branding.linuxIcons)
  const problems = [
    iconProblem(iconPath, branding.icon),
    linuxIconsPath === undefined ? null : linuxIconsProblem(linuxIconsPath, branding.linuxIcons ?? ''),
  ].filter((p): p is string => p !== null)
  if (problems.length > 0) throw new BrandingError(resolved, problems)
  return { ...branding, file: resolved, iconPath, ...(linuxIconsPath ? { linuxIconsPath } : {}) }
}

/** What the main process needs at run time: embed `JSON.stringify(toRuntimeBranding(b))` at build time. */
export const runtimeBrandingSchema = z
  .object({
    productName: z.string().regex(PRODUCT_NAME).max(64),
    appId: z.string().regex(APP_ID).max(128),
    /** Names the Windows policy key: HKLM\SOFTWARE\Policies\<publisher>\<productName>. */
    publisher: z.string().min(1).max(100),
    scheme: schemeSchema,
    executableName: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    defaultServers: z.array(serverProfileSchema).max(50),
  })
  .strict()
export type RuntimeBranding = z.output<typeof runtimeBrandingSchema>

export function toRuntimeBranding(branding: ParsedBranding): z.input<typeof runtimeBrandingSchema> {
  return {
    productName: branding.productName,
    appId: branding.appId,
    publisher: branding.publisher,
    scheme: branding.scheme,
    executableName: branding.executableName,
    defaultServers: branding.defaultServers,
  }
}

/** The global the build replaces with the runtime branding (an object literal). */
export const BRANDING_GLOBAL = '__ACCOUNT_DESK_BRANDING__'

/**
 * For a Vite/electron-vite `define`: `main: { define: brandingDefine() }`. The main process then reads
 * `runtimeBrandingSchema.parse(__ACCOUNT_DESK_BRANDING__)`. Throws BrandingError on bad branding, which stops the build.
 */
export function brandingDefine(
  file?: string,
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Record<string, string> {
  // Validated here, at build time, so the app reads it without carrying a validator at start-up.
  const runtime = runtimeBrandingSchema.parse(toRuntimeBranding(loadBranding(file, options)))
  return { [BRANDING_GLOBAL]: JSON.stringify(runtime) }
}
