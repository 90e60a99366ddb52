/** The app's own words for backend outcomes. Server messages are never rewritten; these fill the gaps. */
export const MESSAGES = {
  deadLink:
    'This reset link can’t be used any more: it has expired, it was already used, or the account changed since it was sent (a password change or a sign-in ends it).',
  refusedLink: 'This is not a valid reset link for this server.',
  /** Django's own wording (the HTML forms use it with the typographic apostrophe). */
  passwordsDiffer: 'The two password fields didn’t match.',
  sessionEnded: 'Your session on this server has ended. Sign in again.',
  wrongSessionKind: 'This sign-in does not belong to this server. Sign in again.',
  /** Wrong username or password, in plain words (also in place of DRF's "Unable to log in with provided credentials."). */
  wrongCredentials: 'That username and password don’t match.',
  signInOnWebsite:
    'This server asks for a step Account Desk can’t do here (for example two-factor sign-in or a lockout). Sign in on the website.',
  checkFields: 'The server did not accept some of the values.',
  formNotFound: (what: string) =>
    `The server’s ${what} page was not recognised. Check the server address and type in the server settings.`,
  formSendsElsewhere: (what: string) =>
    `The server’s ${what} form sends its contents to another site or by a method that puts them in the address. The app sends them only to the server itself, in the body of the request.`,
  csrfRefused:
    'The server refused the form’s security check (CSRF). Check the server address, or ask its administrators whether it accepts this app.',
  linkSessionLost:
    'The server accepted the link, but the session it opened for it did not reach the app (a proxy or the network stack dropped its cookie). The link is still good: try again, or ask your IT team about the proxy.',
  notFound: (status: number) =>
    `The server does not offer this function at the configured address (HTTP ${status}). Check the server address and type in the server settings.`,
  unexpectedStatus: (status: number) => `The server gave an answer the app did not expect (HTTP ${status}).`,
  unexpectedShape: 'The server’s answer did not have the expected content.',
} as const
