// Bytes a directory holds on disk (sum of file sizes, recursively).
import fs from 'node:fs'
import path from 'node:path'

export function dirBytes (dir: string): number {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) total += dirBytes(p)
    else if (entry.isFile()) total += fs.statSync(p).size
  }
  return total
}
