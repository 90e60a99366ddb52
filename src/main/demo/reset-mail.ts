import { randomUUID } from 'node:crypto'
import type { MailSummary } from '../../shared/contract'
import type { SupportedLanguage } from '../../shared/language'

/**
 * djoser's password-reset e-mail (djoser/templates/email/password_reset.html, stock wording, docs/server-protocol.md,
 * "E-mails in tests") and the in-memory mailbox that stands in for the user's inbox in the demo. The mailbox holds
 * reset links, which are secrets: nothing here logs them.
 */
export interface DemoMail {
  id: string
  to: string
  from: string
  subject: string
  /** ISO time the server "sent" it. */
  date: string
  /** The text/plain part, verbatim Django/djoser wording (in the request's language) with the link in it. */
  text: string
  /** The reset link in the mail: `http://<host>/reset/<uid>/<token>` (djoser's PASSWORD_RESET_CONFIRM_URL). */
  link: string
  /** The link's two parts, so the server can tell whether it still works. */
  uid: string
  token: string
}

export interface ResetMailInput {
  to: string
  username: string
  /** The request's Host header (djoser's domain, and site_name without django.contrib.sites or SITE_NAME). */
  domain: string
  /** djoser's SITE_NAME; the domain when unset. */
  siteName?: string
  uid: string
  token: string
  date: Date
  /** The request's language (its Accept-Language, as Django's LocaleMiddleware reads it); English if unset. */
  language?: SupportedLanguage
}

/** Django's template autoescape (the template is an .html file). */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
}
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)

/**
 * The mail's words in each language the demo speaks: Django's own catalogs for its stock password-reset e-mail
 * (registration/password_reset_email.html and its subject), English as djoser sends it, German as Django's
 * `de` locale words it. `{site}`, `{link}` and `{user}` are filled in escaped.
 */
const WORDING = {
  en: {
    subject: 'Password reset on {site}',
    body: `You're receiving this email because you requested a password reset for your user account at {site}.

Please go to the following page and choose a new password:
{link}
Your username, in case you've forgotten: {user}

Thanks for using our site!

The {site} team`,
  },
  de: {
    subject: 'Passwort auf {site} zurücksetzen',
    body: `Sie erhalten diese E-Mail, weil Sie ein neues Passwort für Ihr Benutzerkonto auf {site} angefordert haben.

Bitte öffnen Sie folgende Seite, um Ihr neues Passwort einzugeben:
{link}
Ihr Benutzername, falls Sie ihn vergessen haben: {user}

Vielen Dank, dass Sie unsere Website nutzen!

Das Team von {site}`,
  },
} satisfies Record<SupportedLanguage, { subject: string; body: string }>

export function composeResetMail(input: ResetMailInput): DemoMail {
  // djoser's PASSWORD_RESET_CONFIRM_URL, 'reset/{uid}/{token}'; the demo serves plain http on 127.0.0.1.
  const link = `http://${input.domain}/reset/${input.uid}/${input.token}`
  const values: Record<string, string> = {
    site: escapeHtml(input.siteName || input.domain),
    link: escapeHtml(link),
    user: escapeHtml(input.username),
  }
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_match, name: string) => values[name] ?? '')
  const words = WORDING[input.language ?? 'en']
  return {
    id: randomUUID(),
    to: input.to,
    from: 'webmaster@localhost',
    subject: fill(words.subject),
    date: input.date.toISOString(),
    text: fill(words.body),
    link,
    uid: input.uid,
    token: input.token,
  }
}

/** The demo's inbox: the newest `limit` mails, newest first. */
export class MemoryMailbox {
  private mails: DemoMail[] = []

  constructor(private readonly limit = 100) {}

  add(mail: DemoMail): void {
    this.mails.unshift(mail)
    if (this.mails.length > this.limit) this.mails.length = this.limit
  }

  list(): DemoMail[] {
    return this.mails.map((m) => ({ ...m }))
  }

  get(id: string): DemoMail | undefined {
    return this.list().find((m) => m.id === id)
  }

  clear(): void {
    this.mails = []
  }
}

/**
 * What the renderer shows of a demo mail (the contract's MailSummary): the mail as a mail client shows it, the
 * link included, so the paste flow can be tried. Deliberate for the demo only: it runs on this computer and its
 * links reset nothing else. A link is a secret all the same: nothing logs a MailSummary.
 */
export function toMailSummary(mail: DemoMail, linkWorks: boolean): MailSummary {
  return {
    id: mail.id,
    to: mail.to,
    subject: mail.subject,
    receivedAt: mail.date,
    text: mail.text,
    hasLink: mail.link.length > 0,
    link: mail.link,
    linkWorks,
  }
}
