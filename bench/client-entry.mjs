// Entry of the Node bundle the API benchmark uses (built by bench/lib/build.mjs into bench/.build/lib): the
// app's own backend client, exactly as the main process uses it, and the test servers' mail reader.
export { createBackend } from '../src/main/backends/index.ts'
export { serverProfileSchema } from '../src/shared/profile.ts'
export { createLogger } from '../src/main/log.ts'
export { parseMailFile, extractResetLink } from '../test/servers/mail.ts'
