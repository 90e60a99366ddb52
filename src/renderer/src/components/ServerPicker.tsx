import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ServerSummary } from '../../../shared/contract'

/** Which server: a select when there are several, the server's name when there is one. */
export function ServerPicker({
  servers,
  value,
  onChange,
  label,
  errors = [],
}: {
  servers: readonly ServerSummary[]
  value: string
  onChange: (serverId: string) => void
  label?: string
  errors?: readonly string[]
}) {
  const { t } = useTranslation()
  const id = useId()
  const only = servers.length === 1 ? servers[0] : undefined
  const errorId = errors.length ? `${id}-error` : undefined
  if (only) {
    return (
      <div className="field">
        <p className="server-fixed">
          <span className="field-label">
            {t('fields.serverFixed', { label: label ?? t('fields.server') })}{' '}
          </span>
          <strong data-server-text="">{only.displayName}</strong>{' '}
          <span className="muted" data-server-text="">
            {only.host}
          </span>
        </p>
      </div>
    )
  }
  return (
    <div className={`field${errors.length ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label ?? t('fields.server')}
      </label>
      <select
        id={id}
        className="input select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errorId}
      >
        {value === '' ? <option value="">{t('fields.chooseServer')}</option> : null}
        {servers.map((server) => (
          <option key={server.id} value={server.id}>
            {t('fields.serverOption', { server: server.displayName, host: server.host })}
          </option>
        ))}
      </select>
      {errors.length ? (
        <ul id={errorId} className="field-errors">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
