// Worker side of the search figure (bench/figures/search.ts): a room of chat-like messages, and
// a fresh Client that indexes it and answers queries.
import fs from 'node:fs'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import { Client } from '../../src/index.js'
import type { MessageSearch } from '../../src/search/message-search.js'
import { need, room, useClient } from './peer.js'
import { rssMiB } from '../lib/memory.js'
import { rng, sentence, vocabulary } from '../lib/words.js'
import type { NetOptions } from '../lib/swarm.js'

function finder (c: Client): MessageSearch {
  return (c as unknown as { finder: MessageSearch }).finder
}

// A full collection before each heap reading, so it counts what the index keeps, not the
// garbage of reading 100,000 records (the worker is not started with --expose-gc).
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

const heap = (): number => { gc(); return process.memoryUsage().heapUsed / 2 ** 20 }

const time = async (fn: () => unknown): Promise<number> => {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

interface Memory { rssBeforeMiB: number, rssAfterMiB: number, heapBeforeMiB: number, heapAfterMiB: number }

/**
 * A fresh Client on the storage, its first room's newest page read, then its index made ready
 * (built from the view, or loaded from its file and caught up): how long that took (ms), and
 * the memory before and after it.
 */
async function openIndexed (args: { storage: string, net: NetOptions }): Promise<{ c: Client, ms: number } & Memory> {
  const c = new Client({ storage: args.storage, bootstrap: args.net.bootstrap, dhtHost: args.net.host })
  useClient(c)
  await c.ready()
  await need().rooms[0]?.messages({ limit: 50 })
  const rssBeforeMiB = rssMiB()
  const heapBeforeMiB = heap()
  const ms = await time(() => c.searchReady())
  const rssAfterMiB = rssMiB()
  const heapAfterMiB = heap()
  return { c, ms, rssBeforeMiB, rssAfterMiB, heapBeforeMiB, heapAfterMiB }
}

export const searchHandlers = {
  /** Sends `count` chat-like messages (bench/lib/words.ts), `window` at a time. */
  async 'sdk.sendWords' (args: { room: string, count: number, window: number, seed: number }): Promise<{ ms: number }> {
    const r = room(args.room)
    const vocab = vocabulary()
    const random = rng(args.seed)
    const texts = Array.from({ length: args.count }, () => sentence(random, vocab))
    let next = 0
    const start = Date.now()
    const lane = async (): Promise<void> => {
      while (next < args.count) await r.send(texts[next++] as string)
    }
    await Promise.all(Array.from({ length: Math.max(1, args.window) }, lane))
    return { ms: Date.now() - start }
  },

  /**
   * Opens the room's storage in a fresh Client without an index file (the writer's is removed),
   * builds the index from the view (timed), then runs each query through client.search (limit
   * 20) and, as the floor, through the index alone; then writes the index file (timed) and closes.
   */
  async 'sdk.searchBench' (args: { storage: string, net: NetOptions, queries: string[] }): Promise<{
    buildMs: number, docs: number, rssBeforeMiB: number, rssAfterMiB: number, heapBeforeMiB: number, heapAfterMiB: number, indexBytes: number,
    writeMs: number, serialiseMs: number, search: number[], floor: number[], hits: number[]
  }> {
    const file = path.join(args.storage, 'search-index.json')
    fs.rmSync(file, { force: true })
    const { c, ms: buildMs, ...memory } = await openIndexed(args)
    const index = finder(c).index
    const search: number[] = []
    const floor: number[] = []
    const hits: number[] = []
    for (const q of args.queries) { await c.search(q, { limit: 20 }); index.search(q) } // warm
    // alternate product and floor, query by query, so load hits both alike
    for (const q of args.queries) {
      let n = 0
      search.push(await time(async () => { n = (await c.search(q, { limit: 20 })).length }))
      floor.push(await time(() => index.search(q)))
      hits.push(n)
    }
    // the longest stretch of a write that holds the event loop: taking the snapshot (MiniSearch's
    // toJSON and the tables); the text is then made in slices with yields between
    const serialiseMs = await time(() => { const { mini, ...tables } = index.save(); JSON.stringify({ ...tables, mini: { ...mini, index: [] } }) })
    index.onChange() // written whole whether or not the 30 s write came during the queries
    const writeMs = await time(() => finder(c).flush())
    const indexBytes = fs.statSync(file).size
    const docs = index.size
    await c.close()
    return { buildMs, docs, ...memory, indexBytes, writeMs, serialiseMs, search, floor, hits }
  },

  /**
   * A restart: a fresh Client on the storage the last one closed, its index loaded from
   * search-index.json and caught up (timed); how many messages it read from the view to do so,
   * and each query's number of results (to compare with the build's).
   */
  async 'sdk.searchLoad' (args: { storage: string, net: NetOptions, queries: string[] }): Promise<{
    loadMs: number, docs: number, read: number, rssBeforeMiB: number, rssAfterMiB: number, heapBeforeMiB: number, heapAfterMiB: number, hits: number[]
  }> {
    const { c, ms: loadMs, ...memory } = await openIndexed(args)
    const hits: number[] = []
    for (const q of args.queries) hits.push((await c.search(q, { limit: 20 })).length)
    return { loadMs, docs: finder(c).index.size, read: finder(c).read, ...memory, hits }
  }
}
