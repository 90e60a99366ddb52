/**
 * True when a missing tool (Chromium, Django, openssl, the build output) must fail the run rather than skip tests:
 * under any non-empty CI, and under `npm test` (scripts/run-tests.mjs sets ACCOUNT_DESK_REQUIRE_TOOLS=1), so a
 * green `npm test` always ran every test. Its own module so that the Django server helper need not load Playwright.
 */
export function toolsRequired(): boolean {
  return (process.env['CI'] ?? '') !== '' || process.env['ACCOUNT_DESK_REQUIRE_TOOLS'] === '1'
}
