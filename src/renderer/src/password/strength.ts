import type { ZxcvbnFactory } from '@zxcvbn-ts/core'

/** zxcvbn-ts with its common and English dictionaries, loaded on first use (a chunk of its own). */
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
          translations: en.translations,
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
  warning: string | null
  suggestions: string[]
}

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
    warning: result.feedback.warning || null,
    suggestions: result.feedback.suggestions,
  }
}
