// Entry of the Node bundle the API benchmark uses (built by bench/lib/build.mjs into bench/.build/lib): the
// app's own backend client, exactly as the main process uses it, and the real Django test server.
export { createBackend } from '../src/main/backends/index.ts'
export { serverProfileSchema } from '../src/shared/profile.ts'
export { createLogger } from '../src/main/log.ts'
export { startDjango, djangoStatus } from '../test/servers/django.ts'
