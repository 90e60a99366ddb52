import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])'

/** The button a dialog focuses when it opens: the choice that changes nothing (mark it with `data-safe-choice`). */
const SAFE_CHOICE = '[data-safe-choice]'

/**
 * A dialog can appear while a key is down (a link arrives as the user types): that keystroke was meant for the
 * page, so neither its repeats, nor its keypress, nor its release may act on the dialog (Enter and Space activate
 * a button on keypress and keyup). Only keys pressed after the dialog appeared act. Returns the function that
 * stops watching.
 */
function ignoreKeysPressedBefore(doc: Document): () => void {
  const pressedSince = new Set<string>()
  const swallow = (event: globalThis.KeyboardEvent) => {
    event.preventDefault()
    event.stopImmediatePropagation()
  }
  const onKeyDown = (event: globalThis.KeyboardEvent) => {
    if (event.repeat && !pressedSince.has(event.code || event.key)) swallow(event)
    else pressedSince.add(event.code || event.key)
  }
  const onKeyPress = (event: globalThis.KeyboardEvent) => {
    if (!pressedSince.has(event.code || event.key)) swallow(event)
  }
  const onKeyUp = (event: globalThis.KeyboardEvent) => {
    if (!pressedSince.delete(event.code || event.key)) swallow(event)
  }
  doc.addEventListener('keydown', onKeyDown, true)
  doc.addEventListener('keypress', onKeyPress, true)
  doc.addEventListener('keyup', onKeyUp, true)
  return () => {
    doc.removeEventListener('keydown', onKeyDown, true)
    doc.removeEventListener('keypress', onKeyPress, true)
    doc.removeEventListener('keyup', onKeyUp, true)
  }
}

/**
 * A modal dialog: labelled by its title, described by its text, focus moved in (to the safe choice, else the
 * first button) and kept in (Tab wraps), a keystroke that began before it appeared ignored, Escape answers
 * `onEscape`, and focus returns where it was when it closes; when that element is gone (the menu of an account
 * just removed) it goes to `fallbackFocus()`, else to the screen's heading. The page behind it is made inert by
 * App.
 */
export function Dialog({
  title,
  description,
  children,
  onEscape,
  fallbackFocus,
}: {
  title: string
  description: ReactNode
  children: ReactNode
  onEscape: () => void
  fallbackFocus?: () => HTMLElement | null
}) {
  const id = useId()
  const ref = useRef<HTMLDivElement>(null)
  const fallback = useRef(fallbackFocus)
  useEffect(() => {
    fallback.current = fallbackFocus
  })
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const dialog = ref.current
    ;(
      dialog?.querySelector<HTMLElement>(SAFE_CHOICE) ?? dialog?.querySelector<HTMLElement>(FOCUSABLE)
    )?.focus()
    const stopKeysPressedBefore = ignoreKeysPressedBefore(document)
    return () => {
      stopKeysPressedBefore()
      if (previous && previous.isConnected) previous.focus()
      // After the screen's own effects (a new screen focuses its heading when it mounts).
      else
        queueMicrotask(() =>
          (fallback.current?.() ?? document.querySelector<HTMLElement>('main h1'))?.focus(),
        )
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onEscape()
      return
    }
    if (event.key !== 'Tab' || !ref.current) return
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE))
    const first = items[0]
    const last = items[items.length - 1]
    if (!first || !last) return
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        className="dialog"
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        <div id={`${id}-text`} className="dialog-text">
          {description}
        </div>
        <div className="dialog-actions">{children}</div>
      </div>
    </div>
  )
}
