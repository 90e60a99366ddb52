/** Names every process agrees on. Branding at build time may replace the product name and scheme. */
export const APP_PROTOCOL = 'app'
export const APP_HOST = 'account-desk'
export const APP_ORIGIN = `${APP_PROTOCOL}://${APP_HOST}`
export const DEFAULT_SCHEME = 'accountdesk'
export const DEV_SCHEME = 'accountdesk-dev'
