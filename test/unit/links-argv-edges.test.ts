import { describe, expect, it } from 'vitest'
import { findLinkInArgv, switchesOf } from '../../src/main/links/argv'

const LINK = 'accountdesk://accounts.example.com/reset/MQ/abc-123'

describe('command line edges', () => {
  it('ignores an empty scheme name rather than taking every argument that starts with a colon', () => {
    expect(findLinkInArgv(['app', ':x', LINK], ['', 'accountdesk'])).toEqual({ ok: true, url: LINK })
    expect(findLinkInArgv(['app', ':x'], [''])).toEqual({ ok: false, reason: 'none' })
  })

  it('reads no switches from something that is not a list', () => {
    expect(switchesOf('--demo' as unknown as string[])).toEqual([])
  })

  it('skips arguments that are not strings and keeps reading switches', () => {
    expect(switchesOf(['app', '--demo', 5, null, '--lang=en'])).toEqual(['--demo', '--lang=en'])
  })

  it('keeps a switch whose value is a URL; only an argument that is itself a URL ends the switches', () => {
    expect(switchesOf(['app', '--proxy=http://127.0.0.1:8080', '--demo'])).toEqual([
      '--proxy=http://127.0.0.1:8080',
      '--demo',
    ])
    expect(switchesOf(['app', 'http://x', '--demo'])).toEqual([])
  })
})
