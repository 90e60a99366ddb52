import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The files known to take longest, in seconds of their own on the quiet 2-core machine (from the JSON report of a
 * clean-clone `npm test`, test-results/vitest.json), by project. A group of files that run a few at a time ends
 * soonest when its longest files start first (longest-processing-time-first): left in Vitest's own order (larger
 * files first, as a clean clone has no timings cached), a long file that started last held up the end of the e2e
 * group by minutes. Files not listed keep Vitest's order after these. Update it when a file grows past the ones
 * listed; a stale figure only costs time, never a result.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  'e2e:test/e2e/flows-djoser.test.ts': 190,
  'e2e:test/e2e/flows-states.test.ts': 150,
  'e2e:test/e2e/flows-django-forms.test.ts': 110,
  'e2e-django-5.2:test/e2e/flows-django-forms.test.ts': 100,
  'e2e:test/e2e/flows-allauth-html.test.ts': 65,
  'e2e:test/e2e/languages.test.ts': 50,
  'e2e:test/e2e/flows-allauth-headless.test.ts': 48,
  'integration-django-3.2:test/integration/backends-django-forms.test.ts': 49,
  'integration-django-4.2:test/integration/backends-django-forms.test.ts': 43,
  'integration-django-5.2:test/integration/backends-django-forms.test.ts': 34,
}

const expected = (spec: TestSpecification) =>
  EXPECTED_SECONDS[`${spec.project.name}:${relative(spec.project.config.root, spec.moduleId)}`] ?? 0

/** Vitest's order (groups in their order), then within a group the longest known files first. */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort(
        (a, b) =>
          a.spec.project.config.sequence.groupOrder - b.spec.project.config.sequence.groupOrder ||
          expected(b.spec) - expected(a.spec) ||
          a.index - b.index,
      )
      .map(({ spec }) => spec)
  }
}
