// What the storage layers throw, in words a person can act on (docs/architecture.md §11.5).
// RocksDB, device-file and fd-lock throw plain Errors whose message (or cause) is all there is
// to go by: each pattern below was seen on this stack's versions (test/reliability/startup.test.ts
// damages storage in each of these ways and checks the line).
import path from 'path'
import { errors, LinkUpError } from './errors.js'

/** The chain of an error and its causes (RocksDB puts the real reason in `cause`). */
function chain (err: unknown): Array<{ message: string, code: unknown }> {
  const out: Array<{ message: string, code: unknown }> = []
  let e: unknown = err
  for (let i = 0; i < 5 && e instanceof Error; i++) {
    out.push({ message: e.message, code: (e as { code?: unknown }).code })
    e = (e as { cause?: unknown }).cause
  }
  return out
}

/** Whether the disk was full somewhere down the error's chain. */
export function isNoSpace (err: unknown): boolean {
  return chain(err).some(e => e.code === 'ENOSPC' || /no space left on device/i.test(e.message))
}

/**
 * A LinkUpError naming what is wrong with the storage in `storage` and what to do, or null
 * when the error is not a storage failure: for a client that could not start. `free` and
 * `reserve` word a full disk.
 */
export function storageFailure (err: unknown, storage: string, disk: { free: number, reserve: number }): LinkUpError | null {
  if (err instanceof LinkUpError) return err
  const links = chain(err)
  const corestore = path.join(storage, 'corestore')
  if (isNoSpace(err)) return errors.diskFullAtStart(storage, disk.free, disk.reserve)
  if (links.some(e => /file descriptor could not be locked/i.test(e.message))) return errors.storageInUse(storage)
  if (links.some(e => e.code === 'DEVICE_FILE')) return errors.storageCopied(path.join(corestore, 'CORESTORE'))
  const damaged = links.find(e => e.code === 'EIO' || /corruption|checksum mismatch|magic number|truncated|bad (table|block)/i.test(e.message))
  if (damaged !== undefined) {
    const file = /(\/\S+?\.(?:sst|blob|log))\b/.exec(damaged.message)?.[1]
    const where = file !== undefined ? file : path.join(corestore, 'db')
    return errors.storageDamaged(where, firstClause(damaged.message, file), storage)
  }
  return null
}

// "block checksum mismatch: stored = 1, computed = 2, type = 4  in /x/000009.sst offset 1 size 2"
// becomes "block checksum mismatch": the file is named separately, the numbers help nobody.
function firstClause (message: string, file: string | undefined): string {
  const text = (file === undefined ? message : message.slice(0, message.indexOf(file))).replace(/\s+in\s*$/, '')
  const kept: string[] = []
  for (const part of text.split(': ')) {
    if (part.includes('=')) break
    kept.push(part.trim())
  }
  const clause = kept.join(': ').replace(/^Corruption: /, '')
  return clause.length > 0 ? clause : message
}
