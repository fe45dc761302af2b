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
