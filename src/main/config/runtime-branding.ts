import type { RuntimeBranding } from './branding'

/**
 * The branding the build embedded (electron.vite.config.ts `define`: product name, app id, scheme, default
 * servers from branding.json), validated by `brandingDefine` at build time: a bad branding file stops the build,
 * so nothing is parsed here on the start-up path. Code that runs unbuilt (Vitest) gets the stock branding.
 */
declare const __ACCOUNT_DESK_BRANDING__: unknown

export const STOCK_BRANDING: RuntimeBranding = {
  productName: 'Account Desk',
  appId: 'org.accountdesk.app',
  publisher: 'Account Desk',
  scheme: 'accountdesk',
  executableName: 'account-desk',
  defaultServers: [],
}

export function runtimeBranding(): RuntimeBranding {
  return typeof __ACCOUNT_DESK_BRANDING__ === 'undefined'
    ? STOCK_BRANDING
    : (__ACCOUNT_DESK_BRANDING__ as RuntimeBranding)
}

/** The scheme registered while developing, so a dev build never takes over the installed app's links. */
export const devSchemeOf = (scheme: string): string => `${scheme}-dev`
