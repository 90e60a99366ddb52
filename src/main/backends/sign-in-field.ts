import type { SignInWith } from '../../shared/profile'
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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
