/** The one place the renderer gets Django's password validators from: the same pure code the demo server runs. */
export { passwordChecks, type PasswordCheck } from '../../../shared/password-validators'
