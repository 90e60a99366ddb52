/**
 * The contract's names without its schemas, so the preload and the renderer do not carry zod.
 * A type-level check in contract.ts and a unit test keep these lists equal to the contract's keys.
 */
export const INVOKE_NAMES = [
  'getAppInfo',
  'getDiagnostics',
  'getLanguage',
  'setLanguage',
  'rendererReady',
  'cancelPending',
  'listServers',
  'detectServer',
  'addServer',
  'removeServer',
  'listAccounts',
  'signIn',
  'openSignInPage',
  'whoAmI',
  'signOut',
  'removeAccount',
  'changePassword',
  'requestReset',
  'openPastedLink',
  'checkLink',
  'confirmReset',
  'discardLink',
  'listDemoMail',
  'openDemoMailLink',
  'resetDemo',
] as const

export const EVENT_NAMES = ['onLink', 'onDemoMail'] as const

export type InvokeName = (typeof INVOKE_NAMES)[number]
export type EventName = (typeof EVENT_NAMES)[number]

/** The IPC channel a bridge function travels on. */
export const channelOf = (name: InvokeName | EventName): string => `account-desk:${name}`

/** The global the preload (or the browser shell) defines in the renderer. */
export const BRIDGE_GLOBAL = 'accountDesk'
