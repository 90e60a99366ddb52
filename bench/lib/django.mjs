// The real Django test server (test/servers/django: Django 3.2 + DRF + djoser from Debian's packages), started
// the way test/servers/django.ts starts it — own temporary folder, ADT_* settings, a per-run control key, the
// "READY <port>" line, ready once it answers — through bench/django/serve_nodelay.py, which only turns Nagle's
// algorithm off (see that file for why the API rows need it).
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const PYTHON = process.env.ACCOUNTDESK_PYTHON ?? '/usr/bin/python3'

export function djangoProblem() {
  const probe = spawnSync(PYTHON, ['-c', 'import django, rest_framework, djoser'], {
    encoding: 'utf8',
    timeout: 20_000,
  })
  if (probe.error) return `${PYTHON} cannot be run (${probe.error.message})`
  if (probe.status !== 0)
    return `${PYTHON} lacks Django, DRF or djoser (apt-get install python3-django python3-djangorestframework python3-djoser)`
  return null
}

/**
 * @param {string} root  the repository
 * @param {{ parseMailFile: Function, extractResetLink: Function }} mail  test/servers/mail.ts, as built
 */
export async function startBenchDjango(root, mail) {
  const problem = djangoProblem()
  if (problem) throw new Error(`Cannot start the Django test server: ${problem}`)
  const projectDir = path.join(root, 'test', 'servers', 'django')
  const dir = mkdtempSync(path.join(os.tmpdir(), 'accountdesk-bench-django-'))
  const mailDir = path.join(dir, 'mail')
  mkdirSync(mailDir)
  const controlKey = randomBytes(24).toString('hex')
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    ADT_DB_PATH: path.join(dir, 'db.sqlite3'),
    ADT_MAIL_DIR: mailDir,
    ADT_CONTROL_KEY: controlKey,
    ADT_SECRET_KEY: randomBytes(32).toString('hex'),
    ADT_SERVE_DIR: projectDir,
  }
  const started = Date.now()
  const child = spawn(PYTHON, [path.join(root, 'bench', 'django', 'serve_nodelay.py')], {
    cwd: projectDir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8000)))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const onExit = () => child.kill('SIGKILL')
  process.once('exit', onExit)
  const cleanup = async () => {
    process.removeListener('exit', onExit)
    child.stdin.end()
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    if (child.exitCode === null && child.signalCode === null) await exited
    clearTimeout(timer)
    rmSync(dir, { recursive: true, force: true })
  }
  let port
  try {
    port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no READY line in time')), 60_000)
      let out = ''
      child.stdout.setEncoding('utf8')
      child.stdout.on('data', (chunk) => {
        out += chunk
        const match = /READY (\d+)/.exec(out)
        if (match) {
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`exited with code ${code}`))
      })
    })
  } catch (error) {
    await cleanup()
    throw new Error(`The Django test server did not start: ${error.message}\n${stderr}`)
  }
  const baseUrl = `http://127.0.0.1:${port}`
  const control = async (name, body) => {
    const response = await fetch(`${baseUrl}/__control__/${name}/`, {
      method: 'POST',
      headers: { 'X-Control-Key': controlKey, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok)
      throw new Error(`Django control ${name} answered ${response.status}: ${text.slice(0, 300)}`)
    return JSON.parse(text)
  }
  for (let i = 0; ; i++) {
    try {
      await control('ping', {})
      break
    } catch (error) {
      if (i > 600) {
        await cleanup()
        throw new Error(`The Django test server does not answer: ${error.message}\n${stderr}`)
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const readMails = () => {
    const files = readdirSync(mailDir)
      .map((name) => ({ name, at: statSync(path.join(mailDir, name)).mtimeMs }))
      .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name))
    const mails = []
    for (const f of files)
      mails.push(...mail.parseMailFile(readFileSync(path.join(mailDir, f.name), 'utf8'), mails.length))
    return mails
  }
  return {
    baseUrl,
    startMs: Date.now() - started,
    createUser: (username, email, password) => control('users', { username, email, password, active: true }),
    lastLinkFor(email) {
      const mails = readMails().filter((m) => m.to.some((to) => to.toLowerCase() === email.toLowerCase()))
      const last = mails[mails.length - 1]
      const link = last ? mail.extractResetLink(last.text) : null
      if (!link) throw new Error(`No reset link mailed to ${email}`)
      return link
    },
    stop: cleanup,
  }
}
