import type { SignInWith } from '../../shared/profile'
import { isRecord } from '../http/json'
import type { FormInput } from './django-html'

/** The field a server's sign-in takes people's name in, and whether that is a username or an e-mail address. */
export interface SignInField {
  /** The request's field name: djoser's LOGIN_FIELD (`username`, `email`), the login form's input name. */
  name: string
  signInWith: SignInWith
}

const EMAIL_WORDS = /e-?mail/i

/**
 * djoser answers OPTIONS on `token/login/` with DRF's metadata: `actions.POST` lists the serializer's fields,
 * `password` and the LOGIN_FIELD (`username` by default, `email` with LOGIN_FIELD = 'email' or a user model whose
 * USERNAME_FIELD is email). Null when the answer does not have that shape.
 */
export function signInFieldFromDrfMetadata(body: unknown): SignInField | null {
  const actions = isRecord(body) ? body['actions'] : undefined
  const post = isRecord(actions) ? actions['POST'] : undefined
  if (!isRecord(post) || !('password' in post)) return null
  const names = Object.keys(post).filter((name) => name !== 'password')
  const name = names.includes('username') ? 'username' : names.includes('email') ? 'email' : names[0]
  if (!name) return null
  const details = post[name]
  const label = isRecord(details) && typeof details['label'] === 'string' ? details['label'] : ''
  return { name, signInWith: name === 'email' || EMAIL_WORDS.test(label) ? 'email' : 'username' }
}

/**
 * Django's login form: the input is always `username` in AuthenticationForm, but a site that signs people in by
 * e-mail shows it as such (type=email, autocomplete=email, a label that says e-mail), or names it `email`.
 */
export function signInFieldFromInput(input: FormInput): SignInField {
  const email =
    input.name === 'email' ||
    input.type === 'email' ||
    input.autocomplete === 'email' ||
    EMAIL_WORDS.test(input.label)
  return { name: input.name, signInWith: email ? 'email' : 'username' }
}

/** The sign-in field of an allauth server that takes a username or an address (its SignInWith too). */
export const ALLAUTH_EITHER = 'username-or-email' satisfies SignInWith

/**
 * django-allauth's login page: its one `login` input takes what the server is set up for, and its label says
 * which ("Username", "Email", "Username or email"; 0.51 says "E-mail" and "Username or e-mail").
 */
export function signInFieldFromAllauthInput(input: FormInput): SignInField {
  if (/user\s*name/i.test(input.label) && EMAIL_WORDS.test(input.label))
    return { name: ALLAUTH_EITHER, signInWith: ALLAUTH_EITHER }
  return signInFieldFromInput(input)
}

/**
 * The login methods of django-allauth's headless `config` (`GET …/config`): `data.account.login_methods` since
 * 65.4 (`['username', 'email', 'phone']`, any of them), `data.account.authentication_method` before
 * (`'username' | 'email' | 'username_email'`). Null when the answer is no config (no `data.account`); an empty
 * list when it names no method. The one reader of the config: Add server's check and the adapter both use it.
 */
export function allauthLoginMethods(body: unknown): string[] | null {
  const data = isRecord(body) ? body['data'] : undefined
  const account = isRecord(data) ? data['account'] : undefined
  if (!isRecord(account)) return null
  const methods = account['login_methods']
  if (Array.isArray(methods)) return methods.filter((m): m is string => typeof m === 'string')
  const method = account['authentication_method']
  return typeof method === 'string' ? method.split('_') : []
}

/**
 * What people sign in with on an allauth server, from its login methods (`phone` is not offered by the app): a
 * username, an address, or either (then the adapter sends what they typed as what it looks like: an address has
 * an @). Null when it lists neither.
 */
export function signInFieldFromAllauthMethods(methods: readonly string[]): SignInField | null {
  const username = methods.includes('username')
  const email = methods.includes('email')
  if (username && email) return { name: ALLAUTH_EITHER, signInWith: ALLAUTH_EITHER }
  if (username) return { name: 'username', signInWith: 'username' }
  if (email) return { name: 'email', signInWith: 'email' }
  return null
}

/** The sign-in field of an allauth `config` answer; null when it is none or lists neither method. */
export function signInFieldFromAllauthConfig(body: unknown): SignInField | null {
  const methods = allauthLoginMethods(body)
  return methods ? signInFieldFromAllauthMethods(methods) : null
}
