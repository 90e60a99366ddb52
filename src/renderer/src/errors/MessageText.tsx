import { useTranslation } from 'react-i18next'
import type { AppMessage } from '../../../shared/messages'
import { ShownMessage } from './shown-text'
import { wordMessage } from './words'

/** A code from main (or a notice of the renderer's) in the user's language; the server's own words when given. */
export function MessageText({
  message,
  serverMessage,
}: {
  message: AppMessage
  serverMessage?: string | undefined
}) {
  const { t } = useTranslation('errors')
  return <ShownMessage message={serverMessage ? { server: serverMessage } : wordMessage(t, message)} />
}
