import type { PasswordRules } from '../../../shared/profile'
import { passwordChecks, type PasswordCheck } from './django-validators'

/** `pending`: the common list is still loading; `unknown`: it could not be loaded. */
export type RuleState = 'empty' | 'met' | 'unmet' | 'pending' | 'unknown'

export interface ChecklistItem {
  id: PasswordCheck['id']
  /** The rule, said positively ("At least 8 characters"): a `common` catalog key, with its values. */
  label: { key: string; values?: Record<string, number> }
  state: RuleState
  /** Django's message when the rule fails. */
  detail?: string
}

/** The rules the renderer uses when it does not know the server's (the defaults of src/shared/profile.ts). */
export const DEFAULT_RULES: PasswordRules = {
  minLength: 8,
  notNumeric: true,
  notCommon: true,
  notSimilar: true,
  maxLength: 4096,
}

export interface ChecklistContext {
  rules: PasswordRules
  /** The common-password list, `null` while it loads, `'failed'` when it could not be loaded. */
  common: ReadonlySet<string> | null | 'failed'
  /** What the password must not resemble, when known. */
  username?: string | undefined
  email?: string | undefined
}

const ORDER: Record<PasswordCheck['id'], number> = { length: 0, numeric: 1, common: 2, similar: 3 }

/** Each rule said positively, as what the password is (Django's help texts say what it "can't" be). */
const LABELS: Record<PasswordCheck['id'], (rules: PasswordRules) => ChecklistItem['label']> = {
  length: (rules) => ({ key: 'password.rule.length', values: { count: rules.minLength } }),
  numeric: () => ({ key: 'password.rule.numeric' }),
  common: () => ({ key: 'password.rule.common' }),
  similar: () => ({ key: 'password.rule.similar' }),
}
const NO_LIST: ReadonlySet<string> = new Set()

/** The live checklist for a password against the server's rules, with Django's own checks. The server judges. */
export function evaluatePassword(password: string, ctx: ChecklistContext): ChecklistItem[] {
  const { rules, common } = ctx
  const knowsUser = Boolean(ctx.username || ctx.email)
  const checks = passwordChecks(password, {
    user: knowsUser ? { username: ctx.username ?? null, email: ctx.email ?? null } : null,
    policy: {
      minLength: rules.minLength,
      notNumeric: rules.notNumeric,
      notCommon: rules.notCommon,
      notSimilar: rules.notSimilar,
    },
    commonPasswords: common instanceof Set ? common : NO_LIST,
  })
  // Neutral until met: while the password is too short, "not only numbers" and the like are not yet an achievement.
  const tooShort = checks.some((check) => check.id === 'length' && check.ok === false)
  return checks
    .filter((check) => check.ok !== null)
    .sort((a, b) => ORDER[a.id] - ORDER[b.id])
    .map((check): ChecklistItem => {
      let state: RuleState = check.ok ? 'met' : 'unmet'
      if (check.id === 'common' && common === null) state = 'pending'
      if (check.id === 'common' && common === 'failed') state = 'unknown'
      if (password.length === 0 || (tooShort && state === 'met')) state = 'empty'
      return {
        id: check.id,
        label: LABELS[check.id](rules),
        state,
        ...(check.message && state === 'unmet' ? { detail: check.message } : {}),
      }
    })
}
