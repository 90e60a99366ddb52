// Row 4: what the app's backend client (src/main/backends, createBackend with Node's fetch, as the browser shell
// gives it) adds to a server round trip, against bare fetch() calls making the same requests — same methods,
// paths, headers and bodies, the same number of them — to the same local Django server. The bench records the
// requests of one call of each and checks that both sides make the same list.
//
// Each operation runs `runs` times per side, app and bare interleaved (which goes first alternates), after a
// warm-up. State is kept repeatable: a password is "changed" to itself; sign-in, who-am-I and sign-out run as one
// cycle (each sign-out ends the session its cycle's sign-in made); the reset requests and the link check use an
// account that never signs in, so its link stays good.
import { performance } from 'node:perf_hooks'
import { URLSearchParams } from 'node:url'
import { startBenchDjango } from './django.mjs'
import { median, ratio, summary } from './stats.mjs'

const UA = 'AccountDesk'
const JSON_ACCEPT = 'application/json'
const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8'
const PASSWORD = 'Quartz-Lantern-58'

const requestLine = (input, init) => {
  const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')
  const url = typeof input === 'string' ? input : (input.url ?? String(input))
  // A reset link's uid and token are never written anywhere, not even a test server's.
  const path = new URL(url).pathname.replace(/\/reset\/[^/]+\/[^/]+\//, '/reset/{uid}/{token}/')
  return `${method.toUpperCase()} ${path}`
}

function recorder() {
  const lines = []
  const fetchFn = (input, init) => {
    lines.push(requestLine(input, init))
    return fetch(input, init)
  }
  return { fetch: fetchFn, lines }
}

// ---- bare fetch: the same requests, written by hand --------------------------------------------------------

function bareDjoser(base, f = fetch) {
  const call = async (method, path, { token, body } = {}) => {
    const headers = { 'User-Agent': UA, Accept: JSON_ACCEPT }
    if (token) headers.Authorization = `Token ${token}`
    if (method === 'POST') headers['Content-Type'] = 'application/json'
    const response = await f(`${base}/auth/${path}`, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
      redirect: 'manual',
      cache: 'no-store',
    })
    const text = await response.text()
    return { status: response.status, text }
  }
  const expect = (r, ...ok) => {
    if (!ok.includes(r.status)) throw new Error(`bare djoser answered ${r.status}: ${r.text.slice(0, 200)}`)
    return r
  }
  return {
    async signIn(username, password) {
      const r = expect(await call('POST', 'token/login/', { body: { username, password } }), 200)
      return JSON.parse(r.text).auth_token
    },
    whoAmI: async (token) => expect(await call('GET', 'users/me/', { token }), 200),
    signOut: async (token) => expect(await call('POST', 'token/logout/', { token }), 204),
    requestReset: async (email) =>
      expect(await call('POST', 'users/reset_password/', { body: { email } }), 204),
    async changePassword(token, current, next) {
      expect(
        await call('POST', 'users/set_password/', {
          token,
          body: { current_password: current, new_password: next },
        }),
        204,
      )
      return expect(await call('GET', 'users/me/', { token }), 200)
    },
  }
}

function bareForms(base, f = fetch) {
  const url = (path) => `${base}/accounts/${path}`
  const send = async (jar, method, target, { form, referer } = {}) => {
    const headers = { 'User-Agent': UA, Accept: HTML_ACCEPT }
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    if (cookie) headers.Cookie = cookie
    if (referer) headers.Referer = referer
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded'
    const response = await f(target, {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: 'manual',
      cache: 'no-store',
    })
    const text = await response.text()
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
      const gone = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (gone) jar.delete(name)
      else jar.set(name, value)
    }
    return { status: response.status, text, location: response.headers.get('location') }
  }
  const csrf = (html) => {
    const match = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html)
    if (!match) throw new Error('bare forms: no CSRF token on the page')
    return match[1]
  }
  const expect = (r, ...ok) => {
    if (!ok.includes(r.status)) throw new Error(`bare forms answered ${r.status}: ${r.text.slice(0, 200)}`)
    return r
  }
  return {
    async signIn(username, password) {
      const jar = new Map()
      const page = expect(await send(jar, 'GET', url('login/')), 200)
      const form = {
        csrfmiddlewaretoken: csrf(page.text),
        username,
        password,
        next: '/accounts/password_change/',
      }
      expect(await send(jar, 'POST', url('login/'), { form, referer: url('login/') }), 302)
      // The app counts the session only once the password-change page answers with its form.
      expect(await send(jar, 'GET', url('password_change/')), 200)
      return jar
    },
    whoAmI: async (jar) => expect(await send(jar, 'GET', url('password_change/')), 200),
    async signOut(jar) {
      const page = expect(await send(jar, 'GET', url('password_change/')), 200)
      const form = { csrfmiddlewaretoken: csrf(page.text) }
      return expect(
        await send(jar, 'POST', url('logout/'), { form, referer: url('password_change/') }),
        200,
        302,
      )
    },
    async requestReset(email) {
      const jar = new Map()
      const page = expect(await send(jar, 'GET', url('password_reset/')), 200)
      const form = { csrfmiddlewaretoken: csrf(page.text), email }
      return expect(
        await send(jar, 'POST', url('password_reset/'), { form, referer: url('password_reset/') }),
        302,
      )
    },
    checkLink: async (uid, token) => expect(await send(new Map(), 'GET', url(`reset/${uid}/${token}/`)), 302),
    async changePassword(jar, current, next) {
      const page = expect(await send(jar, 'GET', url('password_change/')), 200)
      const form = {
        csrfmiddlewaretoken: csrf(page.text),
        old_password: current,
        new_password1: next,
        new_password2: next,
      }
      return expect(
        await send(jar, 'POST', url('password_change/'), { form, referer: url('password_change/') }),
        302,
      )
    },
  }
}

// ---- the app's client --------------------------------------------------------------------------------------

const must = (result, what) => {
  if (!result.ok) throw new Error(`app ${what} failed: ${result.error.kind}: ${result.error.message}`)
  return result.value
}

async function time(fn) {
  const t0 = performance.now()
  const value = await fn()
  return { ms: performance.now() - t0, value }
}

/**
 * Runs each side's cycle `runs` times (after `warmup` untimed rounds), the sides taking turns and the order
 * rotating each round. A cycle returns { step: ms }. Rows compare the side `app` (and any other side, as
 * `variants`) with the side `bare`, step by step.
 */
async function interleave({ runs, warmup, sides, names, log, label }) {
  const keys = Object.keys(sides)
  const times = Object.fromEntries(keys.map((k) => [k, Object.fromEntries(names.map((n) => [n, []]))]))
  for (let i = -warmup; i < runs; i++) {
    const start = ((i % keys.length) + keys.length) % keys.length
    for (const key of [...keys.slice(start), ...keys.slice(0, start)]) {
      const got = await sides[key](i)
      if (i >= 0) for (const n of names) times[key][n].push(got[n])
    }
    if (i >= 0 && (i + 1) % 50 === 0) log?.(`  ${label}: ${i + 1}/${runs}`)
  }
  return names.map((name) => {
    const row = {
      operation: name,
      app: summary(times.app[name]),
      bare: summary(times.bare[name]),
      ratio: ratio(median(times.app[name]), median(times.bare[name])),
    }
    for (const key of keys.filter((k) => k !== 'app' && k !== 'bare')) {
      row.variants ??= {}
      row.variants[key] = {
        ...summary(times[key][name]),
        ratio: ratio(median(times[key][name]), median(times.bare[name])),
      }
    }
    return row
  })
}

export async function measureApiOverhead({
  root,
  lib,
  fixedLibs = {},
  runs = 200,
  warmup = 10,
  skipPasswordChange = false,
  log,
}) {
  const { createBackend, serverProfileSchema, createLogger } = lib
  const django = await startBenchDjango(root, lib)
  const rows = []
  const fixRows = []
  const requestChecks = []
  try {
    const base = django.baseUrl
    const users = {
      a: { name: 'bench-a', email: 'bench-a@example.com' },
      b: { name: 'bench-b', email: 'bench-b@example.com' },
      r: { name: 'bench-r', email: 'bench-r@example.com' },
    }
    for (const u of Object.values(users)) await django.createUser(u.name, u.email, PASSWORD)
    // The app logs as the browser shell does (info level); the lines go nowhere.
    const logger = createLogger(() => {}, 'info')
    const backendOf = (kind, f = fetch) =>
      createBackend(
        serverProfileSchema.parse({ id: `bench-${kind}`, displayName: 'Bench', baseUrl: base, kind }),
        {
          fetch: f,
          logger,
        },
      )
    const djoser = backendOf('djoser')
    const forms = backendOf('django-forms')
    const bareD = bareDjoser(base)
    const bareF = bareForms(base)

    // The request lists of one call of each, app and bare, must be the same.
    {
      const appRec = recorder()
      const bareRec = recorder()
      const aD = backendOf('djoser', appRec.fetch)
      const aF = backendOf('django-forms', appRec.fetch)
      const bD = bareDjoser(base, bareRec.fetch)
      const bF = bareForms(base, bareRec.fetch)
      const check = async (operation, appCall, bareCall) => {
        appRec.lines.length = 0
        bareRec.lines.length = 0
        await appCall()
        await bareCall()
        requestChecks.push({
          operation,
          app: [...appRec.lines],
          bare: [...bareRec.lines],
          same: JSON.stringify(appRec.lines) === JSON.stringify(bareRec.lines),
        })
      }
      let s
      let t
      await check(
        'djoser signIn',
        async () => (s = must(await aD.signIn(users.a.name, PASSWORD), 'signIn')),
        async () => (t = await bD.signIn(users.b.name, PASSWORD)),
      )
      await check(
        'djoser whoAmI',
        async () => must(await aD.whoAmI(s), 'whoAmI'),
        () => bD.whoAmI(t),
      )
      await check(
        'djoser changePassword',
        async () =>
          must(await aD.changePassword(s, { current: PASSWORD, new: PASSWORD, retype: PASSWORD }), 'change'),
        () => bD.changePassword(t, PASSWORD, PASSWORD),
      )
      await check(
        'djoser requestReset',
        async () => must(await aD.requestReset(users.r.email), 'reset'),
        () => bD.requestReset(users.r.email),
      )
      await check(
        'djoser signOut',
        async () => must(await aD.signOut(s), 'signOut'),
        () => bD.signOut(t),
      )
      let fs
      let fj
      await check(
        'forms signIn',
        async () => (fs = must(await aF.signIn(users.a.name, PASSWORD), 'signIn')),
        async () => (fj = await bF.signIn(users.b.name, PASSWORD)),
      )
      await check(
        'forms whoAmI',
        async () => must(await aF.whoAmI(fs), 'whoAmI'),
        () => bF.whoAmI(fj),
      )
      await check(
        'forms changePassword',
        async () =>
          (fs = must(
            await aF.changePassword(fs, { current: PASSWORD, new: PASSWORD, retype: PASSWORD }),
            'change',
          ).session),
        () => bF.changePassword(fj, PASSWORD, PASSWORD),
      )
      await check(
        'forms requestReset',
        async () => must(await aF.requestReset(users.r.email), 'reset'),
        () => bF.requestReset(users.r.email),
      )
      const link = django.lastLinkFor(users.r.email)
      await check(
        'forms checkLink',
        async () => {
          if (must(await aF.checkLink({ uid: link.uid, token: link.token }), 'checkLink') !== 'valid')
            throw new Error('the link should be good')
        },
        () => bF.checkLink(link.uid, link.token),
      )
      await check(
        'forms signOut',
        async () => must(await aF.signOut(fs), 'signOut'),
        () => bF.signOut(fj),
      )
      const differing = requestChecks.filter((c) => !c.same)
      if (differing.length > 0)
        throw new Error(
          `the bare requests differ from the app's, the comparison would be wrong: ${JSON.stringify(differing)}`,
        )
    }

    const run = async (label, prefix, names, sides, rename = (n) => n) => {
      const got = await interleave({ runs, warmup, log, label, names, sides })
      rows.push(...got.map((r) => ({ ...r, operation: `${prefix} ${rename(r.operation)}` })))
    }
    const one = (name, fn) => async () => ({ [name]: (await time(fn)).ms })

    // djoser: sign in, who am I, sign out — one cycle per iteration and side.
    const djoserCycle = (backend) => async () => {
      const a = await time(async () => must(await backend.signIn(users.a.name, PASSWORD), 'signIn'))
      const b = await time(async () => must(await backend.whoAmI(a.value), 'whoAmI'))
      const c = await time(async () => must(await backend.signOut(a.value), 'signOut'))
      return { signIn: a.ms, whoAmI: b.ms, signOut: c.ms }
    }
    await run('djoser session cycle', 'djoser', ['signIn', 'whoAmI', 'signOut'], {
      app: djoserCycle(djoser),
      bare: async () => {
        const a = await time(() => bareD.signIn(users.a.name, PASSWORD))
        const b = await time(() => bareD.whoAmI(a.value))
        const c = await time(() => bareD.signOut(a.value))
        return { signIn: a.ms, whoAmI: b.ms, signOut: c.ms }
      },
    })
    // djoser: request a reset for an account that never signs in.
    await run('djoser requestReset', 'djoser', ['requestReset'], {
      app: one('requestReset', async () => must(await djoser.requestReset(users.r.email), 'reset')),
      bare: one('requestReset', () => bareD.requestReset(users.r.email)),
    })
    // djoser: change the password to itself (two requests: set_password, then users/me).
    if (!skipPasswordChange) {
      const session = must(await djoser.signIn(users.a.name, PASSWORD), 'signIn')
      const token = await bareD.signIn(users.a.name, PASSWORD)
      const input = { current: PASSWORD, new: PASSWORD, retype: PASSWORD }
      await run(
        'djoser changePassword',
        'djoser',
        ['changePassword'],
        {
          app: one('changePassword', async () => must(await djoser.changePassword(session, input), 'change')),
          bare: one('changePassword', () => bareD.changePassword(token, PASSWORD, PASSWORD)),
        },
        (n) => `${n} (2 requests)`,
      )
    }
    // django-forms: sign in, who am I, sign out.
    const formsCycle = (backend) => async () => {
      const a = await time(async () => must(await backend.signIn(users.a.name, PASSWORD), 'signIn'))
      const b = await time(async () => must(await backend.whoAmI(a.value), 'whoAmI'))
      const c = await time(async () => must(await backend.signOut(a.value), 'signOut'))
      return { signIn: a.ms, whoAmI: b.ms, signOut: c.ms }
    }
    await run(
      'forms session cycle',
      'forms',
      ['signIn', 'whoAmI', 'signOut'],
      {
        app: formsCycle(forms),
        bare: async () => {
          const a = await time(() => bareF.signIn(users.a.name, PASSWORD))
          const b = await time(() => bareF.whoAmI(a.value))
          const c = await time(() => bareF.signOut(a.value))
          return { signIn: a.ms, whoAmI: b.ms, signOut: c.ms }
        },
      },
      (n) => (n === 'whoAmI' ? n : n === 'signIn' ? `${n} (3 requests)` : `${n} (2 requests)`),
    )
    // django-forms: request a reset, then check the newest link (one GET, answered by a redirect).
    await run(
      'forms requestReset',
      'forms',
      ['requestReset'],
      {
        app: one('requestReset', async () => must(await forms.requestReset(users.r.email), 'reset')),
        bare: one('requestReset', () => bareF.requestReset(users.r.email)),
      },
      (n) => `${n} (2 requests)`,
    )
    const link = django.lastLinkFor(users.r.email)
    const checkWith = (backend) => async () => {
      if (must(await backend.checkLink({ uid: link.uid, token: link.token }), 'checkLink') !== 'valid')
        throw new Error('the link went bad')
    }
    await run('forms checkLink', 'forms', ['checkLink'], {
      app: one('checkLink', checkWith(forms)),
      bare: one('checkLink', () => bareF.checkLink(link.uid, link.token)),
    })
    // django-forms: change the password to itself. Django ends the user's other sessions on a change, so the
    // two sides use two accounts (same work on the server).
    if (!skipPasswordChange) {
      let session = must(await forms.signIn(users.a.name, PASSWORD), 'signIn')
      const jar = await bareF.signIn(users.b.name, PASSWORD)
      const input = { current: PASSWORD, new: PASSWORD, retype: PASSWORD }
      await run(
        'forms changePassword',
        'forms',
        ['changePassword'],
        {
          app: one('changePassword', async () => {
            const changed = must(await forms.changePassword(session, input), 'change')
            if (!changed.session) throw new Error('the session ended')
            session = changed.session
          }),
          bare: one('changePassword', () => bareF.changePassword(jar, PASSWORD, PASSWORD)),
        },
        (n) => `${n} (2 requests)`,
      )
    }

    // The proposed client fix, on the requests where the client's own cost shows: the same operations through
    // the patched client, interleaved with the current client and bare fetch.
    if (fixedLibs && Object.keys(fixedLibs).length > 0) {
      const variants = Object.entries(fixedLibs).map(([key, fixedLib]) => {
        const of = (kind) =>
          fixedLib.createBackend(
            fixedLib.serverProfileSchema.parse({
              id: `bench-${kind}`,
              displayName: 'Bench',
              baseUrl: base,
              kind,
            }),
            { fetch, logger: fixedLib.createLogger(() => {}, 'info') },
          )
        return { key, djoser: of('djoser'), forms: of('django-forms') }
      })
      for (const v of variants) {
        v.sessionD = must(await v.djoser.signIn(users.a.name, PASSWORD), 'signIn')
        v.sessionF = must(await v.forms.signIn(users.a.name, PASSWORD), 'signIn')
      }
      const sessionD = must(await djoser.signIn(users.a.name, PASSWORD), 'signIn')
      const tokenD = await bareD.signIn(users.a.name, PASSWORD)
      const sessionF = must(await forms.signIn(users.a.name, PASSWORD), 'signIn')
      const jarF = await bareF.signIn(users.a.name, PASSWORD)
      const fixLink = django.lastLinkFor(users.r.email)
      const fixRun = async (label, name, app, bare, each) => {
        const sides = { app: one(name, app), bare: one(name, bare) }
        for (const v of variants) sides[v.key] = one(name, () => each(v))
        const got = await interleave({ runs, warmup, log, label: `fix: ${label}`, names: [name], sides })
        fixRows.push(...got.map((r) => ({ ...r, operation: label })))
      }
      await fixRun(
        'djoser whoAmI',
        'whoAmI',
        async () => must(await djoser.whoAmI(sessionD), 'whoAmI'),
        () => bareD.whoAmI(tokenD),
        async (v) => must(await v.djoser.whoAmI(v.sessionD), 'whoAmI'),
      )
      await fixRun(
        'djoser requestReset',
        'requestReset',
        async () => must(await djoser.requestReset(users.r.email), 'reset'),
        () => bareD.requestReset(users.r.email),
        async (v) => must(await v.djoser.requestReset(users.r.email), 'reset'),
      )
      await fixRun(
        'forms whoAmI',
        'whoAmI',
        async () => must(await forms.whoAmI(sessionF), 'whoAmI'),
        () => bareF.whoAmI(jarF),
        async (v) => must(await v.forms.whoAmI(v.sessionF), 'whoAmI'),
      )
      await fixRun(
        'forms requestReset',
        'requestReset',
        async () => must(await forms.requestReset(users.r.email), 'reset'),
        () => bareF.requestReset(users.r.email),
        async (v) => must(await v.forms.requestReset(users.r.email), 'reset'),
      )
      await fixRun(
        'forms checkLink',
        'checkLink',
        async () => must(await forms.checkLink(fixLink), 'checkLink'),
        () => bareF.checkLink(fixLink.uid, fixLink.token),
        async (v) => must(await v.forms.checkLink(fixLink), 'checkLink'),
      )
    }
  } finally {
    await django.stop()
  }
  return { rows, fixRows, requestChecks, djangoStartMs: django.startMs }
}
