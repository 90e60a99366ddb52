import type { AppMessage } from '../../../shared/messages'
import { MessageText } from '../errors/MessageText'

/** On a done screen: what the change or reset did to the account's other sessions, when main could tell. */
export function OtherSessionsNote({ message }: { message: AppMessage | null }) {
  if (!message) return null
  return (
    <p>
      <MessageText message={message} />
    </p>
  )
}
