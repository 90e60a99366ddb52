import { i18n } from './i18n'

/** Dates for people, in the app's language. An unreadable date is shown as it came. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/**
 * "5 minutes ago", "2 hours ago", "3 days ago" in the app's language; under a minute, and for dates in the future
 * (clock skew), the language's own word for now ("now", "jetzt").
 */
export function formatAge(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return ''
  const time = new Date(iso).getTime()
  if (Number.isNaN(time)) return ''
  const seconds = Math.max(0, Math.round((now - time) / 1000))
  const rtf = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto' })
  if (seconds < 60) return rtf.format(0, 'second')
  if (seconds < 3600) return rtf.format(-Math.round(seconds / 60), 'minute')
  if (seconds < 86400) return rtf.format(-Math.round(seconds / 3600), 'hour')
  return rtf.format(-Math.round(seconds / 86400), 'day')
}

/** "A, B and C" in the app's language. */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(items)
}
