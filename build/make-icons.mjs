#!/usr/bin/env node
/**
 * Renders an SVG logo into the PNG icons the installers need, with a headless Chromium (no image library):
 *   build/icon.png            1024×1024, the app icon (electron-builder makes .ico and .icns from it)
 *   build/icons/NxN.png       16 … 512, the Linux icon set (hicolor sizes)
 *
 *   node build/make-icons.mjs [logo.svg] [output folder]
 *
 * Defaults: src/renderer/public/icon.svg and build/. Chromium: $CHROMIUM, else /usr/bin/chromium.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const svg = path.resolve(process.argv[2] ?? 'src/renderer/public/icon.svg')
const outDir = path.resolve(process.argv[3] ?? 'build')
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium'
const SET = [16, 24, 32, 48, 64, 128, 256, 512]

const work = mkdtempSync(path.join(tmpdir(), 'icons-'))
try {
  readFileSync(svg) // fail early, with the path, when the logo is missing
  const render = (size, file) => {
    const page = path.join(work, `icon-${size}.html`)
    writeFileSync(
      page,
      `<!doctype html><style>html,body{margin:0;background:transparent}img{display:block;width:${size}px;height:${size}px}</style>` +
        `<img src="${pathToFileURL(svg).href}">`,
    )
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${path.join(work, 'profile')}`,
        '--default-background-color=00000000',
        `--window-size=${size},${size}`,
        `--screenshot=${file}`,
        pathToFileURL(page).href,
      ],
      { stdio: 'ignore', timeout: 60_000 },
    )
    const png = readFileSync(file)
    const width = png.readUInt32BE(16)
    if (width !== size) throw new Error(`${file}: expected ${size} pixels wide, got ${width}`)
    process.stdout.write(`${path.relative(process.cwd(), file)}  ${size}×${size}\n`)
  }
  mkdirSync(path.join(outDir, 'icons'), { recursive: true })
  render(1024, path.join(outDir, 'icon.png'))
  for (const size of SET) render(size, path.join(outDir, 'icons', `${size}x${size}.png`))
} finally {
  rmSync(work, { recursive: true, force: true })
}
