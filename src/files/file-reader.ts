// Finding a file's bytes: in this user's drive, or in a peer's, fetched from whichever peer
// online holds them. Every step that may wait on the network has a deadline, because a
// missing block otherwise waits forever; running out of time is FILE_UNAVAILABLE.
import type Hyperdrive from 'hyperdrive'
import { LinkUpError } from '../errors.js'
import type { FileRef } from '../../views/schema.js'
import type { DriveStore } from './drive-store.js'

export const DEFAULT_READ_TIMEOUT_MS = 15_000

export interface BlobId { byteOffset: number, blockOffset: number, blockLength: number, byteLength: number }

export interface Located {
  drive: Hyperdrive
  blob: BlobId | null
  size: number
  /** The drive version read: the one the message recorded unless another was asked for. */
  version: number | null
}

export function unavailable (): LinkUpError {
  return new LinkUpError('FILE_UNAVAILABLE', 'No peer holding this file is online: try again when its sender (or someone who opened it) is online')
}

function isTimeout (err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === 'REQUEST_TIMEOUT' || code === 'FILE_UNAVAILABLE'
}

/** Maps the stack's timeouts to FILE_UNAVAILABLE; other errors pass through. */
export function readError (err: unknown): unknown {
  return isTimeout(err) ? unavailable() : err
}

/** Resolves like `p`, or rejects with FILE_UNAVAILABLE once `ms` have passed. */
export async function within<T> (p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(unavailable()), Math.max(0, ms)) })
  p.catch(() => {}) // the loser of the race must not become an unhandled rejection
  try {
    return await Promise.race([p, late])
  } catch (err) {
    throw readError(err)
  } finally {
    clearTimeout(timer)
  }
}

/** Finds the entry of `ref` (at its recorded version, or `opts.version`) within the deadline. */
export async function locate (store: DriveStore, ref: FileRef, opts: { timeout?: number, version?: number } = {}): Promise<Located> {
  const deadline = Date.now() + (opts.timeout ?? DEFAULT_READ_TIMEOUT_MS)
  const left = (): number => deadline - Date.now()
  const drive = await within(store.drive(ref.drive), left())
  const version = opts.version ?? ref.version ?? null
  // A peer's drive: learn its latest length first, unless this device already has that version.
  if (drive !== store.own && (version === null || drive.core.length < version)) {
    await within(drive.update({ wait: true }), left())
  }
  if (version !== null && version > drive.version) {
    // Our own drive never had it; a peer's is not offered at that length by anyone online.
    if (drive === store.own) throw new LinkUpError('NOT_FOUND', 'That version of the file does not exist')
    throw unavailable()
  }
  const view = version === null ? drive : drive.checkout(version)
  try {
    const entry = await within(view.entry(ref.path, { timeout: Math.max(1, left()) }), left())
    if (entry === null) throw new LinkUpError('NOT_FOUND', 'The file is not in its drive at that version')
    const blob = entry.value.blob
    return { drive, blob, size: blob?.byteLength ?? 0, version }
  } finally {
    if (view !== drive) await view.close().catch(() => {})
  }
}
