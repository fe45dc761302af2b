// A small file system of its own for a test (tmpfs), to fill up: a full disk as a person has
// one. Mounting needs root (CI runs as root); elsewhere the tests that need it are skipped and
// say why (tmpfsUnavailable).
import fs from 'fs'
import os from 'os'
import path from 'path'
import { execFileSync } from 'child_process'
import { onTestFinished } from 'vitest'

/** Why a tmpfs cannot be mounted here, or null when it can (probed once, by mounting one). */
export const tmpfsUnavailable: string | null = probe()

function probe (): string | null {
  if (process.platform !== 'linux') return `tmpfs needs Linux (this is ${process.platform})`
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root (CI runs as root)'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-tmpfs-probe-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' })
    execFileSync('umount', [dir], { stdio: 'pipe' })
    return null
  } catch (err) {
    return `mount -t tmpfs failed: ${(err as Error).message.split('\n')[0] ?? ''}`
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export interface SmallDisk {
  dir: string
  /** Free bytes now. */
  free: () => number
  /** Writes a filler file until only `leave` bytes are free (0: until the disk refuses more). */
  fill: (leave?: number) => void
  /** Deletes the filler. */
  unfill: () => void
}

/** A tmpfs of `mib` MiB, unmounted after the test (after everything registered before it). */
export function smallDisk (mib: number): SmallDisk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-small-disk-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m`, 'tmpfs', dir])
  onTestFinished(() => {
    execFileSync('umount', ['-l', dir])
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const filler = path.join(dir, 'filler')
  const free = (): number => {
    const st = fs.statfsSync(dir)
    return st.bavail * st.bsize
  }
  const fill = (leave = 0): void => {
    const fd = fs.openSync(filler, 'a')
    const chunk = Buffer.alloc(1 << 20, 0x5a)
    try {
      for (let left = free() - leave; left > 0; left = free() - leave) {
        fs.writeSync(fd, chunk, 0, Math.min(chunk.length, left))
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
    } finally {
      fs.closeSync(fd)
    }
  }
  return { dir, free, fill, unfill: () => fs.rmSync(filler, { force: true }) }
}
