/**
 * Timing checks that hold on a slow, busy machine: never a fixed number of milliseconds, always relative to a
 * baseline call measured in the same test (how slow the machine is right now) and to the time the code under test
 * is meant to take (a deadline, a cancel).
 */
export async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await run()
  return { value, ms: performance.now() - started }
}

/** Below this a baseline is timer noise, not a measure of load. */
const BASELINE_FLOOR_MS = 5

/**
 * The most a call meant to end `expectedMs` after it started may take: twice that, plus twenty baseline calls. A
 * deadline that never fires, or a cancel that is not heard, waits for the test timeout instead and fails.
 */
export function onTimeBound(expectedMs: number, baselineMs: number): number {
  return 2 * expectedMs + 20 * Math.max(baselineMs, BASELINE_FLOOR_MS)
}
