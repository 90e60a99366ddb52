import type { TFunction } from 'i18next'
import type { ServerDetection, ServerFinding } from '../../../shared/contract'
import type { AppError, Result } from '../../../shared/errors'
import type { BackendKind, SignInWith } from '../../../shared/backend-kinds'
import type { DetectedSignIn, DetectedSoftware } from '../../../shared/server-detection'
import { errorMessage, errorTitle } from '../errors/describe'
import { formMessages } from '../errors/fields'
import type { ShownText } from '../errors/shown-text'
import { wordMessage, type ErrorsT } from '../errors/words'
import { formatList } from '../format'

/** What Add server says about an address once it is checked, in words for people. */
export interface CheckWords {
  /** `found`: the app can use the server as found; `warning`: it cannot without the user's own choice. */
  tone: 'found' | 'warning'
  title: string
  lines: ShownText[]
  /** Whether checking again may tell something new (nothing answered, no network, too slow). */
  retry: boolean
}

/**
 * The one translator the check's words need: `common`'s, falling back to `errors` for the failures' titles and
 * messages (`useTranslation(['common', 'errors'], { nsMode: 'fallback' })`; the two catalogs' top-level keys differ).
 */
export type CheckT = TFunction<['common', 'errors']>

/** The catalog keys (`common`) naming each kind of software the check can find. */
const SOFTWARE: Record<DetectedSoftware, string> = {
  'allauth-headless': 'check.software.allauthHeadless',
  djoser: 'check.software.djoser',
  'allauth-html': 'check.software.allauthHtml',
  'django-forms': 'check.software.djangoForms',
}

const SIGN_IN: Record<DetectedSignIn, string> = {
  username: 'check.signIn.username',
  email: 'check.signIn.email',
  'username-or-email': 'check.signIn.usernameOrEmail',
}

/** The finding the app will use: the first of the found kinds it can speak. */
export const usableFinding = (detection: ServerDetection): ServerFinding | undefined =>
  detection.found.find((finding) => finding.kind !== null)

/** What the sign-in form should ask for, as the server said. */
const signInWithOf = (finding: ServerFinding | undefined): SignInWith | undefined => finding?.signIn

/**
 * The kind and sign-in field Add server adds with: the user's own choice, else what the check found (the sign-in
 * field the server said for that kind), else none and `username`.
 */
export function chosenFor(
  result: Result<ServerDetection> | undefined,
  manual: { kind?: BackendKind; signInWith?: SignInWith } | null,
): { kind: BackendKind | undefined; signInWith: SignInWith } {
  const found = result?.ok ? result.value.found : []
  const kind = manual?.kind ?? found.find((f) => f.kind !== null)?.kind ?? undefined
  const finding = found.find((f) => f.kind === kind)
  return { kind, signInWith: manual?.signInWith ?? signInWithOf(finding) ?? 'username' }
}

/**
 * A kind chosen by hand that the check did not find where it found others: said under the choice. Null when the
 * check found it, found nothing (the status says so already), or did not finish.
 */
export function mismatchNote(
  result: Result<ServerDetection> | undefined,
  chosen: BackendKind | undefined,
  label: string,
  t: TFunction,
): string | null {
  if (!chosen || !result?.ok || result.value.found.length === 0) return null
  if (result.value.found.some((f) => f.kind === chosen)) return null
  return t('check.mismatch', { kind: label })
}

/** Failures that are about the address itself (policy, not https, already listed): they belong on its field. */
export function addressRefusal(result: Result<ServerDetection> | undefined, t: ErrorsT): ShownText[] {
  if (!result || result.ok) return []
  const { error } = result
  if (error.kind === 'policy') return [wordMessage(t, error.message)]
  if (error.kind === 'validation') return formMessages(error, [], t)
  return []
}

export function describeCheck(result: Result<ServerDetection>, t: CheckT): CheckWords | null {
  if (!result.ok) return describeFailure(result.error, t)
  const detection = result.value
  const usable = usableFinding(detection)
  const software = (finding: ServerFinding) => t(SOFTWARE[finding.software])
  if (usable) {
    const lines: ShownText[] = usable.signIn ? [t(SIGN_IN[usable.signIn])] : []
    if (usable.forgotPage === false) lines.push(t('check.noForgotPage'))
    const others = detection.found.filter((f) => f !== usable && f.kind !== null)
    if (others.length > 0) {
      lines.push(t('check.alsoHas', { count: others.length, list: formatList(others.map(software)) }))
    }
    return { tone: 'found', title: t('check.uses', { software: software(usable) }), lines, retry: false }
  }
  const unsupported = detection.found[0]
  if (unsupported)
    return {
      tone: 'warning',
      title: t('check.usesUnsupported', { software: software(unsupported) }),
      lines: [t('check.addAnyway')],
      retry: false,
    }
  return {
    tone: 'warning',
    title: t('check.unknown'),
    lines: [
      detection.signInElsewhere
        ? t('check.signInElsewhere', { site: detection.signInElsewhere })
        : t('check.notSignInService'),
      t('check.addAnyway'),
    ],
    retry: false,
  }
}

function describeFailure(error: AppError, t: CheckT): CheckWords | null {
  // Said on the address field instead (addressRefusal), or nothing to say (the check was abandoned).
  if (error.kind === 'policy' || error.kind === 'validation' || error.kind === 'cancelled') return null
  const message = error.kind === 'unreachable' ? t('check.nothingAnswered') : errorMessage(t, error)
  return {
    tone: 'warning',
    title: errorTitle(t, error),
    lines: [message, t('check.addAnyway')],
    retry: ['unreachable', 'offline', 'timeout', 'proxy', 'server'].includes(error.kind),
  }
}
