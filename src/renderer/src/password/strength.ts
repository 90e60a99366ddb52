import type { TranslationKeys, ZxcvbnFactory } from '@zxcvbn-ts/core'

/**
 * zxcvbn-ts with its common and English dictionaries, loaded on first use (a chunk of its own). No translations
 * are given: its advice comes back as its translation keys (its default), worded by the app's catalogs (ADVICE).
 */
let loading: Promise<ZxcvbnFactory> | null = null

export function loadStrengthEstimator(): Promise<ZxcvbnFactory> {
  loading ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ])
    .then(
      ([core, common, en]) =>
        new core.ZxcvbnFactory({
          dictionary: { ...common.dictionary, ...en.dictionary },
          graphs: common.adjacencyGraphs,
        }),
    )
    .catch((error: unknown) => {
      loading = null
      throw error
    })
  return loading
}

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4
  /** The strength in words: a `common` catalog key. */
  label: (typeof STRENGTH_LABELS)[number]
  /** zxcvbn's warning, if any: a `common` catalog key. */
  warning: string | null
  /** zxcvbn's suggestions: `common` catalog keys. */
  suggestions: string[]
}

/** The `common` catalog keys of zxcvbn's advice, by its translation keys (all of them: the type sees to it). */
export const ADVICE = {
  warnings: {
    straightRow: 'password.advice.warnings.straightRow',
    keyPattern: 'password.advice.warnings.keyPattern',
    simpleRepeat: 'password.advice.warnings.simpleRepeat',
    extendedRepeat: 'password.advice.warnings.extendedRepeat',
    sequences: 'password.advice.warnings.sequences',
    recentYears: 'password.advice.warnings.recentYears',
    dates: 'password.advice.warnings.dates',
    topTen: 'password.advice.warnings.topTen',
    topHundred: 'password.advice.warnings.topHundred',
    common: 'password.advice.warnings.common',
    similarToCommon: 'password.advice.warnings.similarToCommon',
    wordByItself: 'password.advice.warnings.wordByItself',
    namesByThemselves: 'password.advice.warnings.namesByThemselves',
    commonNames: 'password.advice.warnings.commonNames',
    userInputs: 'password.advice.warnings.userInputs',
    pwned: 'password.advice.warnings.pwned',
  },
  suggestions: {
    l33t: 'password.advice.suggestions.l33t',
    reverseWords: 'password.advice.suggestions.reverseWords',
    allUppercase: 'password.advice.suggestions.allUppercase',
    capitalization: 'password.advice.suggestions.capitalization',
    dates: 'password.advice.suggestions.dates',
    recentYears: 'password.advice.suggestions.recentYears',
    associatedYears: 'password.advice.suggestions.associatedYears',
    sequences: 'password.advice.suggestions.sequences',
    repeated: 'password.advice.suggestions.repeated',
    longerKeyboardPattern: 'password.advice.suggestions.longerKeyboardPattern',
    anotherWord: 'password.advice.suggestions.anotherWord',
    useWords: 'password.advice.suggestions.useWords',
    noNeed: 'password.advice.suggestions.noNeed',
    pwned: 'password.advice.suggestions.pwned',
  },
} satisfies { [P in 'warnings' | 'suggestions']: Record<keyof TranslationKeys[P], string> }

const WARNINGS = new Map<string, string>(Object.entries(ADVICE.warnings))
const SUGGESTIONS = new Map<string, string>(Object.entries(ADVICE.suggestions))

export const STRENGTH_LABELS = [
  'password.strength.veryWeak',
  'password.strength.weak',
  'password.strength.fair',
  'password.strength.good',
  'password.strength.strong',
] as const

export function estimate(factory: ZxcvbnFactory, password: string, userInputs: string[]): Strength {
  const result = factory.check(password, userInputs)
  return {
    score: result.score,
    label: STRENGTH_LABELS[result.score],
    warning: WARNINGS.get(result.feedback.warning ?? '') ?? null,
    suggestions: result.feedback.suggestions.flatMap((key) => SUGGESTIONS.get(key) ?? []),
  }
}
