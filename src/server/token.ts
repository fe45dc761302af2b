// The access token: a random secret in <storage>/token, readable only by this user (0600),
// created on first run and kept across restarts so an open tab keeps working.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { isHex32 } from '../../views/limits.js'


export async function loadOrCreateToken (storage: string): Promise<string> {
  const file = join(storage, 'token')
  try {
    const existing = (await readFile(file, 'utf8')).trim()
    if (isHex32(existing)) {
      await chmod(file, 0o600)
      return existing
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  await mkdir(storage, { recursive: true })
  const token = randomBytes(32).toString('hex')
  await writeFile(file, token + '\n', { mode: 0o600 })
  await chmod(file, 0o600)
  return token
}
