/** Names every process agrees on. The link scheme comes from branding.json (src/main/config/runtime-branding.ts). */
export const APP_PROTOCOL = 'app'
export const APP_HOST = 'account-desk'
export const APP_ORIGIN = `${APP_PROTOCOL}://${APP_HOST}`
export const DEV_SCHEME = 'accountdesk-dev'
