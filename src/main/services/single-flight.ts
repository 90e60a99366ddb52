/**
 * One request per form, however often it is submitted: a second call with the same key while the first is under
 * way gets the first call's promise instead of sending again. Neither Django nor djoser rate-limits by default,
 * so the client must not multiply requests (a double-clicked "send link" would send two mails).
 */
export function createSingleFlight() {
  const inFlight = new Map<string, Promise<unknown>>()
  return function singleFlight<T>(key: string, run: () => Promise<T>): Promise<T> {
    const existing = inFlight.get(key)
    if (existing) return existing as Promise<T>
    const promise = run().finally(() => inFlight.delete(key))
    inFlight.set(key, promise)
    return promise
  }
}
