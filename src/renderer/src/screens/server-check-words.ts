import type { ServerDetection, ServerFinding } from '../../../shared/contract'
import type { AppError, Result } from '../../../shared/errors'
import type { BackendKind, SignInWith } from '../../../shared/backend-kinds'
import type { DetectedSignIn, DetectedSoftware } from '../../../shared/server-detection'
import { errorMessage, errorTitle } from '../errors/describe'
import { formMessages } from '../errors/fields'
import type { ShownText } from '../errors/shown-text'
import { wordMessage, type ErrorsT } from '../errors/words'

/** What Add server says about an address once it is checked, in words for people. */
export interface CheckWords {
  /** `found`: the app can use the server as found; `warning`: it cannot without the user's own choice. */
  tone: 'found' | 'warning'
  title: string
  lines: ShownText[]
  /** Whether checking again may tell something new (nothing answered, no network, too slow). */
  retry: boolean
}

const SOFTWARE: Record<DetectedSoftware, string> = {
  'allauth-headless': 'django-allauth’s sign-in service for apps',
  djoser: 'a sign-in service for apps (djoser)',
  'allauth-html': 'django-allauth’s sign-in pages',
  'django-forms': 'Django’s own sign-in pages',
}

const SIGN_IN: Record<DetectedSignIn, string> = {
  username: 'People sign in with their username.',
  email: 'People sign in with their e-mail address.',
  'username-or-email': 'People sign in with their username or e-mail address.',
}

const ADD_ANYWAY = 'To add it anyway, choose the kind yourself below.'

/** The finding the app will use: the first of the found kinds it can speak. */
export const usableFinding = (detection: ServerDetection): ServerFinding | undefined =>
  detection.found.find((finding) => finding.kind !== null)

/** What the sign-in form should ask for, as the server said (either one: the username field takes both). */
const signInWithOf = (finding: ServerFinding | undefined): SignInWith | undefined =>
  finding?.signIn === 'email' ? 'email' : finding?.signIn ? 'username' : undefined

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
): string | null {
  if (!chosen || !result?.ok || result.value.found.length === 0) return null
  if (result.value.found.some((f) => f.kind === chosen)) return null
  return `The check did not find “${label}” at this address: adding the server as that may not work.`
}

/** Failures that are about the address itself (policy, not https, already listed): they belong on its field. */
export function addressRefusal(result: Result<ServerDetection> | undefined, t: ErrorsT): ShownText[] {
  if (!result || result.ok) return []
  const { error } = result
  if (error.kind === 'policy') return [wordMessage(t, error.message)]
  if (error.kind === 'validation') return formMessages(error, [], t)
  return []
}

export function describeCheck(result: Result<ServerDetection>, t: ErrorsT): CheckWords | null {
  if (!result.ok) return describeFailure(result.error, t)
  const detection = result.value
  const usable = usableFinding(detection)
  if (usable) {
    const lines: ShownText[] = usable.signIn ? [SIGN_IN[usable.signIn]] : []
    if (usable.forgotPage === false)
      lines.push(
        'Its page for a forgotten password was not found, so asking for a reset link from the app may not work.',
      )
    const others = detection.found.filter((f) => f !== usable && f.kind !== null)
    if (others.length > 0)
      lines.push(
        `It also has ${others.map((f) => SOFTWARE[f.software]).join(' and ')}; to use ${others.length > 1 ? 'one of those' : 'that'} instead, choose the kind yourself below.`,
      )
    return { tone: 'found', title: `This server uses ${SOFTWARE[usable.software]}.`, lines, retry: false }
  }
  const unsupported = detection.found[0]
  if (unsupported)
    return {
      tone: 'warning',
      title: `This server uses ${SOFTWARE[unsupported.software]}, which this version of Account Desk can’t use yet.`,
      lines: [ADD_ANYWAY],
      retry: false,
    }
  return {
    tone: 'warning',
    title: 'Account Desk doesn’t recognise this server.',
    lines: [
      detection.signInElsewhere
        ? `Its sign-in page sends people to another site (${detection.signInElsewhere}), which Account Desk can’t sign in to.`
        : 'Something answers at this address, but not as a sign-in service Account Desk knows. Check the address with your IT team.',
      ADD_ANYWAY,
    ],
    retry: false,
  }
}

function describeFailure(error: AppError, t: ErrorsT): CheckWords | null {
  // Said on the address field instead (addressRefusal), or nothing to say (the check was abandoned).
  if (error.kind === 'policy' || error.kind === 'validation' || error.kind === 'cancelled') return null
  const message = error.kind === 'unreachable' ? t('check.unreachable') : errorMessage(t, error)
  return {
    tone: 'warning',
    title: errorTitle(t, error),
    lines: [message, ADD_ANYWAY],
    retry: ['unreachable', 'offline', 'timeout', 'proxy', 'server'].includes(error.kind),
  }
}
