import { useEffect, useRef } from 'react'

const TYPED = 'input:is([type="text"], [type="password"], [type="email"], :not([type]))'

/**
 * For a screen whose next step is plainly typing (the reset form, signing in after a reset): once it opens, focus
 * goes to the first empty field instead of the heading, so the user types at once. The field's label is what a
 * screen reader reads. Nothing moves when every field is filled in.
 */
export function useFocusFirstEmptyField<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null)
  useEffect(() => {
    // Runs after the heading's own focus (a child's effect runs first), so it wins.
    if (!enabled) return
    const fields = ref.current?.querySelectorAll<HTMLInputElement>(TYPED) ?? []
    Array.from(fields)
      .find((field) => field.value === '' && !field.disabled && !field.readOnly)
      ?.focus()
  }, [enabled])
  return ref
}
