/**
 * The one place the renderer gets Django's password validators from. They are pure (no Node, no DOM) and are
 * written once, for the demo server, in src/main/demo/password-validators.ts.
 *
 * TODO(lead): move src/main/demo/password-validators.ts to src/shared/ and change this import to
 * '../../../shared/password-validators'; then drop both exceptions below. Until then this is the renderer's only
 * import from src/main (it bundles nothing but that pure module), and tsconfig.web.json does not list the file
 * (TS6307; the types still resolve and are checked).
 */
/* eslint-disable no-restricted-imports, @typescript-eslint/ban-ts-comment */
// @ts-ignore TS6307 (tsc reports it and @ts-expect-error does not catch it): not in tsconfig.web.json's files
export { passwordChecks, type PasswordCheck } from '../../../main/demo/password-validators'
