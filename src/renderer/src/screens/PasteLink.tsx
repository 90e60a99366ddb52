import { useState } from 'react'
import { ErrorAlert } from '../components/ErrorAlert'
import { FormActions } from '../components/FormActions'
import { TextField } from '../components/TextField'
import { useTranslation } from 'react-i18next'
import { fieldMessages } from '../errors/fields'
import { wordMessage } from '../errors/words'
import { useForm } from '../hooks/useForm'
import { useApp } from '../store/provider'

/** "Paste the link from your e-mail": the same parser as a link from the OS, in main. */
export function PasteLink() {
  const openPastedLink = useApp((s) => s.openPastedLink)
  const [url, setUrl] = useState('')
  const { attach, ...form } = useForm('openPastedLink', {
    values: { url },
    validate: () => (url.trim() === '' ? { url: ['Paste the link from the e-mail first.'] } : null),
    send: () => openPastedLink(url),
  })
  const { failure } = form
  const { t } = useTranslation('errors')
  // A refused link is about the pasted text: its message goes on the field.
  const refused =
    failure?.kind === 'link-invalid' ? [wordMessage(t, failure.message)] : fieldMessages(failure, 'url', t)
  const fieldErrors = form.hasLocal ? form.on('url') : refused

  return (
    <form ref={attach} className="form paste-form" noValidate onSubmit={form.submit}>
      <TextField
        label="Paste the link from your e-mail"
        hint="If clicking the link in the e-mail does not open Account Desk, copy the link and paste it here."
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
      <FormActions form={form} busyLabel="Opening…" primary={false}>
        Open the link
      </FormActions>
    </form>
  )
}
