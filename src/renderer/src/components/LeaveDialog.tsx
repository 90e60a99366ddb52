import { useApp } from '../store/provider'
import { Dialog } from './Dialog'

/** The user asked to leave a screen where they typed something: ask before it is lost. */
export function LeaveDialog() {
  const asking = useApp((s) => s.leaving !== null)
  const leave = useApp((s) => s.confirmLeave)
  const stay = useApp((s) => s.stayOnScreen)
  if (!asking) return null
  return (
    <Dialog
      title="Leave this screen?"
      onEscape={stay}
      description={<p>What you typed here is not saved. Leaving now discards it.</p>}
    >
      <button type="button" className="button button--primary" onClick={leave}>
        Leave
      </button>
      {/* Focused first: a stray Enter keeps the user's work. */}
      <button type="button" className="button" onClick={stay} data-safe-choice>
        Stay
      </button>
    </Dialog>
  )
}
