import { runtimeBrandingSchema, type RuntimeBranding } from './branding'

/**
 * The branding the build embedded (electron.vite.config.ts `define`: product name, app id, scheme, default
 * servers from branding.json). Code that runs unbuilt (Vitest) gets the stock Account Desk branding.
 */
declare const __ACCOUNT_DESK_BRANDING__: unknown

export const STOCK_BRANDING: RuntimeBranding = runtimeBrandingSchema.parse({
  productName: 'Account Desk',
  appId: 'org.accountdesk.app',
  scheme: 'accountdesk',
  executableName: 'account-desk',
  defaultServers: [],
})

export function runtimeBranding(): RuntimeBranding {
  return typeof __ACCOUNT_DESK_BRANDING__ === 'undefined'
    ? STOCK_BRANDING
    : runtimeBrandingSchema.parse(__ACCOUNT_DESK_BRANDING__)
}

/** The scheme registered while developing, so a dev build never takes over the installed app's links. */
export const devSchemeOf = (scheme: string): string => `${scheme}-dev`
