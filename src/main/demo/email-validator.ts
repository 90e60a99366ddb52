import { isIPv6 } from 'node:net'
import { domainToASCII } from 'node:url'

/**
 * Django's EmailValidator (django/core/validators.py, 3.2.25): the checks behind "Enter a valid email address.".
 * The IDN fallback uses Node's UTS #46 `domainToASCII` where Django uses Python's IDNA 2003 codec; the two agree
 * on ordinary internationalised domains.
 */
// Django's quoted-string local part is defined over control characters.
const USER_REGEX =
  // eslint-disable-next-line no-control-regex
  /^(?:[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*|"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*")$/iu
const DOMAIN_REGEX = /^(?:(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))$/iu
const LITERAL_REGEX = /^\[([A-f0-9:.]+)\]$/iu
const DOMAIN_ALLOWLIST = ['localhost']

/** Python's ipaddress.IPv4Address plus Django's refusal of leading zeros. */
function isIPv4(value: string): boolean {
  const parts = value.split('.')
  return (
    parts.length === 4 &&
    parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255 && (p === '0' || !p.startsWith('0')))
  )
}

function validDomainPart(domain: string): boolean {
  if (DOMAIN_REGEX.test(domain)) return true
  const literal = LITERAL_REGEX.exec(domain)
  if (literal) {
    const ip = literal[1] as string
    return isIPv4(ip) || isIPv6(ip)
  }
  return false
}

export function isValidEmail(value: string): boolean {
  // RFC 3696 section 3 maximum, counted in code points as Python's len() does.
  if (!value || !value.includes('@') || Array.from(value).length > 320) return false
  const at = value.lastIndexOf('@')
  const userPart = value.slice(0, at)
  const domainPart = value.slice(at + 1)
  if (!USER_REGEX.test(userPart)) return false
  if (DOMAIN_ALLOWLIST.includes(domainPart) || validDomainPart(domainPart)) return true
  // eslint-disable-next-line no-control-regex -- "is it ASCII"
  if (/^[\x00-\x7f]*$/.test(domainPart)) return false
  const ascii = domainToASCII(domainPart)
  return ascii !== '' && validDomainPart(ascii)
}
