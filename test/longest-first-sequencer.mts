import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The files known to take longest, in seconds of their own on the quiet 2-core machine (from the JSON report of a
 * clean-clone `npm test`, test-results/vitest.json), by project. A group of files that run a few at a time ends
 * soonest when its longest files start first (longest-processing-time-first): left in Vitest's own order (larger
 * files first, as a clean clone has no timings cached), a long file that started last held up the end of the e2e
 * group by minutes, and a 35 s file left to the end kept one worker busy while the other idled. Every e2e file is
 * listed, so the group ends on its shortest; files not listed keep Vitest's order after these. Update it when e2e
 * files are added or change much; a stale figure only costs time, never a result.
 */
const EXPECTED_SECONDS: Record<string, number> = {
  'integration-django-3.2:test/integration/backends-django-forms.test.ts': 49,
  'integration-django-4.2:test/integration/backends-django-forms.test.ts': 43,
  'integration-django-5.2:test/integration/backends-django-forms.test.ts': 34,
  'e2e:test/e2e/flows-states.test.ts': 179,
  'e2e:test/e2e/flows-djoser.test.ts': 162,
  'e2e:test/e2e/flows-django-forms.test.ts': 98,
  'e2e-django-5.2:test/e2e/flows-django-forms.test.ts': 94,
  'e2e:test/e2e/languages.test.ts': 60,
  'e2e:test/e2e/flows-allauth-headless.test.ts': 57,
  'e2e:test/e2e/flows-allauth-html.test.ts': 52,
  'e2e:test/e2e/sign-in-by-email.test.ts': 37,
  'e2e:test/e2e/secret-hygiene.test.ts': 35,
  'e2e:test/e2e/secret-hygiene-allauth.test.ts': 34,
  'e2e:test/e2e/flows-allauth.test.ts': 22,
  'e2e:test/e2e/demo-first-run.test.ts': 20,
  'e2e-django-5.2:test/e2e/secret-hygiene.test.ts': 19,
  'e2e:test/e2e/link-delivery.test.ts': 19,
  'e2e:test/e2e/flow-memory.test.ts': 14,
  'e2e:test/e2e/smoke.test.ts': 14,
  'e2e:test/e2e/task-count.test.ts': 7,
  'e2e:test/e2e/start-browser.test.ts': 3,
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
