/**
 * The `Accept-Language` header for the app's languages, most wanted first: `de-DE, en-US;q=0.9, en;q=0.8`. A
 * server with Django's LocaleMiddleware then answers in the user's language, and the app shows its messages as
 * they come. Anything that is not a plain BCP 47 tag is left out (a header must never carry what it was given).
 */
const TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/

export function acceptLanguageHeader(languages: readonly string[]): string | undefined {
  const tags: string[] = []
  for (const language of languages) {
    const tag = language.trim().replace(/_/g, '-')
    if (TAG.test(tag) && !tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag)
    if (tags.length === 10) break
  }
  if (tags.length === 0) return undefined
  return tags.map((tag, i) => (i === 0 ? tag : `${tag};q=${((10 - i) / 10).toFixed(1)}`)).join(', ')
}
