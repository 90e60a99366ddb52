import { useEffect, type RefObject } from 'react'

/** After each new set of errors (`trigger` changes), moves focus to the first invalid field in the form. */
export function useFocusFirstInvalid(form: RefObject<HTMLElement | null>, trigger: unknown): void {
  useEffect(() => {
    if (!trigger) return
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [form, trigger])
}
