import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../components/ErrorAlert'
import { FormActions } from '../components/FormActions'
import { TextField } from '../components/TextField'
import { fieldMessages } from '../errors/fields'
import { wordMessage } from '../errors/words'
import { useForm } from '../hooks/useForm'
import { useApp } from '../store/provider'

/** "Paste the link from your e-mail": the same parser as a link from the OS, in main. */
export function PasteLink() {
  const { t } = useTranslation()
  const appName = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  const openPastedLink = useApp((s) => s.openPastedLink)
  const [url, setUrl] = useState('')
  const { attach, ...form } = useForm('openPastedLink', {
    values: { url },
    validate: () => (url.trim() === '' ? { url: [t('paste.missing')] } : null),
    send: () => openPastedLink(url),
  })
  const { failure } = form
  const { t: te } = useTranslation('errors')
  // A refused link is about the pasted text: its message goes on the field.
  const refused =
    failure?.kind === 'link-invalid' ? [wordMessage(te, failure.message)] : fieldMessages(failure, 'url', te)
  const fieldErrors = form.hasLocal ? form.on('url') : refused

  return (
    <form ref={attach} className="form paste-form" noValidate onSubmit={form.submit}>
      <TextField
        label={t('paste.label')}
        hint={t('paste.hint', { name: appName })}
        value={url}
        onChange={setUrl}
        errors={fieldErrors}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        inputMode="url"
        maxLength={8192}
      />
      <ErrorAlert error={failure?.kind === 'link-invalid' ? null : form.alertError} fields={['url']} />
      <FormActions form={form} busyLabel={t('paste.busy')} primary={false}>
        {t('paste.submit')}
      </FormActions>
    </form>
  )
}

/** The paste field as a section of a reset step, under that step's heading ("Got the e-mail?"). */
export function PasteLinkSection({ title }: { title: string }) {
  const titleId = useId()
  return (
    <section className="subsection" aria-labelledby={titleId}>
      <h2 id={titleId} className="subsection-title">
        {title}
      </h2>
      <PasteLink />
    </section>
  )
}
