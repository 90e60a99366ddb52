#!/usr/bin/env node
/**
 * Checks a managed policy file before it is deployed, with the same code the app uses:
 *
 *   node build/check-policy.mjs path/to/policy.json
 *
 * Prints what the app would apply (or why it would refuse the file) and exits 0 when the policy is valid,
 * 1 when the app would run in safe mode, 2 when called wrongly.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import i18next from 'i18next'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const file = process.argv[2]
if (!file) {
  process.stderr.write('usage: node build/check-policy.mjs path/to/policy.json\n')
  process.exit(2)
}

const { createJiti } = createRequire(path.join(repo, 'package.json'))('jiti')
const jiti = createJiti(path.join(repo, 'package.json'))
const { loadPolicy } = await jiti.import(path.join(repo, 'src/main/config/policy.ts'))
const { silentLogger } = await jiti.import(path.join(repo, 'src/main/log.ts'))
// The policy speaks in codes (src/shared/messages.ts); IT reads them in the app's English words.
const { wordMessage } = await jiti.import(path.join(repo, 'src/renderer/src/errors/words.ts'))
const englishErrors = JSON.parse(
  await readFile(path.join(repo, 'src/renderer/src/i18n/locales/en/errors.json'), 'utf8'),
)
const i18n = i18next.createInstance()
await i18n.init({
  lng: 'en',
  resources: { en: { errors: englishErrors } },
  ns: ['errors'],
  defaultNS: 'errors',
  interpolation: { escapeValue: false },
})
const t = i18n.getFixedT('en', 'errors')

const resolved = path.resolve(file)
const { policy, notices } = await loadPolicy({
  path: resolved,
  readFile: (f) => readFile(f, 'utf8'),
  logger: silentLogger,
})
const out = (line) => process.stdout.write(`${line}\n`)
if (policy.status === 'none') {
  out(`${resolved}: the file does not exist.`)
  process.exit(1)
}
for (const notice of notices) out(`${notice.level}: ${wordMessage(t, notice.message)}`)
if (policy.status !== 'applied') process.exit(1)
out(`${resolved} is valid. The app will apply:`)
out(`  servers:       ${policy.servers.map((s) => `${s.id} (${s.baseUrl}, ${s.kind})`).join(', ') || 'none'}`)
out(`  lockServers:   ${policy.lockServers}`)
out(`  allowedHosts:  ${policy.allowedHosts.join(', ') || 'any host'}`)
out(`  httpsRequired: ${policy.httpsRequired}`)
out(`  demo:          ${policy.demo ? 'allowed' : 'off'}`)
out(`  requestMs:     ${policy.requestTimeoutMs ?? 'each server’s own (default 15000)'}`)
