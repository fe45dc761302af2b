// Temporary storage directories for bench peers, removed at exit by the one who made them.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const made: string[] = []

export function tmpDir (name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linkup-bench-${name}-`))
  made.push(dir)
  return dir
}

export function removeTmpDirs (): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}
