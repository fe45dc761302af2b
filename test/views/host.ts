// A recording stand-in for Autobase's host calls, so the pure projection can be driven
// block by block. (Integration tests run the real Autobase.)
import fs from 'fs'
import os from 'os'
import path from 'path'
import Corestore from 'corestore'
import type Autobase from 'autobase'
import type Hyperbee from 'hyperbee'
import { onTestFinished } from 'vitest'
import { open, apply, type RoomViews } from '../../views/apply.js'

export class RecordingHost implements Autobase.Host {
  readonly key: Buffer
  readonly writers = new Set<string>()
  interrupted: unknown = null
  constructor (owner: Buffer) {
    this.key = owner
    this.writers.add(owner.toString('hex'))
  }

  async addWriter (key: Buffer): Promise<void> { this.writers.add(key.toString('hex')) }
  async removeWriter (key: Buffer): Promise<void> {
    if (!this.writers.delete(key.toString('hex'))) throw new Error('not a writer')
  }

  async ackWriter (): Promise<void> {}
  removeable (key: Buffer): boolean { return this.writers.has(key.toString('hex')) && !key.equals(this.key) }
  interrupt (reason?: unknown): void { this.interrupted = reason ?? true }
}

export interface Harness {
  views: RoomViews
  /** The main view. */
  view: Hyperbee
  host: RecordingHost
  /** Applies one block from `from` (a 32-byte key); seq counts per writer. */
  append: (from: Buffer, value: Buffer | unknown, opts?: { optimistic?: boolean }) => Promise<void>
  /** A key's value, from the ids view for mid/ keys, else from the main view. */
  get: (key: string) => Promise<unknown>
  /** Both views, key=JSON lines, main then ids. */
  dump: () => Promise<string[]>
}

export async function createHarness (owner: Buffer): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-view-'))
  const store = new Corestore(dir)
  const views = open(store)
  const view = views.main
  await Promise.all([views.main.ready(), views.ids.ready()])
  onTestFinished(async () => {
    await views.main.close()
    await views.ids.close()
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  const host = new RecordingHost(owner)
  const lengths = new Map<string, number>()
  return {
    views,
    view,
    host,
    async append (from, value, opts = {}) {
      const hex = from.toString('hex')
      const length = (lengths.get(hex) ?? 0) + 1
      lengths.set(hex, length)
      const block = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))
      await apply([{ value: block, from: { key: from }, length, optimistic: opts.optimistic ?? false, indexed: false }], views, host)
    },
    async get (key) {
      return (await (key.startsWith('mid/') ? views.ids : view).get(key))?.value ?? null
    },
    async dump () {
      const out: string[] = []
      for (const bee of [views.main, views.ids]) {
        for await (const { key, value } of bee.createReadStream()) out.push(key + '=' + JSON.stringify(value))
      }
      return out
    }
  }
}
