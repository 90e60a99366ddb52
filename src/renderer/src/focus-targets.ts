/**
 * Where focus goes when the element that had it is gone (an account just removed): the next account's menu
 * button, else the screen's one primary action. Both are marked with data attributes, found here.
 */
export const ACCOUNT_MENU_DATA = 'account-menu'

/** Spread on the screen's one primary action. */
export const PRIMARY_ACTION = { 'data-primary-action': '' } as const

/** The menu button of the account with this id, if it is on screen. */
export function accountMenuButton(accountId: string): HTMLElement | null {
  const buttons = document.querySelectorAll<HTMLElement>(`[data-${ACCOUNT_MENU_DATA}]`)
  return Array.from(buttons).find((b) => b.dataset['accountMenu'] === accountId) ?? null
}

/** The primary action of the screen in `main`, if it has one. */
export const primaryAction = (): HTMLElement | null =>
  document.querySelector<HTMLElement>('main [data-primary-action]')
