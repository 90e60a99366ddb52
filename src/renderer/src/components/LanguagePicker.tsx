import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGE_CHOICES, type LanguageChoice, type SupportedLanguage } from '../../../shared/language'
import { useApp } from '../store/provider'

/** A language named in itself ("Deutsch", "English"), as language pickers do. */
export const nameInItself = (language: SupportedLanguage): string =>
  new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language

const isChoice = (value: string): value is LanguageChoice =>
  (LANGUAGE_CHOICES as readonly string[]).includes(value)

/**
 * The app's language: "System language" (what the system's languages give now) or one language, kept by main
 * with the settings. Disabled, with the reason, while the managed policy pins a language.
 */
export function LanguagePicker() {
  const { t } = useTranslation()
  const id = useId()
  const appName = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  const state = useApp((s) => s.language)
  const loadLanguage = useApp((s) => s.loadLanguage)
  const chooseLanguage = useApp((s) => s.chooseLanguage)
  const [status, setStatus] = useState<'idle' | 'saving' | 'failed'>('idle')
  useEffect(() => {
    void loadLanguage()
  }, [loadLanguage])
  if (!state) return null

  const choose = async (value: string) => {
    if (!isChoice(value)) return
    setStatus('saving')
    setStatus((await chooseLanguage(value)) ? 'idle' : 'failed')
  }
  const hintId = `${id}-hint`
  return (
    <section className="subsection" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="subsection-title">
        {t('language.title')}
      </h2>
      <div className="field">
        <label htmlFor={id} className="field-label">
          {t('language.label', { name: appName })}
        </label>
        {state.pinned ? (
          <p id={hintId} className="field-hint">
            {t('language.pinned', { name: appName })}
          </p>
        ) : null}
        <select
          id={id}
          className="input select"
          value={state.choice}
          disabled={state.pinned || status === 'saving'}
          aria-describedby={state.pinned ? hintId : undefined}
          onChange={(event) => void choose(event.target.value)}
        >
          {LANGUAGE_CHOICES.map((choice) =>
            choice === 'system' ? (
              <option key={choice} value={choice}>
                {t('language.systemIs', { language: nameInItself(state.system) })}
              </option>
            ) : (
              <option key={choice} value={choice} lang={choice}>
                {nameInItself(choice)}
              </option>
            ),
          )}
        </select>
      </div>
      <p role="status" className="field-hint">
        {status === 'saving' ? t('language.saving') : status === 'failed' ? t('language.failed') : ''}
      </p>
    </section>
  )
}
