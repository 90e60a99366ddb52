import { useDeferredValue, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ZxcvbnFactory } from '@zxcvbn-ts/core'
import type { PasswordRules } from '../../../shared/profile'
import { evaluatePassword, type RuleState } from '../password/checklist'
import { loadCommonPasswords } from '../password/common'
import { estimate, loadStrengthEstimator } from '../password/strength'

/** What a screen reader hears after each rule (catalog keys). */
const STATE_TEXT: Record<RuleState, string> = {
  empty: 'password.state.empty',
  met: 'password.state.met',
  unmet: 'password.state.unmet',
  pending: 'password.state.pending',
  unknown: 'password.state.unknown',
}
/** Neutral until met: a rule not met yet is a circle, not a red cross (the field's error says what failed). */
const ICON: Record<RuleState, string> = { empty: '○', met: '✓', unmet: '○', pending: '…', unknown: '?' }

/**
 * The live checklist of the server's password rules (Django's own checks) and a zxcvbn strength meter. The
 * common-password list and zxcvbn load on first use. `id` is what the password field's aria-describedby names.
 * One message per fact: the meter's own advice ("This is a common password") appears only once every rule is met
 * and the field shows no error, so it never repeats what the checklist or the server already said.
 */
export function PasswordHelp({
  id,
  password,
  rules,
  username,
  email,
  fieldHasErrors = false,
}: {
  id: string
  password: string
  rules: PasswordRules
  username?: string | undefined
  email?: string | undefined
  fieldHasErrors?: boolean
}) {
  const { t } = useTranslation()
  const typed = useDeferredValue(password)
  const [common, setCommon] = useState<ReadonlySet<string> | null | 'failed'>(null)
  const [factory, setFactory] = useState<ZxcvbnFactory | null>(null)
  const wantsFactory = typed.length > 0

  useEffect(() => {
    let live = true
    loadCommonPasswords().then(
      (list) => live && setCommon(list),
      () => live && setCommon('failed'),
    )
    return () => {
      live = false
    }
  }, [])
  useEffect(() => {
    if (!wantsFactory || factory) return
    let live = true
    loadStrengthEstimator().then(
      (f) => live && setFactory(() => f),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [wantsFactory, factory])

  const items = evaluatePassword(typed, { rules, common, username, email })
  const met = items.filter((i) => i.state === 'met').length
  const strength = factory && typed ? estimate(factory, typed, [username, email].filter(isText)) : null
  const advice = met === items.length && !fieldHasErrors ? strength?.warning : null

  return (
    <div className="password-help">
      <div id={id}>
        <p className="visually-hidden">{t('password.requirements')}</p>
        <ul className="checklist">
          {items.map((item) => (
            <li key={item.id} className={`check check--${item.state}`}>
              <span className="check-icon" aria-hidden="true">
                {ICON[item.state]}
              </span>
              <span>
                {t(item.label.key, item.label.values)}
                <span className="visually-hidden"> ({t(STATE_TEXT[item.state])})</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {typed ? t('password.met', { met, count: items.length }) : ''}
      </p>
      <div className="strength">
        <div
          className={`strength-bar strength-bar--${strength ? strength.score : 'none'}`}
          aria-hidden="true"
        >
          <span />
          <span />
          <span />
          <span />
          <span />
        </div>
        <p className="strength-text">
          {t('password.strength.label')}{' '}
          <strong>
            {strength
              ? t(strength.label)
              : typed
                ? t('password.strength.checking')
                : t('password.strength.none')}
          </strong>
          {advice ? <span className="strength-warning"> {t(advice)}</span> : null}
        </p>
      </div>
    </div>
  )
}

const isText = (value: string | undefined): value is string => Boolean(value)
