// A recording stand-in for Autobase's host calls, so the pure projection can be driven
// block by block. (Integration tests run the real Autobase.)
import fs from 'fs'
import os from 'os'
import path from 'path'
import Corestore from 'corestore'
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { onTestFinished } from 'vitest'
import { open, apply } from '../../views/apply.js'

export class RecordingHost implements Autobase.Host {
  readonly key: Buffer
  readonly writers = new Set<string>()
  /** Writers added (or moved) with indexer: true, and the creator. */
  readonly indexers = new Set<string>()
  interrupted: unknown = null
  constructor (owner: Buffer) {
    this.key = owner
    this.writers.add(owner.toString('hex'))
    this.indexers.add(owner.toString('hex'))
  }

  // As Autobase, addWriter defaults to an indexer, and on a writer it moves it in or out of the set.
  async addWriter (key: Buffer, opts: { indexer?: boolean } = {}): Promise<void> {
    const hex = key.toString('hex')
    this.writers.add(hex)
    if (opts.indexer === false) this.indexers.delete(hex)
    else this.indexers.add(hex)
  }

  async removeWriter (key: Buffer): Promise<void> {
    const hex = key.toString('hex')
    if (!this.writers.delete(hex)) throw new Error('not a writer')
    this.indexers.delete(hex)
  }

  async ackWriter (): Promise<void> {}
  // As Autobase: any writer but the last indexer.
  removeable (key: Buffer): boolean {
    const hex = key.toString('hex')
    return this.writers.has(hex) && !(this.indexers.size === 1 && this.indexers.has(hex))
  }
  interrupt (reason?: unknown): void { this.interrupted = reason ?? true }
}

export interface Harness {
  view: Hyperbee
  host: RecordingHost
  /** Applies one block from `from` (a 32-byte key); seq counts per writer. */
  append: (from: Buffer, value: Buffer | unknown, opts?: { optimistic?: boolean }) => Promise<void>
  /** Applies one writer batch (one base.append of an array) in one apply call, as Autobase does. */
  appendBatch: (from: Buffer, values: Array<Buffer | unknown>) => Promise<void>
  /**
   * Applies blocks at the seqs given, in one apply call, whatever was applied before: what
   * Autobase does after truncating the view to re-apply history in a new order (a reorder).
   * It does not move the per-writer count that `append` keeps.
   */
  applyAt: (blocks: Array<{ from: Buffer, seq: number, value: Buffer | unknown, optimistic?: boolean }>) => Promise<void>
  get: (key: string) => Promise<unknown>
}

export async function createHarness (owner: Buffer): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-view-'))
  const store = new Corestore(dir)
  const view = open(store)
  await view.ready()
  onTestFinished(async () => {
    await view.close()
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const host = new RecordingHost(owner)
  const lengths = new Map<string, number>()
  const nodeAt = (from: Buffer, seq: number, value: Buffer | unknown, optimistic: boolean): Autobase.Node => {
    const block = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))
    return { value: block, from: { key: from }, length: seq + 1, optimistic, indexed: false }
  }
  const node = (from: Buffer, value: Buffer | unknown, optimistic: boolean): Autobase.Node => {
    const hex = from.toString('hex')
    const length = (lengths.get(hex) ?? 0) + 1
    lengths.set(hex, length)
    return nodeAt(from, length - 1, value, optimistic)
  }
  return {
    view,
    host,
    async append (from, value, opts = {}) {
      await apply([node(from, value, opts.optimistic ?? false)], view, host)
    },
    async appendBatch (from, values) {
      await apply(values.map((value) => node(from, value, false)), view, host)
    },
    async applyAt (blocks) {
      await apply(blocks.map((b) => nodeAt(b.from, b.seq, b.value, b.optimistic ?? false)), view, host)
    },
    async get (key) {
      return (await view.get(key))?.value ?? null
    }
  }
}
