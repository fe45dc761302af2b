// Sustained send rate: messages/s from the first send until every view holds them all and the
// views agree. One writer (awaiting each send, with 64 and with 256 sends in flight: a chat
// client, a busy bot or an import) and five writers at
// once, each in its own process. Floors: Hyperbee puts/s and Hypercore appends/s, one awaited
// write at a time, in a fresh process (worker A).
import type { Context, Figure } from '../lib/context.js'
import { row, type Row } from '../lib/table.js'
import { Worker } from '../lib/worker.js'
import { tmpDir } from '../lib/tmp.js'
import { MESSAGE_BYTES } from '../lib/params.js'
import type { LocalResult } from '../floors/local.js'
import { sharedRoom, openClient, peersAt, allHave, agree, expect, expected } from '../product/pair.js'
import { rate } from '../lib/stats.js'

interface Sent { start: string, end: string, cpuMs: number }

async function floors (ctx: Context): Promise<{ puts: LocalResult, appends: LocalResult, batchedPuts: LocalResult }> {
  const args = { count: ctx.params.localOps, size: MESSAGE_BYTES }
  const appends = await ctx.a.call<LocalResult>('local.appends', { ...args, storage: tmpDir('appends') }, ctx.params.figureMs)
  const puts = await ctx.a.call<LocalResult>('local.puts', { ...args, storage: tmpDir('puts') }, ctx.params.figureMs)
  const batchedPuts = await ctx.a.call<LocalResult>('local.puts', { ...args, batch: 64, storage: tmpDir('batched-puts') }, ctx.params.figureMs)
  return { puts, appends, batchedPuts }
}

/** Every writer sends its share at once; rate = all messages / (first send → views agree). */
async function burst (ctx: Context, writers: Worker[], readers: Worker[], room: string, perWriter: number, window: number, tag: string): Promise<{ perSecond: number, ms: number, sendMs: number }> {
  const total = perWriter * writers.length
  await expect(readers, room, tag, total)
  const sent = await Promise.all(writers.map((w, k) => w.call<Sent>('sdk.sendMany', { room, tag: `${tag}${k}`, count: perWriter, window }, ctx.params.figureMs)))
  await expected(readers, room, tag, ctx.params.figureMs)
  const agreed = await agree(readers, room, total + 100, ctx.params.figureMs)
  const start = sent.map((s) => BigInt(s.start)).reduce((x, y) => (x < y ? x : y))
  const sendEnd = sent.map((s) => BigInt(s.end)).reduce((x, y) => (x > y ? x : y))
  const ms = Number(agreed.at - start) / 1e6
  return { perSecond: rate(perWriter * writers.length, ms), ms, sendMs: Number(sendEnd - start) / 1e6 }
}

async function fiveWriters (ctx: Context, room: string): Promise<{ perSecond: number, ms: number, sendMs: number }> {
  const extra = [new Worker('W3'), new Worker('W4'), new Worker('W5')]
  try {
    await Promise.all(extra.map((w) => openClient(w, ctx, tmpDir(w.name))))
    const invite = await ctx.a.call<string>('sdk.invite', { room })
    // A joiner that syncs from B before B has the invite is refused (INVITE_UNKNOWN), so let B
    // catch up first: a message A sends after the invite reaching B means B has the invite too.
    const marker = await ctx.a.call<{ id: string }>('sdk.send', { room, text: 'invite marker' })
    await allHave([ctx.b], room, [marker.id], ctx.params.figureMs)
    // A joiner fast-forwards to the signed state; until the invite is signed it is refused too.
    await Promise.all([ctx.a, ctx.b].map((w) => w.call('sdk.signed', { room, ms: ctx.params.connectMs }, ctx.params.connectMs + 5000)))
    const joins = await Promise.all(extra.map((w) => w.call<{ retried: number }>('sdk.join', { invite }, 2 * ctx.params.connectMs)))
    const retried = joins.reduce((n, j) => n + j.retried, 0)
    if (retried > 0) ctx.log(`five writers: ${retried} join(s) refused INVITE_UNKNOWN too early and retried`)
    await Promise.all(extra.map((w) => peersAt(w, ctx, room)))
    const all = [ctx.a, ctx.b, ...extra]
    // Concurrent joins merge: until every view lists all five, a joiner can briefly be unwritable.
    await Promise.all(all.map((w) => w.call('sdk.members', { room, n: 5, ms: ctx.params.connectMs }, ctx.params.connectMs + 5000)))
    const per = Math.ceil(ctx.params.fiveWriterMessages / 5)
    return await burst(ctx, all, all, room, per, 64, 'five')
  } finally {
    await Promise.all(extra.map((w) => w.stop()))
  }
}

export const rates: Figure = async (ctx) => {
  const { puts, appends, batchedPuts } = await floors(ctx)
  const room = (await sharedRoom(ctx)).id
  const n = ctx.params.oneWriterMessages
  const seq = await burst(ctx, [ctx.a], [ctx.a, ctx.b], room, n, 1, 'seq')
  const piped = await burst(ctx, [ctx.a], [ctx.a, ctx.b], room, n, 64, 'pipe')
  const wide = await burst(ctx, [ctx.a], [ctx.a, ctx.b], room, n, 256, 'wide')
  const five = await fiveWriters(ctx, room)
  ctx.detail.rates = { puts, appends, batchedPuts, oneWriterAwaited: seq, oneWriterPipelined: piped, oneWriterWide: wide, fiveWriters: five }
  const beeFloor = { name: 'Hyperbee puts/s', value: puts.perSecond, unit: 'msg/s' }
  const coreFloor = { name: 'Hypercore appends/s', value: appends.perSecond, unit: 'msg/s' }
  const batchedFloor = { name: 'Hyperbee puts/s, 64 per batch', value: batchedPuts.perSecond, unit: 'msg/s' }
  const rows: Row[] = [
    row({ figure: 'send rate, one writer, awaiting each send', value: seq.perSecond, unit: 'msg/s', floor: beeFloor, target: '≥ 5,000 msg/s', met: seq.perSecond >= 5000, note: `${n} messages, A → A and B agree in ${seq.ms.toFixed(0)} ms (sending took ${seq.sendMs.toFixed(0)} ms)` }),
    row({ figure: 'send rate, one writer, 64 sends in flight', value: piped.perSecond, unit: 'msg/s', floor: beeFloor, target: '≥ 5,000 msg/s', met: piped.perSecond >= 5000, note: `${n} messages; agree in ${piped.ms.toFixed(0)} ms (sending took ${piped.sendMs.toFixed(0)} ms)` }),
    row({ figure: 'send rate, one writer, 256 sends in flight', value: wide.perSecond, unit: 'msg/s', floor: beeFloor, target: '≥ 5,000 msg/s', met: wide.perSecond >= 5000, note: `${n} messages; agree in ${wide.ms.toFixed(0)} ms (sending took ${wide.sendMs.toFixed(0)} ms)` }),
    row({ figure: 'send rate, one writer, 64 in flight, vs batched puts', value: piped.perSecond, unit: 'msg/s', floor: batchedFloor, target: '', met: null }),
    row({ figure: 'send rate, one writer, awaiting each, vs Hypercore', value: seq.perSecond, unit: 'msg/s', floor: coreFloor, target: '', met: null }),
    row({ figure: 'send rate, five writers at once (5 processes)', value: five.perSecond, unit: 'msg/s', floor: beeFloor, target: '', met: null, note: `${5 * Math.ceil(ctx.params.fiveWriterMessages / 5)} messages; all five views agree in ${five.ms.toFixed(0)} ms` })
  ]
  return rows
}
