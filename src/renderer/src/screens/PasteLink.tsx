import { useRef, useState, type FormEvent } from 'react'
import { ErrorAlert } from '../components/ErrorAlert'
import { SubmitButton } from '../components/SubmitButton'
import { TextField } from '../components/TextField'
import { fieldMessages } from '../errors/fields'
import { useFailure } from '../hooks/useFailure'
import { useApp } from '../store/provider'
import { useFormErrors } from './useFormErrors'

/** "Paste the link from your e-mail": the same parser as a link from the OS, in main. */
export function PasteLink() {
  const pending = useApp((s) => s.pending)
  const openPastedLink = useApp((s) => s.openPastedLink)
  const failure = useFailure('openPastedLink')
  const [url, setUrl] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const errors = useFormErrors(form, failure)
  // A refused link is about the pasted text: its message goes on the field.
  const refused = failure?.kind === 'link-invalid' ? [failure.message] : fieldMessages(failure, 'url')
  const fieldErrors = errors.hasLocal ? errors.on('url') : refused

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (pending) return
    const local = url.trim() === '' ? { url: ['Paste the link from the e-mail first.'] } : null
    errors.setLocal(local)
    if (local) return
    void openPastedLink(url)
  }

  return (
    <form ref={form} className="form paste-form" noValidate onSubmit={submit}>
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
      <ErrorAlert
        error={errors.hasLocal || failure?.kind === 'link-invalid' ? null : failure}
        fields={['url']}
      />
      <div className="actions">
        <SubmitButton busy={pending === 'openPastedLink'} busyLabel="Opening…" primary={false}>
          Open the link
        </SubmitButton>
      </div>
    </form>
  )
}
