import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { backendKind } from '../../src/shared/backend-kinds'
import { words } from '../helpers/catalog'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { requireDjango, startDjango, type DjangoServer } from '../servers/django'
import {
  axeViolations,
  launchChromium,
  newPage,
  screenshot,
  startBrowserShell,
  type RunningShell,
} from './harness'

/**
 * Sign-in by e-mail end to end: a server that signs people in with their address (djoser's LOGIN_FIELD = 'email';
 * Django's LoginView with an e-mail form and backend) is added through the Add server screen: its check finds the
 * kind and the e-mail sign-in; Django's pages are chosen by hand with "Username", and the app asks the server
 * again once added. Either way the sign-in screen asks for the e-mail address.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium') && requireDjango()

describe.runIf(ready).each(['djoser', 'django-forms'] as const)('sign-in by e-mail (%s)', (kind) => {
  let django: DjangoServer
  let browser: Browser
  let shell: RunningShell
  let page: Page
  const PASSWORD = 'Quartz-Lantern-58'

  beforeAll(async () => {
    ;[django, browser] = await Promise.all([startDjango({ loginField: 'email' }), launchChromium()])
  })
  afterEach(async () => {
    await page?.context().close()
    await shell?.stop()
  })
  afterAll(async () => {
    await browser?.close()
    await django?.stop()
  })

  it('Add server learns it from the server; the sign-in screen asks for the address and signs in', async () => {
    await django.createUser('mailer', 'mailer@example.com', PASSWORD)
    shell = await startBrowserShell({ args: ['--no-demo'] })
    page = await newPage(browser)
    await page.goto(shell.url)
    await page.getByRole('button', { name: 'Add a server' }).first().click()
    await page.getByLabel('Name', { exact: true }).fill('Mail Corp')
    await page.getByLabel('Address', { exact: true }).fill(django.baseUrl)
    // The app checks the address: this server has djoser (used first) and Django's pages, both by e-mail.
    const check = page.locator('.server-check')
    await check
      .getByText('This server uses a sign-in service for apps (djoser).')
      .waitFor({ timeout: 30_000 })
    expect(await check.textContent()).toContain('People sign in with their e-mail address.')
    expect(await axeViolations(page)).toEqual([])
    if (kind === 'django-forms') {
      // The pages chosen by hand, and "Username" set against what the server said: main asks the server again
      // once the server is added, and the server wins.
      await page.getByText('Choose the kind yourself', { exact: true }).click()
      await page.getByRole('radio', { name: words('en', backendKind(kind).labelKey) }).check()
      await page.getByRole('radio', { name: 'Username' }).check()
    }
    await screenshot(page, `add-server-checked-${kind}`)
    await page.getByRole('button', { name: 'Add the server' }).click()
    const address = page.getByRole('textbox', { name: 'E-mail address' })
    await address.waitFor({ timeout: 30_000 })
    expect(await address.getAttribute('type')).toBe('email')
    expect(await address.getAttribute('autocomplete')).toBe('email')
    expect(await axeViolations(page)).toEqual([])
    await address.fill('mailer@example.com')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByText(/Signed in to Mail Corp as /).waitFor({ timeout: 30_000 })
  })
})
