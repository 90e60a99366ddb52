import { describe, expect, it } from 'vitest'
import { moveEntryAfterRoot } from '../../tools/vite/entry-after-root'

const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <title>Account Desk</title>
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="./assets/index-def.css">
    <link rel="modulepreload" crossorigin href="./assets/app-root-ghi.js">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`

describe('the built index.html: the entry after #root', () => {
  it('moves the module entry from <head> to the end of <body>, the stylesheet and preloads staying first', () => {
    const html = moveEntryAfterRoot(BUILT)
    const head = html.slice(0, html.indexOf('</head>'))
    expect(head).not.toContain('<script')
    expect(head).toContain('app-root-ghi.js')
    const body = html.slice(html.indexOf('<body>'))
    expect(body).toMatch(
      /<div id="root"><\/div>\s*<script type="module" crossorigin src="\.\/assets\/index-abc\.js"><\/script>\s*<\/body>/,
    )
    expect(html.match(/<script/g)).toHaveLength(1)
  })

  it('stops the build when there is no module entry in <head> to move', () => {
    expect(() => moveEntryAfterRoot(BUILT.replace(/<script[^>]*><\/script>/, ''))).toThrow(/no module entry/)
  })
})
