// Our Hyperbee patch (patches/hyperbee+2.27.3.patch): the blocks a batch just appended go to the
// node cache. Each put of a Hyperbee batch appends a block holding the new root and the path to
// its key, and the next batch starts by reading that root and those paths; unpatched, every one
// of them came back from storage (a RocksDB read each: 3 in each apply of a LinkUp message, on
// the latency path of the owner and the member). Both tests fail without the patch.
import { test, expect } from 'vitest'
import Autobase from 'autobase'
import Corestore from 'corestore'
import Hyperbee from 'hyperbee'
import Rache from 'rache'
import { tmpStorage } from './bases.js'
import { waitFor } from '../helpers/wait.js'

type Counted = { get: (...args: unknown[]) => Promise<unknown> }

/** Counts the blocks `core` is asked for (the node cache answers without asking it). */
function countGets (core: unknown): () => number {
  const c = core as Counted
  const get = c.get.bind(c)
  let n = 0
  c.get = async (...args) => { n++; return await get(...args) }
  return () => n
}

function openStore (name: string): Corestore {
  const store = new Corestore(tmpStorage(name), { globalCache: new Rache({ maxSize: 1024 }) })
  return store
}

test('a batch reads what the batch before it wrote without asking the core', async () => {
  const store = openStore('bee')
  const bee = new Hyperbee(store.get({ name: 'view' }), { keyEncoding: 'utf-8', valueEncoding: 'json' })
  try {
    await bee.ready()
    for (let round = 0; round < 5; round++) {
      const batch = bee.batch()
      for (const k of ['clock/a', 'msg/' + round, 'run/' + round]) await batch.put(k, { round })
      await batch.flush()
    }
    const gets = countGets(bee.core)
    const batch = bee.batch()
    for (const k of ['clock/a', 'msg/4', 'run/4']) expect((await batch.get(k))?.value).toEqual({ round: 4 })
    await batch.close()
    expect(gets()).toBe(0) // unpatched: the root and each path, read back from storage
  } finally {
    await bee.close()
    await store.close()
  }
})

test('an Autobase apply reads the view its last apply wrote from the cache', async () => {
  const store = openStore('base')
  const reads: number[] = []
  const base = new Autobase<Hyperbee>(store, null, {
    open: (s) => new Hyperbee(s.get({ name: 'view' }), { keyEncoding: 'utf-8', valueEncoding: 'json', extension: false }),
    apply: async (nodes, view) => {
      const gets = countGets(view.core)
      const batch = view.batch()
      // As LinkUp's apply: the writer's clock and the last message, then the new ones.
      const clock = (await batch.get('clock/w'))?.value as number | undefined
      await batch.peek({ gt: 'msg/', lt: 'msg0', reverse: true })
      reads.push(gets())
      for (const node of nodes) {
        if (node.value === null) continue
        await batch.put('msg/' + String(node.length).padStart(8, '0'), node.value.toString())
        await batch.put('clock/w', (clock ?? 0) + 1)
      }
      await batch.flush()
      ;(view.core as Counted).get = Object.getPrototypeOf(view.core).get
    },
    valueEncoding: 'binary',
    ackInterval: 1000
  })
  try {
    await base.ready()
    for (let i = 0; i < 6; i++) await base.append(Buffer.from('m' + i))
    await waitFor(async () => reads.length >= 6, { message: 'six applies' })
    // The first applies find an empty view or the one Autobase itself reopened: from the third on
    // every block they read is one the apply before wrote.
    expect(reads.slice(2)).toEqual([0, 0, 0, 0])
  } finally {
    await base.close()
    await store.close()
  }
})
