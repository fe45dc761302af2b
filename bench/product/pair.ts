// Parent side: the LinkUp room shared by A and B for the latency, catch-up and merge figures.
// A creates it, B joins with an invite; both wait until the other has answered.
import type { Context, SharedRoom } from '../lib/context.js'
import type { Worker } from '../lib/worker.js'
import type { NetOptions } from '../lib/swarm.js'

/** Opens `w`'s client on the bench testnet, or on `net` (e.g. the island, to be apart). */
export async function openClient (w: Worker, ctx: Context, storage: string, net: NetOptions = ctx.net): Promise<{ ms: number, rooms: string[] }> {
  return w.call('sdk.open', { storage, net, name: w.name, joinTimeout: ctx.params.connectMs }, ctx.params.connectMs)
}

/** Waits until `w` has at least `n` answering peers in the room; returns when (monotonic ns). */
export async function peersAt (w: Worker, ctx: Context, room: string, n = 1): Promise<string> {
  const r = await w.call<{ at: string }>('sdk.peers', { room, n, ms: ctx.params.connectMs }, ctx.params.connectMs + 5000)
  return r.at
}

export async function sharedRoom (ctx: Context): Promise<SharedRoom> {
  if (ctx.room !== null) return ctx.room
  const { a, b } = ctx
  const start = Date.now()
  await Promise.all([openClient(a, ctx, ctx.storage.a), openClient(b, ctx, ctx.storage.b)])
  const created = await a.call<{ id: string, invite: string, writer: string }>('sdk.create', { alias: 'bench' })
  const joined = await b.call<{ id: string, writer: string }>('sdk.join', { invite: created.invite }, ctx.params.connectMs + 5000)
  await Promise.all([peersAt(a, ctx, created.id), peersAt(b, ctx, created.id)])
  ctx.log(`SDK peers joined and answered after ${Date.now() - start} ms`)
  ctx.room = { id: created.id, writerA: created.writer, writerB: joined.writer }
  return ctx.room
}

export interface Agreement { at: bigint, digest: string, count: number, rounds: number }

/**
 * Once every worker has all the messages, compares digests of the views' newest `tail` messages
 * until they are equal; the views agreed no later than the end of the first equal round's reads.
 */
export async function agree (workers: Worker[], room: string, tail: number, ms: number): Promise<Agreement> {
  const deadline = Date.now() + ms
  for (let rounds = 1; ; rounds++) {
    const ds = await Promise.all(workers.map((w) => w.call<{ at: string, digest: string, count: number }>('sdk.digest', { room, tail }, ms)))
    if (ds.every((d) => d.digest === ds[0].digest)) {
      const at = ds.map((d) => BigInt(d.at)).reduce((x, y) => (x > y ? x : y))
      return { at, digest: ds[0].digest, count: ds[0].count, rounds }
    }
    if (Date.now() > deadline) throw new Error(`views still differ after ${ms} ms: ${ds.map((d) => d.count).join(' vs ')} messages`)
    await new Promise((resolve) => setTimeout(resolve, 20)) // views differ: check again shortly
  }
}

/** Waits until every worker's view holds every id; resolves with the latest arrival (ns). */
export async function allHave (workers: Worker[], room: string, ids: string[], ms: number): Promise<bigint> {
  const rs = await Promise.all(workers.map((w) => w.call<{ at: string }>('sdk.waitIds', { room, ids, ms }, ms + 5000)))
  return rs.map((r) => BigInt(r.at)).reduce((x, y) => (x > y ? x : y))
}

/** Registers on each worker an expectation of `count` messages tagged `tag` (before sending). */
export async function expect (workers: Worker[], room: string, tag: string, count: number): Promise<void> {
  await Promise.all(workers.map((w) => w.call('sdk.expect', { room, tag, count })))
}

/** Waits until each worker has emitted all the expected messages; resolves with the latest (ns). */
export async function expected (workers: Worker[], room: string, tag: string, ms: number): Promise<bigint> {
  const rs = await Promise.all(workers.map((w) => w.call<{ at: string }>('sdk.expected', { room, tag, ms }, ms + 5000)))
  return rs.map((r) => BigInt(r.at)).reduce((x, y) => (x > y ? x : y))
}
