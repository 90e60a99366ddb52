import { describe, expect, it } from 'vitest'
import { createOpenExternal, createSystemOpener } from '../../src/main/security/external-links'

/** Checklist row 15: the one call to the OS opener refuses every dangerous URL whatever its caller checked. */
function recordingShell() {
  const opened: string[] = []
  return { opened, shell: { openExternal: async (url: string) => void opened.push(url) } }
}

const REFUSED = [
  'file:///etc/passwd',
  'FILE:///C:/Windows/System32/calc.exe',
  'smb://server/share',
  '\\\\server\\share\\x.exe',
  'ms-msdt:/id PCWDiagnostic /skip force',
  'search-ms:query=invoice&crumb=location:\\\\evil\\share',
  'ms-officecmd:{"id":3}',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'http://accounts.example.com/',
  'https://user:pw@accounts.example.com/',
  ' https://accounts.example.com/',
  'https://accounts.example.com/\n--gpu-launcher=calc',
  'https://accounts.example.com/\t',
  'accountdesk://accounts.example.com/reset/MQ/abc-0123456789abcdef0123',
  'vscode://vscode.git/clone?url=https://evil',
  'mailto:x@y?cc=evil@x',
  '',
  'x'.repeat(3000),
]

describe('createSystemOpener: the only shell.openExternal call (row 15)', () => {
  it.each(REFUSED)('refuses %j and never reaches the OS', async (url) => {
    const { opened, shell } = recordingShell()
    await expect(createSystemOpener(shell)(url)).rejects.toThrow(
      'Account Desk does not open this kind of link.',
    )
    expect(opened).toEqual([])
  })

  it.each(['https://accounts.example.com/accounts/password_reset/', 'mailto:help@example.com'])(
    'opens %s',
    async (url) => {
      const { opened, shell } = recordingShell()
      await createSystemOpener(shell)(url)
      expect(opened).toEqual([url])
    },
  )

  it('with createOpenExternal on top, opens only configured hosts', async () => {
    const { opened, shell } = recordingShell()
    const open = createOpenExternal(createSystemOpener(shell), () => ['accounts.example.com'])
    expect(await open('https://accounts.example.com/x')).toBe(true)
    expect(await open('https://evil.example/x')).toBe(false)
    expect(await open('https://accounts.example.com.evil.example/x')).toBe(false)
    expect(await open('file:///etc/passwd')).toBe(false)
    expect(opened).toEqual(['https://accounts.example.com/x'])
  })
})
