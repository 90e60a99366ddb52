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

/**
 * django-allauth's login page: its one `login` input takes what the server is set up for, and its label says
 * which ("Username", "Email", "Username or email"; 0.51 says "E-mail" and "Username or e-mail").
 */
export function signInFieldFromAllauthInput(input: FormInput): SignInField {
  if (/user\s*name/i.test(input.label) && EMAIL_WORDS.test(input.label))
    return { name: ALLAUTH_EITHER, signInWith: 'username' }
  return signInFieldFromInput(input)
}

/**
 * django-allauth's headless `config`: `data.account.login_methods` lists `username`, `email` (and `phone`, which
 * the app does not offer). Both: people type either, and the adapter sends what they typed as what it looks like
 * (an address has an @), so the form asks for the username, which every account has. Null when the answer does
 * not have that shape or lists neither.
 */
export function signInFieldFromAllauthConfig(body: unknown): SignInField | null {
  const data = isRecord(body) ? body['data'] : undefined
  const account = isRecord(data) ? data['account'] : undefined
  const methods = isRecord(account) ? account['login_methods'] : undefined
  if (!Array.isArray(methods)) return null
  if (methods.includes('username'))
    return { name: methods.includes('email') ? ALLAUTH_EITHER : 'username', signInWith: 'username' }
  if (methods.includes('email')) return { name: 'email', signInWith: 'email' }
  return null
}
/** The sign-in field of an allauth server that takes a username or an address. */
export const ALLAUTH_EITHER = 'username-or-email'
