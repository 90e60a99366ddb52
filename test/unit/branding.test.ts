import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  BRANDING_GLOBAL,
  brandingDefine,
  BrandingError,
  brandingFilePath,
  brandingSchema,
  loadBranding,
  parseBranding,
  pngSize,
  productSlug,
  runtimeBrandingSchema,
  toRuntimeBranding,
  type BrandingInput,
} from '../../src/main/config/branding'

const repoIcon = path.resolve('build/icon.png')
const work = mkdtempSync(path.join(tmpdir(), 'branding-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const valid: BrandingInput = {
  productName: 'Contoso Accounts',
  appId: 'com.contoso.accounts',
  scheme: 'contoso-accounts',
  publisher: 'Contoso Ltd',
  homepage: 'https://it.contoso.example/accounts',
  maintainer: 'Contoso IT <it@contoso.example>',
  icon: 'icon.png',
  defaultServers: [
    { id: 'intranet', displayName: 'Intranet', baseUrl: 'https://intranet.contoso.example', kind: 'djoser' },
  ],
}

/** The messages a bad value gets, or [] when it is accepted. */
function problemsOf(patch: Record<string, unknown>): string[] {
  try {
    parseBranding({ ...valid, ...patch }, 'branding.json')
    return []
  } catch (error) {
    expect(error).toBeInstanceOf(BrandingError)
    return (error as BrandingError).problems
  }
}

let n = 0
/** Writes a branding file (and an icon next to it) into a fresh folder; returns the file's path. */
function brandingFile(content: unknown, icon: string | null = repoIcon): string {
  const dir = path.join(work, String(n++))
  mkdirSync(dir)
  if (icon) copyFileSync(icon, path.join(dir, 'icon.png'))
  const file = path.join(dir, 'branding.json')
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

describe('branding.json in the repository', () => {
  it('is valid, with the default names, and its icon is a square PNG of at least 512 pixels', () => {
    const branding = loadBranding('branding.json')
    expect(branding).toMatchObject({
      productName: 'Account Desk',
      scheme: 'accountdesk',
      executableName: 'account-desk',
      iconPath: repoIcon,
      linuxIconsPath: path.resolve('build/icons'),
    })
    const size = pngSize(readFileSync(branding.iconPath))
    expect(size?.width).toBe(size?.height)
    expect(size!.width).toBeGreaterThanOrEqual(512)
  })

  it('matches the package.json productName, so development and packaged builds share a name', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { productName?: string }
    expect(pkg.productName).toBe(loadBranding('branding.json').productName)
  })
})

describe('the branding schema', () => {
  it('accepts a full branding and derives the Linux executable name', () => {
    const parsed = parseBranding(valid)
    expect(parsed.executableName).toBe('contoso-accounts')
    expect(parsed.windowsPerMachine).toBe(false)
    expect(parsed.defaultServers[0]).toMatchObject({ id: 'intranet', prefix: '/auth/', timeoutMs: 15000 })
  })

  it.each([
    ['http', 'belongs to the browser or the system'],
    ['https', 'belongs to the browser or the system'],
    ['file', 'belongs to the browser or the system'],
    ['javascript', 'belongs to the browser or the system'],
    ['data', 'belongs to the browser or the system'],
    ['mailto', 'belongs to the browser or the system'],
    ['AccountDesk', 'lowercase letter'],
    ['1desk', 'start with a lowercase letter'],
    ['desk app', 'lowercase letters, digits'],
    ['desk_app', 'lowercase letters, digits'],
    ['desk:', 'lowercase letters, digits'],
    ['desk\\..\\x', 'lowercase letters, digits'],
    ['a'.repeat(65), '2 to 64'],
    ['', 'empty'],
  ])('refuses the scheme %j (RFC 3986, lowercase, not reserved, at most 64)', (scheme, words) => {
    const problems = problemsOf({ scheme })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^scheme: /)
    expect(problems[0]).toContain(words)
  })

  it.each(['accountdesk', 'contoso-accounts', 'org.contoso.desk', 'x+y', 'a'.repeat(64)])(
    'accepts the scheme %j',
    (scheme) => expect(problemsOf({ scheme })).toEqual([]),
  )

  it.each([
    [{ productName: '' }, 'productName'],
    [{ productName: 'Desk/../../etc' }, 'productName'],
    [{ productName: 'Desk: Pro' }, 'productName'],
    [{ productName: ' Desk' }, 'productName'],
    [{ appId: 'accountdesk' }, 'appId: The app id must be reverse-DNS'],
    [{ appId: 'com.electron.app' }, 'not electron-builder'],
    [{ homepage: 'http://contoso.example' }, 'homepage: The homepage must be an https:// address.'],
    [{ maintainer: 'Contoso IT' }, 'maintainer: The maintainer must look like'],
    [{ icon: 'icon.svg' }, 'icon: The icon must be a .png file'],
    [{ publisher: undefined }, 'publisher: is required'],
    [{ colour: 'blue' }, 'unknown field "colour"'],
    [{ windowsPerMachine: 'yes' }, 'windowsPerMachine: Invalid input: expected boolean'],
  ])('refuses %j with a message naming the field', (patch, words) => {
    const problems = problemsOf(patch)
    expect(problems.join('\n')).toContain(words)
  })

  it('refuses default servers that are not valid ServerProfile inputs, naming the index and field', () => {
    const problems = problemsOf({
      defaultServers: [
        { id: 'ok', displayName: 'OK', baseUrl: 'https://ok.example', kind: 'djoser' },
        { id: 'plain', displayName: 'Plain', baseUrl: 'http://plain.example', kind: 'djoser' },
        { id: 'Bad Id', displayName: 'x', baseUrl: 'https://x.example', kind: 'djoser' },
        { id: 'kind', displayName: 'x', baseUrl: 'https://y.example', kind: 'ldap' },
      ],
    })
    expect(problems.some((p) => p.startsWith('defaultServers[1].baseUrl: Use an https:// address'))).toBe(
      true,
    )
    expect(problems.some((p) => p.startsWith('defaultServers[2].id:'))).toBe(true)
    expect(problems.some((p) => p.startsWith('defaultServers[3].kind:'))).toBe(true)
  })

  it('refuses two default servers with the same id or the same host', () => {
    const server = { displayName: 'x', kind: 'djoser' as const }
    const problems = problemsOf({
      defaultServers: [
        { ...server, id: 'a', baseUrl: 'https://a.example' },
        { ...server, id: 'a', baseUrl: 'https://b.example' },
        { ...server, id: 'c', baseUrl: 'https://A.example/' },
      ],
    })
    expect(problems).toContain('defaultServers[1].id: The id "a" is used twice.')
    expect(problems).toContain('defaultServers[2].baseUrl: The server a.example is listed twice.')
  })

  it('derives file-system-safe names from the product name', () => {
    expect(productSlug('Account Desk')).toBe('account-desk')
    expect(productSlug('Contoso  Accounts 2.0')).toBe('contoso-accounts-2-0')
    expect(productSlug('...')).toBe('app')
  })

  it('exports the JSON schema object for tools', () => {
    expect(brandingSchema.safeParse(valid).success).toBe(true)
  })
})

describe('loadBranding', () => {
  it('reads the file, resolves the icon next to it, and tolerates a UTF-8 byte order mark', () => {
    const file = brandingFile('\ufeff' + JSON.stringify(valid))
    const branding = loadBranding(file)
    expect(branding.file).toBe(file)
    expect(branding.iconPath).toBe(path.join(path.dirname(file), 'icon.png'))
    expect(branding.scheme).toBe('contoso-accounts')
  })

  it('takes ACCOUNT_DESK_BRANDING when no path is given, else branding.json in the working folder', () => {
    expect(brandingFilePath(undefined, { ACCOUNT_DESK_BRANDING: 'it/branding.json' }, '/repo')).toBe(
      path.resolve('/repo/it/branding.json'),
    )
    expect(brandingFilePath(undefined, {}, '/repo')).toBe(path.resolve('/repo/branding.json'))
    const file = brandingFile(valid)
    expect(loadBranding(undefined, { env: { ACCOUNT_DESK_BRANDING: file } }).productName).toBe(
      'Contoso Accounts',
    )
  })

  it.each([
    ['a missing file', null, 'the file does not exist'],
    ['a file that is not JSON', '{ "productName": ', 'it is not valid JSON'],
    ['an empty file', '', 'the file is empty'],
  ])('stops on %s with the file name and the reason', (_what, content, words) => {
    const file = content === null ? path.join(work, 'nowhere', 'branding.json') : brandingFile(content)
    expect(() => loadBranding(file)).toThrow(BrandingError)
    expect(() => loadBranding(file)).toThrow(file)
    expect(() => loadBranding(file)).toThrow(words)
  })

  it('stops when the icon is missing, not a PNG, or too small', () => {
    const missing = brandingFile(valid, null)
    expect(() => loadBranding(missing)).toThrow('icon: the file icon.png does not exist.')

    const notPng = brandingFile(valid, null)
    writeFileSync(path.join(path.dirname(notPng), 'icon.png'), '<svg/>')
    expect(() => loadBranding(notPng)).toThrow('icon: icon.png is not a PNG image.')

    const small = brandingFile(valid, path.resolve('build/icons/256x256.png'))
    expect(() => loadBranding(small)).toThrow('it must be square and at least 512×512 pixels')
  })

  it('checks a Linux icon folder: NxN.png names that match the pictures, 256x256 at least', () => {
    const file = brandingFile({ ...valid, linuxIcons: 'icons' })
    const icons = path.join(path.dirname(file), 'icons')
    expect(() => loadBranding(file)).toThrow('linuxIcons: the folder icons does not exist.')
    mkdirSync(icons)
    copyFileSync(path.resolve('build/icons/64x64.png'), path.join(icons, '128x128.png'))
    expect(() => loadBranding(file)).toThrow('icons/128x128.png is 64×64, not what its name says')
    rmSync(path.join(icons, '128x128.png'))
    copyFileSync(path.resolve('build/icons/64x64.png'), path.join(icons, '64x64.png'))
    expect(() => loadBranding(file)).toThrow('needs at least 256x256.png')
    copyFileSync(path.resolve('build/icons/256x256.png'), path.join(icons, '256x256.png'))
    expect(loadBranding(file).linuxIconsPath).toBe(icons)
  })
})

describe('runtime branding (what the main process embeds)', () => {
  it('round-trips through JSON and the runtime schema', () => {
    const runtime = toRuntimeBranding(parseBranding(valid))
    const reparsed = runtimeBrandingSchema.parse(JSON.parse(JSON.stringify(runtime)))
    expect(reparsed).toMatchObject({
      productName: 'Contoso Accounts',
      scheme: 'contoso-accounts',
      executableName: 'contoso-accounts',
    })
    expect(reparsed.defaultServers).toEqual(parseBranding(valid).defaultServers)
    expect(Object.keys(runtime).sort()).toEqual([
      'appId',
      'defaultServers',
      'executableName',
      'productName',
      'publisher',
      'scheme',
    ])
  })

  it('gives a Vite define whose value, evaluated as code, is the runtime branding', () => {
    const define = brandingDefine(brandingFile(valid))
    expect(Object.keys(define)).toEqual([BRANDING_GLOBAL])
    const embedded: unknown = new Function(`return (${define[BRANDING_GLOBAL]})`)()
    expect(runtimeBrandingSchema.parse(embedded)).toMatchObject({
      productName: 'Contoso Accounts',
      scheme: 'contoso-accounts',
    })
    expect(() => brandingDefine(brandingFile({ ...valid, scheme: 'https' }))).toThrow(BrandingError)
  })

  it('refuses an embedded value with a bad scheme', () => {
    const runtime = { ...toRuntimeBranding(parseBranding(valid)), scheme: 'javascript' }
    expect(runtimeBrandingSchema.safeParse(runtime).success).toBe(false)
  })
})
