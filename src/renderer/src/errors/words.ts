import type { TFunction } from 'i18next'
import type { AppMessage } from '../../../shared/messages'

/** `t` of the `errors` namespace (useTranslation('errors')). */
export type ErrorsT = TFunction<'errors'>

/** A wait as people say it: seconds up to a minute and a half, then whole minutes (rounded up). */
export function wordWait(t: ErrorsT, seconds: number): string {
  return seconds < 90
    ? t('wait.seconds', { count: seconds })
    : t('wait.minutes', { count: Math.ceil(seconds / 60) })
}

/**
 * Main's codes (and the renderer's own notices) in the user's language: catalog `errors`, key `message.<code>`,
 * the code's parameters as the values. Server text is never passed through here: it is shown as it came.
 */
export function wordMessage(t: ErrorsT, message: AppMessage): string {
  switch (message.code) {
    case 'rate-limited':
      return t('message.rate-limited', { wait: wordWait(t, message.seconds) })
    case 'form.not-found':
    case 'form.sends-elsewhere':
      return t(`message.${message.code}`, { page: t(`page.${message.form}`) })
    case 'link.refused.too-long':
      return t('message.link.refused.too-long', { max: message.max })
    case 'link.refused.unsupported-scheme':
      return message.scheme
        ? t('message.link.refused.unsupported-scheme', { scheme: message.scheme })
        : t('message.link.refused.unsupported-scheme-https')
    case 'notice.server-hidden':
      return t('message.notice.server-hidden', {
        name: message.name,
        reason: t(`hidden.${message.reason}`, { host: message.host ?? '' }),
      })
    case 'notice.file-unreadable':
      return message.keptAs
        ? t(`message.notice.file-unreadable.${message.file}-kept`, { keptAs: message.keptAs })
        : t(`message.notice.file-unreadable.${message.file}`)
    case 'notice.demo-data-unreadable':
      return message.keptAs
        ? t('message.notice.demo-data-unreadable-kept', { keptAs: message.keptAs })
        : t('message.notice.demo-data-unreadable')
    case 'notice.policy-invalid':
      return t('message.notice.policy-invalid', { ...message, details: message.details.join('; ') })
    case 'sessions.reset-may-remain':
    case 'sessions.change-may-remain':
      return t(`message.${message.code}.${message.endsAll ? 'ends-all' : 'each'}`)
    default: {
      const { code, ...values } = message
      return t(`message.${code}`, values)
    }
  }
}
