import { useEffect, useRef, type ReactNode } from 'react'

/** The step's heading. It takes focus when the step opens, so a screen reader starts reading there. */
export function StepHeading({ children, autoFocus = true }: { children: ReactNode; autoFocus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (autoFocus) ref.current?.focus()
  }, [autoFocus])
  return (
    <h1 ref={ref} tabIndex={-1} className="step-heading">
      {children}
    </h1>
  )
}
