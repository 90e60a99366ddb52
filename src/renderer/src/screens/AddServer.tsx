import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { BACKEND_KINDS, type BackendKind, type SignInWith } from '../../../shared/backend-kinds'
import type { ServerDetection } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { ErrorAlert } from '../components/ErrorAlert'
import { StepHeading } from '../components/StepHeading'
import { FormActions } from '../components/FormActions'
import { TextField } from '../components/TextField'
import { compact, required, useForm } from '../hooks/useForm'
import { useReportDirty } from '../hooks/useReportDirty'
import { useServerCheck, type CheckState } from '../hooks/useServerCheck'
import { ShownMessage, textOf, type ShownText } from '../errors/shown-text'
import { useApp } from '../store/provider'
import { addressRefusal, chosenFor, describeCheck, mismatchNote } from './server-check-words'

const SIGN_IN_WITH: { value: SignInWith; label: string }[] = [
  { value: 'username', label: 'fields.username' },
  { value: 'email', label: 'fields.email' },
  { value: 'username-or-email', label: 'addServer.signInEither' },
]

/** Plain-language check before main's: an https address (http only for this computer). A catalog key, or none. */
function urlProblem(value: string): string | undefined {
  const text = value.trim()
  if (!text) return 'addServer.addressMissing'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'addServer.addressNotFull'
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return 'addServer.addressNotHttps'
  return undefined
}

/** The user's own choices in "Choose the kind yourself", for the address they were made for. */
interface ManualChoice {
  address: string
  kind?: BackendKind
  signInWith?: SignInWith
}

export function AddServer() {
  const { t } = useTranslation()
  const { t: te } = useTranslation('errors')
  const appName = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  const addServer = useApp((s) => s.addServer)
  const goHome = useApp((s) => s.goHome)
  const kindId = useId()
  const [displayName, setDisplayName] = useState('')
  const [baseUrl, setBaseUrl] = useState('')
  const address = baseUrl.trim()
  const checkable = urlProblem(baseUrl) === undefined ? address : null
  const check = useServerCheck(checkable)
  const result = check.state.status === 'done' ? check.state.result : undefined

  const [manual, setManual] = useState<ManualChoice | null>(null)
  const mine = manual?.address === address ? manual : null
  const choose = (choice: Omit<ManualChoice, 'address'>) => setManual({ ...mine, address, ...choice })
  const { kind, signInWith } = chosenFor(result, mine)

  const [disclosed, setDisclosed] = useState(false)
  const [waiting, setWaiting] = useState(false)
  const firstKind = useRef<HTMLInputElement>(null)
  /** What submit decides with: the check's answer as it was when the user pressed Add (read by validate/send). */
  const decided = useRef<{ kind?: BackendKind; signInWith?: SignInWith; refusal: ShownText[] }>({
    refusal: [],
  })

  const { attach, ...form } = useForm('addServer', {
    values: { displayName, baseUrl, kind: kind ?? '' },
    validate: (when) => {
      const problem = urlProblem(baseUrl)
      const fields = compact({
        displayName: required(displayName, t('addServer.nameMissing')),
        baseUrl: problem
          ? [t(problem)]
          : decided.current.refusal.length
            ? decided.current.refusal
            : undefined,
      })
      if (fields || decided.current.kind) return fields
      if (when === 'reword') return { kind: [t('addServer.chooseKind')] }
      setDisclosed(true)
      // The choice is inside the disclosure just opened: focus its first kind once it is on screen.
      setTimeout(() => firstKind.current?.focus(), 0)
      return { kind: [t('addServer.chooseKind')] }
    },
    send: () => {
      const { kind: chosen, signInWith: signIn } = decided.current
      return chosen
        ? addServer({ displayName: displayName.trim(), baseUrl: address, kind: chosen, signInWith: signIn })
        : undefined
    },
    cancel: () => goHome(),
  })
  useReportDirty(displayName !== '' || baseUrl !== '')

  /** False once the screen is gone (Cancel while the check ran): its answer then adds nothing. */
  const onScreen = useRef(true)
  useEffect(() => {
    onScreen.current = true
    return () => {
      onScreen.current = false
    }
  }, [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (waiting || form.busy) return
    let answer: Result<ServerDetection> | undefined = result
    if (checkable && !mine?.kind && !answer) {
      // Pressed before the check ended (or began): its answer decides the kind.
      setWaiting(true)
      answer = await check.checkNow(checkable)
      if (!onScreen.current) return
      setWaiting(false)
    }
    decided.current = { ...chosenFor(answer, mine), refusal: addressRefusal(answer, te) }
    form.submit()
  }

  const refusal = checkable ? addressRefusal(result, te) : []
  const kindErrors = form.on('kind')
  const chosenKind = BACKEND_KINDS.find((k) => k.id === mine?.kind)
  const mismatch = mismatchNote(result, mine?.kind, chosenKind ? t(chosenKind.labelKey) : '', t)
  const statusId = `${kindId}-check`

  return (
    <div className="screen screen--narrow">
      <StepHeading>{t('addServer.title')}</StepHeading>
      <p className="lead">{t('addServer.lead')}</p>
      <form ref={attach} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('addServer.name')}
          hint={t('addServer.nameHint', { name: appName })}
          value={displayName}
          onChange={setDisplayName}
          errors={form.on('displayName')}
          maxLength={80}
          autoComplete="off"
          required
        />
        <TextField
          label={t('addServer.address')}
          hint={t('addServer.addressHint', { name: appName })}
          type="url"
          inputMode="url"
          autoComplete="url"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={t('addServer.addressPlaceholder')}
          value={baseUrl}
          onChange={setBaseUrl}
          onBlur={() => {
            if (checkable) void check.checkNow(checkable)
          }}
          errors={form.on('baseUrl').length ? form.on('baseUrl') : refusal}
          describedBy={statusId}
          maxLength={2048}
          required
        />
        <div id={statusId} role="status" className="server-check">
          <CheckStatus state={check.state} onRetry={() => checkable && check.recheck(checkable)} />
        </div>
        <details
          className="subsection"
          open={disclosed || kindErrors.length > 0}
          onToggle={(event) => setDisclosed(event.currentTarget.open)}
        >
          <summary>{t('addServer.chooseYourself')}</summary>
          <fieldset
            className="field fieldset"
            aria-describedby={kindErrors.length ? `${kindId}-error` : undefined}
          >
            <legend className="field-label">{t('addServer.kindLegend')}</legend>
            {BACKEND_KINDS.map((k, i) => (
              <div key={k.id} className="radio">
                <input
                  ref={i === 0 ? firstKind : undefined}
                  type="radio"
                  id={`${kindId}-${k.id}`}
                  name="kind"
                  value={k.id}
                  checked={kind === k.id}
                  onChange={() => choose({ kind: k.id })}
                  aria-describedby={`${kindId}-${k.id}-hint`}
                />
                <label htmlFor={`${kindId}-${k.id}`}>{t(k.labelKey)}</label>
                <p id={`${kindId}-${k.id}-hint`} className="field-hint radio-hint">
                  {t(k.hintKey)}
                </p>
              </div>
            ))}
            {mismatch ? <p className="note">{mismatch}</p> : null}
            {kindErrors.length ? (
              <ul id={`${kindId}-error`} className="field-errors">
                {kindErrors.map((m) => (
                  <li key={textOf(m)}>
                    <ShownMessage message={m} />
                  </li>
                ))}
              </ul>
            ) : null}
          </fieldset>
          <fieldset className="field fieldset" aria-describedby={`${kindId}-sign-in-hint`}>
            <legend className="field-label">{t('addServer.signInLegend')}</legend>
            <p id={`${kindId}-sign-in-hint`} className="field-hint">
              {t('addServer.signInHint')}
            </p>
            {SIGN_IN_WITH.map((choice) => (
              <div key={choice.value} className="radio">
                <input
                  type="radio"
                  id={`${kindId}-sign-in-${choice.value}`}
                  name="signInWith"
                  value={choice.value}
                  checked={signInWith === choice.value}
                  onChange={() => choose({ signInWith: choice.value })}
                />
                <label htmlFor={`${kindId}-sign-in-${choice.value}`}>{t(choice.label)}</label>
              </div>
            ))}
          </fieldset>
        </details>
        <ErrorAlert error={form.alertError} fields={['displayName', 'baseUrl', 'kind']} />
        <FormActions
          form={{ ...form, busy: form.busy || waiting }}
          busyLabel={waiting ? t('addServer.checking') : t('addServer.adding')}
        >
          {t('addServer.submit')}
        </FormActions>
      </form>
    </div>
  )
}

/** What the check found, said next to the address (a live region: read out when it changes). */
function CheckStatus({ state, onRetry }: { state: CheckState; onRetry: () => void }) {
  const { t } = useTranslation(['common', 'errors'], { nsMode: 'fallback' })
  if (state.status === 'idle') return null
  if (state.status === 'checking')
    return (
      <p className="note">
        <span className="spinner" aria-hidden="true" /> {t('addServer.checking')}
      </p>
    )
  const words = describeCheck(state.result, t)
  if (!words) return null
  if (words.tone === 'found')
    return (
      <div className="check check--met">
        <span className="check-icon" aria-hidden="true">
          ✓
        </span>
        <div>
          <p>{words.title}</p>
          {words.lines.map((line) => (
            <p key={textOf(line)} className="note">
              <ShownMessage message={line} />
            </p>
          ))}
        </div>
      </div>
    )
  return (
    <div className="alert alert--warning">
      <p className="alert-title">{words.title}</p>
      {words.lines.map((line) => (
        <p key={textOf(line)} className="alert-message">
          <ShownMessage message={line} />
        </p>
      ))}
      {words.retry ? (
        <div className="alert-actions">
          <button type="button" className="button" onClick={onRetry}>
            {t('addServer.checkAgain')}
          </button>
        </div>
      ) : null}
    </div>
  )
}
