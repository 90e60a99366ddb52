import type { AppError } from '../../../shared/errors'
import { serverText, type ShownText } from './shown-text'
import { wordMessage, type ErrorsT } from './words'

/** A short heading for each kind of failure, in the user's language; the message under it is main's code, worded. */
export function errorTitle(t: ErrorsT, error: AppError): string {
  switch (error.kind) {
    case 'auth':
      return t(error.sessionExpired ? 'title.auth-expired' : 'title.auth')
    case 'unreachable':
      return t('title.unreachable', { host: error.host })
    case 'timeout':
      return t(error.mayHaveApplied ? 'title.timeout-may-have-applied' : 'title.timeout')
    case 'bad-request':
    case 'internal':
      return t('title.internal')
    default:
      return t(`title.${error.kind}`)
  }
}

/** What to show for a failure's message: the server's own words when it gave some, else the app's. */
export function errorMessage(t: ErrorsT, error: AppError): ShownText {
  return error.serverMessage ? serverText(error.serverMessage) : wordMessage(t, error.message)
}

/** Whether trying the same request again is safe: nothing reached the server, or the request changes nothing. */
export function isRetrySafe(error: AppError, idempotent: boolean): boolean {
  switch (error.kind) {
    case 'offline':
    case 'unreachable':
    case 'proxy':
      return true
    case 'timeout':
      return !error.mayHaveApplied
    case 'server':
    case 'unexpected-response':
      return idempotent
    default:
      return false
  }
}
