import { Trans, useTranslation } from 'react-i18next'
import type { LinkHandle } from '../../../shared/contract'
import { DATA } from '../i18n/markup'

/**
 * A sentence about a link that arrived, naming it: "A password reset link for <server> (account <name>) …". Two
 * catalog keys, one with the account and one without; both get `server` and `account`, and `values` besides.
 */
export function LinkFor({
  link,
  sentence,
  values = {},
}: {
  link: LinkHandle
  sentence: { plain: string; withAccount: string }
  values?: Record<string, string>
}) {
  const { t } = useTranslation()
  return (
    <Trans
      t={t}
      i18nKey={link.accountHint ? sentence.withAccount : sentence.plain}
      values={{ ...values, server: link.serverName, account: link.accountHint }}
      components={DATA}
    />
  )
}
