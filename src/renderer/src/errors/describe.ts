import type { AppError } from '../../../shared/errors'

/** A short heading for each kind of failure; the message under it is main's (or the server's) own words. */
export function errorTitle(error: AppError): string {
  switch (error.kind) {
    case 'validation':
      return 'Please check the form'
    case 'link-invalid':
      return 'This link can’t be used'
    case 'auth':
      return error.sessionExpired ? 'You have been signed out' : 'Sign-in failed'
    case 'rate-limited':
      return 'Too many attempts'
    case 'offline':
      return 'No connection'
    case 'unreachable':
      return `Can’t reach ${error.host}`
    case 'timeout':
      return error.mayHaveApplied ? 'It may have worked' : 'The server took too long'
    case 'tls':
      return 'The secure connection failed'
    case 'proxy':
      return 'Proxy problem'
    case 'server':
      return 'The server had a problem'
    case 'unexpected-response':
      return 'Unexpected answer from the server'
    case 'policy':
      return 'Not allowed here'
    case 'not-found':
      return 'Not found'
    case 'cancelled':
      return 'Cancelled'
    case 'bad-request':
    case 'internal':
      return 'Something went wrong'
  }
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
