import { useId, useState } from 'react'
import { BACKEND_KINDS, type BackendKind, type SignInWith } from '../../../shared/backend-kinds'
import { ErrorAlert } from '../components/ErrorAlert'
import { StepHeading } from '../components/StepHeading'
import { FormActions } from '../components/FormActions'
import { TextField } from '../components/TextField'
import { compact, required, useForm } from '../hooks/useForm'
import { useReportDirty } from '../hooks/useReportDirty'
import { useApp } from '../store/provider'

const SIGN_IN_WITH: { value: SignInWith; label: string }[] = [
  { value: 'username', label: 'Username' },
  { value: 'email', label: 'E-mail address' },
]

/** Plain-language check before main's: an https address (http only for this computer). */
function urlProblem(value: string): string | undefined {
  const text = value.trim()
  if (!text) return 'Enter the server’s address.'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'Enter a full address that starts with https://, e.g. https://accounts.example.com.'
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return 'Use an https:// address (plain http is allowed only for this computer).'
  return undefined
}

export function AddServer() {
  const addServer = useApp((s) => s.addServer)
  const goHome = useApp((s) => s.goHome)
  const kindId = useId()
  const [displayName, setDisplayName] = useState('')
  const [baseUrl, setBaseUrl] = useState('')
  const [kind, setKind] = useState<BackendKind>(BACKEND_KINDS[0].id)
  const [signInWith, setSignInWith] = useState<SignInWith>('username')
  const { attach, ...form } = useForm('addServer', {
    values: { displayName, baseUrl, kind },
    validate: () => {
      const problem = urlProblem(baseUrl)
      return compact({
        displayName: required(displayName, 'Enter a name for this server.'),
        baseUrl: problem ? [problem] : undefined,
      })
    },
    send: () => addServer({ displayName: displayName.trim(), baseUrl: baseUrl.trim(), kind, signInWith }),
    cancel: () => goHome(),
  })
  useReportDirty(displayName !== '' || baseUrl !== '')
  const kindErrors = form.on('kind')

  return (
    <div className="screen screen--narrow">
      <StepHeading>Add a server</StepHeading>
      <p className="lead">Use the details your IT team gave you.</p>
      <form ref={attach} className="form" noValidate onSubmit={form.submit}>
        <TextField
          label="Name"
          hint="How the server appears in Account Desk, e.g. “Example Corp accounts”."
          value={displayName}
          onChange={setDisplayName}
          errors={form.on('displayName')}
          maxLength={80}
          autoComplete="off"
          required
        />
        <TextField
          label="Address"
          hint="Starts with https://"
          type="url"
          inputMode="url"
          autoComplete="url"
          autoCapitalize="off"
          spellCheck={false}
          placeholder="https://accounts.example.com"
          value={baseUrl}
          onChange={setBaseUrl}
          errors={form.on('baseUrl')}
          maxLength={2048}
          required
        />
        <fieldset
          className="field fieldset"
          aria-describedby={kindErrors.length ? `${kindId}-error` : undefined}
        >
          <legend className="field-label">Kind of server</legend>
          {BACKEND_KINDS.map((k) => (
            <div key={k.id} className="radio">
              <input
                type="radio"
                id={`${kindId}-${k.id}`}
                name="kind"
                value={k.id}
                checked={kind === k.id}
                onChange={() => setKind(k.id)}
                aria-describedby={`${kindId}-${k.id}-hint`}
              />
              <label htmlFor={`${kindId}-${k.id}`}>{k.label}</label>
              <p id={`${kindId}-${k.id}-hint`} className="field-hint radio-hint">
                {k.hint}
              </p>
            </div>
          ))}
          {kindErrors.length ? (
            <ul id={`${kindId}-error`} className="field-errors">
              {kindErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        <fieldset className="field fieldset" aria-describedby={`${kindId}-sign-in-hint`}>
          <legend className="field-label">People sign in with</legend>
          <p id={`${kindId}-sign-in-hint`} className="field-hint">
            If the server says which it takes, the app follows the server.
          </p>
          {SIGN_IN_WITH.map((choice) => (
            <div key={choice.value} className="radio">
              <input
                type="radio"
                id={`${kindId}-sign-in-${choice.value}`}
                name="signInWith"
                value={choice.value}
                checked={signInWith === choice.value}
                onChange={() => setSignInWith(choice.value)}
              />
              <label htmlFor={`${kindId}-sign-in-${choice.value}`}>{choice.label}</label>
            </div>
          ))}
        </fieldset>
        <ErrorAlert error={form.alertError} fields={['displayName', 'baseUrl', 'kind']} />
        <FormActions form={form} busyLabel="Adding…">
          Add the server
        </FormActions>
      </form>
    </div>
  )
}
