import { useApp } from '../store/provider'
import { Dialog } from './Dialog'
import { LinkFor } from './LinkFor'

/** A reset link arrived while the user was typing: ask before their input is replaced. */
export function IncomingLinkDialog() {
  const link = useApp((s) => s.incomingLink)
  const accept = useApp((s) => s.acceptIncomingLink)
  const keep = useApp((s) => s.keepTyping)
  if (!link) return null
  return (
    <Dialog
      title="A reset link arrived"
      onEscape={keep}
      description={
        <p>
          <LinkFor link={link} /> has just been opened. Opening it now replaces what you have typed on this
          screen.
        </p>
      }
    >
      <button type="button" className="button button--primary" onClick={accept}>
        Open the link
      </button>
      {/* Focused first: anyone who can make the OS open a link can make this dialog appear mid-typing. */}
      <button type="button" className="button" onClick={keep} data-safe-choice>
        Keep typing
      </button>
    </Dialog>
  )
}
