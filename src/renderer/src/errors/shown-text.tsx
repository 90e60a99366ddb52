/**
 * A message on screen: the app's own words (already in the user's language), or a server's text, shown as the
 * server sent it inside an element marked `data-server-text` (so the pseudo-locale check knows it is not ours).
 */
export type ShownText = string | { readonly server: string }

export const serverText = (text: string): ShownText => ({ server: text })

/** The text itself, for keys and comparisons. */
export const textOf = (message: ShownText): string => (typeof message === 'string' ? message : message.server)

export function ShownMessage({ message }: { message: ShownText }) {
  return typeof message === 'string' ? <>{message}</> : <span data-server-text="">{message.server}</span>
}
