import { describe, expect, test } from 'vitest'
import { extractResetLink, MAIL_SEPARATOR, parseMailFile } from '../servers/mail'

/** Two messages in one file, as Django's file backend writes them (docs/server-protocol.md, "E-mails in tests"). */
const FILE = `Content-Type: text/plain; charset="utf-8"
MIME-Version: 1.0
Content-Transfer-Encoding: 8bit
Subject: Password reset on 127.0.0.1:41579
From: webmaster@localhost
To: alice@example.com
Date: Mon, 30 Nov 2026 11:54:39 -0000


You're receiving this email because you requested a password reset for your user account at 127.0.0.1:41579.

Please go to the following page and choose a new password:

http://127.0.0.1:41579/accounts/reset/MQ/diuuf3-c0fe747c9b121126f2a9a0cf34a0d04c/

Your username, in case you’ve forgotten: alice
${MAIL_SEPARATOR}
Content-Type: multipart/alternative;
 boundary="===============6934072192202108510=="
MIME-Version: 1.0
Subject: =?utf-8?q?R=C3=A9initialisation?=
To: bob@example.com

--===============6934072192202108510==
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Please go to the following page and choose a new password:
accountdesk://127.0.0.1:41579/reset/Mg/diuuf3-a0fe747c9b121126f2a9a0cf34a0d04c=
 here
--===============6934072192202108510==
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 7bit

<a href="x">x</a>
--===============6934072192202108510==--
${MAIL_SEPARATOR}
`

describe('the test server’s mail reader', () => {
  test('splits a file on the 79-dash separator and reads each message', () => {
    const mails = parseMailFile(FILE)
    expect(mails).toHaveLength(2)
    expect(mails[0]).toMatchObject({
      to: ['alice@example.com'],
      subject: 'Password reset on 127.0.0.1:41579',
      seq: 0,
    })
    expect(mails[0]?.text).toContain('in case you’ve forgotten: alice')
    expect(mails[1]).toMatchObject({
      to: ['bob@example.com'],
      subject: 'Réinitialisation',
      html: '<a href="x">x</a>\n',
    })
  })

  test('pulls the link out of both kinds of mail', () => {
    const [django, djoser] = parseMailFile(FILE)
    expect(extractResetLink(django!.text)).toEqual({
      url: 'http://127.0.0.1:41579/accounts/reset/MQ/diuuf3-c0fe747c9b121126f2a9a0cf34a0d04c/',
      uid: 'MQ',
      token: 'diuuf3-c0fe747c9b121126f2a9a0cf34a0d04c',
    })
    expect(extractResetLink(djoser!.text)).toMatchObject({
      uid: 'Mg',
      url: 'accountdesk://127.0.0.1:41579/reset/Mg/diuuf3-a0fe747c9b121126f2a9a0cf34a0d04c',
    })
    expect(extractResetLink('no link here http://example.com/reset/')).toBeNull()
  })
})
