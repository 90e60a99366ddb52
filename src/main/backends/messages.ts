import { say, type AppMessage } from '../../shared/messages'

export type FormPage = Extract<AppMessage, { code: 'form.not-found' }>['form']

/**
 * The app's own messages for backend outcomes, as codes the renderer words. Server messages are never rewritten
 * (they travel verbatim as `serverMessage` or field errors); these fill the gaps.
 */
export const MESSAGES = {
  deadLink: say('link.dead'),
  refusedLink: say('link.refused-for-server'),
  /** Django's own wording in English ("The two password fields didn’t match."). */
  passwordsDiffer: say('passwords-differ'),
  sessionEnded: say('session.ended'),
  wrongSessionKind: say('session.wrong-kind'),
  /** Wrong username or password (also in place of DRF's "Unable to log in with provided credentials."). */
  wrongCredentials: say('auth.wrong-credentials'),
  signInOnWebsite: say('auth.sign-in-on-website'),
  checkFields: say('form.check-fields'),
  formNotFound: (form: FormPage): AppMessage => ({ code: 'form.not-found', form }),
  formSendsElsewhere: (form: FormPage): AppMessage => ({ code: 'form.sends-elsewhere', form }),
  csrfRefused: say('form.csrf-refused'),
  linkSessionLost: say('link.session-lost'),
  notFound: (status: number): AppMessage => ({ code: 'server.not-found', status }),
  unexpectedStatus: (status: number): AppMessage => ({ code: 'server.unexpected-status', status }),
  unexpectedShape: say('server.unexpected-shape'),
  captivePortal: say('captive-portal'),
  tooManyRedirects: say('redirect.too-many'),
} as const satisfies Record<string, AppMessage | ((arg: never) => AppMessage)>
