import { describe, expect, it } from 'vitest'
import { findLinkInArgv, switchesOf } from '../../src/main/links/argv'
import { ARGV_INJECTIONS, TOKEN, windowsArgv } from './links-fixtures'

const LINK = `accountdesk://accounts.example.com/reset/MQ/${TOKEN}`
const find = (argv: unknown[], schemes = ['accountdesk']) => findLinkInArgv(argv, schemes)

describe('findLinkInArgv', () => {
  it('finds the link after the -- guard of a packaged Windows launch', () => {
    expect(find(['C:\\Program Files\\Account Desk\\Account Desk.exe', '--', LINK])).toEqual({
      ok: true,
      url: LINK,
    })
  })

  it('finds it under development, after the app path and the guard', () => {
    expect(find(['/usr/lib/electron/electron', '/home/me/account-desk', '--', LINK])).toEqual({
      ok: true,
      url: LINK,
    })
  })

  it('finds it wherever it is, among the switches Chromium adds and reorders in second-instance', () => {
    const argv = [
      '/opt/Account Desk/account-desk',
      '--allow-file-access-from-files',
      LINK,
      '--original-process-start-time=13312345678901234',
      '--',
      'some-file.txt',
    ]
    expect(find(argv)).toEqual({ ok: true, url: LINK })
    expect(find([...argv].reverse())).toEqual({ ok: true, url: LINK })
  })

  it('matches the scheme case-insensitively and keeps the argument as given', () => {
    const upper = LINK.replace('accountdesk:', 'AccountDesk:')
    expect(find(['app', upper])).toEqual({ ok: true, url: upper })
    expect(find(['app', LINK], ['AccountDesk'])).toEqual({ ok: true, url: LINK })
  })

  it('never takes a link out of a switch or an injection string', () => {
    const injected = [
      `--gpu-launcher=${LINK}`,
      `--gpu-launcher="cmd /c calc" ${LINK}`,
      `--renderer-cmd-prefix=${LINK}`,
      `-${LINK}`,
      `--${LINK}`,
      ` ${LINK}`,
      `"${LINK}"`,
      `x${LINK}`,
      'https://accounts.example.com/reset/MQ/' + TOKEN,
    ]
    expect(find(['app', '--', ...injected])).toEqual({ ok: false, reason: 'none' })
  })

  it('takes the link and ignores the switches when a crafted URL broke out of its quotes', () => {
    // What Windows builds from `"%1"` for `accountdesk://x" --gpu-launcher="calc`: the switch stays a
    // separate argument, which the -- guard keeps Chromium from obeying and this scan ignores.
    const argv = ['app.exe', '--', 'accountdesk://x" ', '--gpu-launcher=calc', '--no-sandbox']
    expect(find(argv)).toEqual({ ok: true, url: 'accountdesk://x" ' })
  })

  it('refuses to choose between two links', () => {
    const other = `accountdesk://evil.test/reset/MQ/${TOKEN}`
    expect(find(['app', '--', LINK, other])).toEqual({ ok: false, reason: 'several' })
    expect(find(['app', LINK, LINK])).toEqual({ ok: false, reason: 'several' })
    expect(find(['app', LINK, 'accountdesk-dev://x/y'], ['accountdesk', 'accountdesk-dev'])).toEqual({
      ok: false,
      reason: 'several',
    })
  })

  it('does not confuse a scheme with a longer one that starts the same', () => {
    expect(find(['app', 'accountdesk-dev://x/y'])).toEqual({ ok: false, reason: 'none' })
    expect(find(['app', 'accountdesks://x/y'])).toEqual({ ok: false, reason: 'none' })
    expect(find(['app', 'accountdesk-dev://x/y'], ['accountdesk-dev'])).toEqual({
      ok: true,
      url: 'accountdesk-dev://x/y',
    })
  })

  it('finds nothing in an empty, odd or link-free command line', () => {
    expect(find([])).toEqual({ ok: false, reason: 'none' })
    expect(find(['app', '--inspect', '.'])).toEqual({ ok: false, reason: 'none' })
    expect(find([null, 42, {}, undefined, ['accountdesk://x']])).toEqual({ ok: false, reason: 'none' })
    expect(find([LINK], [])).toEqual({ ok: false, reason: 'none' })
    expect(find([LINK], [''])).toEqual({ ok: false, reason: 'none' })
    expect(findLinkInArgv(undefined as never, ['accountdesk'])).toEqual({ ok: false, reason: 'none' })
  })
})

describe('switchesOf: the switches the app reads', () => {
  it('are the ones before the -- guard', () => {
    expect(switchesOf(['app', '--demo', '--no-sandbox', '--', LINK])).toEqual(['--demo', '--no-sandbox'])
    expect(switchesOf(['/usr/lib/electron/electron', '/home/me/account-desk', '--demo'])).toEqual(['--demo'])
  })

  it.each(ARGV_INJECTIONS)('never one a crafted link added after the guard: %s', (link) => {
    const argv = windowsArgv('C:\\Program Files\\Account Desk\\Account Desk.exe', link)
    expect(argv).toContain('--')
    expect(argv.some((a) => a.includes('--demo') || a.includes('--gpu-launcher'))).toBe(
      link.includes('--demo') || link.includes('--gpu-launcher'),
    )
    expect(switchesOf(argv)).toEqual([])
  })

  it.each(ARGV_INJECTIONS)(
    'nor one after a link where no guard was put (a launcher on Linux): %s',
    (link) => {
      const argv = windowsArgv('/opt/Account Desk/account-desk', link).filter((a) => a !== '--')
      expect(switchesOf(argv)).toEqual([])
    },
  )
})
