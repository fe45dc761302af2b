// Writing a small state file so a crash leaves the old one or the new one, never half of either.

import fs from 'fs/promises'

/** Writes `text` to `tmp` and syncs it to disk: the first half of an atomic replace. */
export async function writeSynced (tmp: string, text: string): Promise<void> {
  const handle = await fs.open(tmp, 'w', 0o600)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Replaces `file` with `text` atomically: a synced temporary file renamed over it. */
export async function replaceFile (file: string, text: string): Promise<void> {
  const tmp = file + '.tmp'
  await writeSynced(tmp, text)
  await fs.rename(tmp, file)
}

/** A file's text, or null when there is no such file; any other error is thrown. */
export async function readIfPresent (file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf-8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/** Writes run one after another in the order asked; a failed write does not stop the next. */
export class WriteQueue {
  private last: Promise<void> = Promise.resolve()

  run (write: () => Promise<void>): Promise<void> {
    const next = this.last.catch(() => {}).then(write)
    this.last = next
    return next
  }

  /** The last write asked for: rejects if it failed. */
  get current (): Promise<void> { return this.last }

  /** Resolves once every write asked so far has ended, failed or not. */
  settled (): Promise<void> { return this.last.catch(() => {}) }
}
