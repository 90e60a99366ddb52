import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'

export interface MenuItem {
  label: string
  onSelect: () => void
  /** A destructive choice: shown in the error colour, after a separator. */
  danger?: boolean
  disabled?: boolean
}

/**
 * A menu button (the ARIA menu button pattern): Enter, Space or ↓ open the menu on its first item, ↑ on its
 * last; ↑ ↓ Home End move, a letter jumps to the next item starting with it; Escape closes it and Tab leaves
 * it, focus back on the button; a click elsewhere closes it. Choosing an item closes the menu and puts focus
 * back on the button before the item acts, so a dialog the item opens returns focus there.
 */
export function MenuButton({
  label,
  name,
  items,
  busy = false,
  buttonData,
}: {
  /** The visible text on the button. */
  label: string
  /** The button's accessible name; starts with the visible text (WCAG "label in name"). */
  name: string
  items: readonly MenuItem[]
  busy?: boolean
  /** A data attribute for the button, for whoever needs to find it again (focus after a removal). */
  buttonData?: { key: string; value: string }
}) {
  const id = useId()
  const [open, setOpen] = useState<false | 'first' | 'last'>(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLUListElement>(null)

  const menuItems = () =>
    Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])
  const close = (focusButton: boolean) => {
    setOpen(false)
    if (focusButton) buttonRef.current?.focus()
  }

  useEffect(() => {
    if (!open) return
    const all = menuItems()
    ;(open === 'last' ? all[all.length - 1] : all[0])?.focus()
    menuRef.current?.scrollIntoView?.({ block: 'nearest' })
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target instanceof Node ? event.target : null
      if (target && (menuRef.current?.contains(target) || buttonRef.current?.contains(target))) return
      setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(event.key === 'ArrowUp' ? 'last' : 'first')
    }
  }

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const all = menuItems()
    const at = all.indexOf(document.activeElement as HTMLElement)
    const move = (index: number) => {
      event.preventDefault()
      all[(index + all.length) % all.length]?.focus()
    }
    switch (event.key) {
      case 'ArrowDown':
        return move(at + 1)
      case 'ArrowUp':
        return move(at - 1)
      case 'Home':
        return move(0)
      case 'End':
        return move(all.length - 1)
      case 'Escape':
        event.preventDefault()
        return close(true)
      case 'Tab':
        return close(true)
      default: {
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return
        const letter = event.key.toLowerCase()
        const order = [...all.slice(at + 1), ...all.slice(0, at + 1)]
        const next = order.find((item) => item.textContent?.trim().toLowerCase().startsWith(letter))
        if (next) {
          event.preventDefault()
          next.focus()
        }
      }
    }
  }

  const choose = (item: MenuItem) => {
    if (item.disabled) return
    close(true)
    item.onSelect()
  }

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        id={`${id}-button`}
        className="button menu-button"
        aria-label={name}
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-busy={busy || undefined}
        {...(buttonData ? { [`data-${buttonData.key}`]: buttonData.value } : {})}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKeyDown}
      >
        {label}
        <span className="menu-button-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <ul
          ref={menuRef}
          id={`${id}-menu`}
          role="menu"
          aria-labelledby={`${id}-button`}
          className="menu"
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item, index) => (
            <MenuEntry
              key={item.label}
              item={item}
              separated={item.danger === true && index > 0}
              onChoose={() => choose(item)}
            />
          ))}
        </ul>
      ) : null}
    </div>
  )
}

function MenuEntry({
  item,
  separated,
  onChoose,
}: {
  item: MenuItem
  separated: boolean
  onChoose: () => void
}) {
  return (
    <>
      {separated ? <li role="separator" className="menu-separator" /> : null}
      <li role="none">
        <button
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={`menu-item${item.danger ? ' menu-item--danger' : ''}`}
          aria-disabled={item.disabled || undefined}
          onClick={onChoose}
        >
          {item.label}
        </button>
      </li>
    </>
  )
}
