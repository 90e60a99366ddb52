import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** A fresh data folder whose settings name one djoser server, Corp at accounts.example.com (the links' host). */
export async function corpDataDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  await writeFile(
    path.join(dir, 'settings.json'),
    JSON.stringify({
      version: 1,
      servers: [{ id: 'corp', displayName: 'Corp', baseUrl: 'https://accounts.example.com', kind: 'djoser' }],
    }),
  )
  return dir
}
