import type { LinkHandle } from '../../../shared/contract'

/** "A password reset link for <server> (account <name>)": how a screen names a link that arrived. */
export function LinkFor({ link }: { link: LinkHandle }) {
  return (
    <>
      A password reset link for <strong>{link.serverName}</strong>
      {link.accountHint ? (
        <>
          {' '}
          (account <strong>{link.accountHint}</strong>)
        </>
      ) : null}
    </>
  )
}
