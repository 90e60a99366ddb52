import path from 'node:path'
import * as electron from 'electron'
import { startShell } from './shell/start'

// The thin Electron shell: everything it does is in ./shell/start.ts, tested with a fake `electron`.
startShell(electron, process, { outDir: path.join(__dirname, '..') })
