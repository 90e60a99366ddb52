import { MAX_LINK_LENGTH } from '../../src/main/links'

/**
 * The client side of `--open-link`: what it reads and what it posts to the running shell.
 */

/** The link `--open-link -` takes: standard input up to the first line break (a link has none) or its end. */
export async function readLinkFrom(input: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    const newline = text.search(/[\r\n]/)
    if (newline >= 0) return text.slice(0, newline)
    // Past the longest link there is nothing to wait for: the parser refuses it as too long.
    if (text.length > MAX_LINK_LENGTH) break
  }
  return text
}

/**
 * The request body for a link. A link longer than any the app opens is cut just past the limit: the app still
 * refuses it as too long (and says so, like any refusal), and the request stays under the shell's body cap.
 */
export function openLinkBody(link: string): string {
  return JSON.stringify({ url: link.slice(0, MAX_LINK_LENGTH + 1) })
}
