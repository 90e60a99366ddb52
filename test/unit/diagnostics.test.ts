import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/log'
import { createLogFile } from '../../src/main/log-file'
import { createServices } from '../../src/main/services'
import { buildDiagnostics, originOf } from '../../src/main/services/diagnostics'
import { testServiceDeps } from '../helpers/service-deps'

const TOKEN = '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b'
const PASSWORD = 'Quartz-Lantern-58'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

describe('the diagnostics text', () => {
  it('names servers by origin only: no path, query, user info or fragment', () => {
    expect(originOf('https://alice:pw@accounts.example.com:8443/auth/?next=/reset/MQ/x#frag')).toBe(
      'https://accounts.example.com:8443',
    )
    expect(originOf('not a url')).toBe('(not a web address)')
    const { text } = buildDiagnostics({
      appName: 'Account Desk',
      version: '1.2.3',
      shell: 'electron',
      runtime: { electron: '45.5.0', chrome: '142.0', node: '22.20.0' },
      os: 'Linux 6.1 (x64)',
      policy: { inForce: null, lookedIn: '/etc/account-desk/policy.json' },
      serverUrls: ['https://a.example.com/x/', 'https://a.example.com/y/', 'http://127.0.0.1:8000/'],
      secretStorage: 'encrypted',
      logFile: '/home/u/.config/Account Desk/logs/main.log',
      recentLog: ['{"event":"one"}'],
    })
    expect(text).toContain('Account Desk 1.2.3 (electron)')
    expect(text).toContain('Runtime: electron 45.5.0, chrome 142.0, node 22.20.0')
    expect(text).toContain('Policy: none (looked in /etc/account-desk/policy.json)')
    expect(text).toContain('Servers: https://a.example.com, http://127.0.0.1:8000')
    expect(text).toContain('Secret storage: encrypted')
    expect(text).toContain('Last 1 log lines:\n{"event":"one"}')
  })

  it('from the running services: the last 100 redacted log lines, the policy in force, no secret', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'diagnostics-'))
    dirs.push(dataDir)
    const policyFile = path.join(dataDir, 'policy.json')
    await writeFile(
      policyFile,
      JSON.stringify({
        version: 1,
        servers: [
          { id: 'corp', displayName: 'Corp', baseUrl: 'https://accounts.example.com/base/', kind: 'djoser' },
        ],
      }),
    )
    const logFile = createLogFile({ dir: path.join(dataDir, 'logs') })
    const logger = createLogger(logFile.sink, 'debug')
    for (let i = 0; i < 120; i++) logger.info('tick', { i })
    logger.info('sign-in', { password: PASSWORD, token: TOKEN, note: `token ${TOKEN}` })
    const services = await createServices(
      testServiceDeps(dataDir, {
        logger,
        policy: {
          sources: [{ type: 'file', path: policyFile, format: 'json', rootOwned: false }],
          override: null,
          overrideAllowed: true,
        },
        diagnostics: {
          runtime: { node: '20' },
          os: 'Linux',
          logFile: logFile.path,
          recentLog: logFile.recent,
        },
      }),
    )
    const result = await services.handlers.getDiagnostics({})
    if (!result.ok) throw new Error('getDiagnostics failed')
    const { text } = result.value
    expect(text).toContain(`Policy: ${policyFile}`)
    expect(text).toContain('https://accounts.example.com')
    expect(text).not.toContain('/base/')
    expect(text).toContain('Last 100 log lines:')
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(TOKEN)
    expect(result.value.logFile).toBe(logFile.path)
    await services.stop()
  })
})
