// What encrypting a room costs (docs/architecture.md §14): the same two processes, A and B, in
// an encrypted room and in a room made as before encryption (ClientOptions.encryptRooms false),
// alternately (plain, encrypted, plain, encrypted) so drift in the machine's load falls on
// both. Per mode: closed-loop latency A → B's 'message', CPU of both per message, and the rate
// of a burst (64 in flight) until B has it all. The floor of each row is the unencrypted room.
import type { Figure, Context } from '../lib/context.js'
import { row, type Row } from '../lib/table.js'
import { closedLoop, body, summarise } from '../lib/latency.js'
import { once } from '../lib/wait.js'
import { since } from '../lib/stats.js'
import { tmpDir } from '../lib/tmp.js'
import { peersAt, expect, expected } from '../product/pair.js'

interface Round { latencies: number[], cpuMs: number, messages: number, burstMs: number, burst: number }

async function round (ctx: Context, encrypted: boolean, i: number): Promise<Round> {
  const { a, b, params } = ctx
  await Promise.all([a.call('sdk.close'), b.call('sdk.close')])
  ctx.room = null // later figures make their room again
  const open = (w: typeof a): Promise<unknown> => w.call('sdk.open', { storage: tmpDir(`${w.name}-enc`), net: ctx.net, name: w.name, joinTimeout: params.connectMs, encryptRooms: encrypted }, params.connectMs)
  await Promise.all([open(a), open(b)])
  const created = await a.call<{ id: string, invite: string }>('sdk.create', { alias: encrypted ? 'sealed' : 'plain' })
  await b.call('sdk.join', { invite: created.invite }, params.connectMs + 5000)
  await Promise.all([peersAt(a, ctx, created.id), peersAt(b, ctx, created.id)])
  const room = created.id
  const tag = `enc${i}`
  await b.call('sdk.live', { room, tag })
  const n = Math.max(50, Math.round(params.latencyMessages / 2))
  const warmup = 20
  await Promise.all([a.call('cpu.mark'), b.call('cpu.mark')])
  const lat = await closedLoop(n, warmup, async (k) => {
    const arrived = once<{ i: number, at: string }>(b, 'sdk-msg', 10_000, (m) => m.i === k)
    const sent = await a.call<{ at: string }>('sdk.send', { room, text: body(tag, k) })
    return since(sent.at, (await arrived).at)
  })
  const [ca, cb] = await Promise.all([a.call<{ cpuMs: number }>('cpu.read'), b.call<{ cpuMs: number }>('cpu.read')])
  await b.call('sdk.live', { room, tag: null })
  const burst = params.oneWriterMessages
  await expect([b], room, `${tag}b`, burst)
  const sent = await a.call<{ start: string }>('sdk.sendMany', { room, tag: `${tag}b`, count: burst, window: 64 }, params.figureMs)
  const last = await expected([b], room, `${tag}b`, params.figureMs)
  return { latencies: lat.samples, cpuMs: ca.cpuMs + cb.cpuMs, messages: n + warmup, burstMs: Number(last - BigInt(sent.start)) / 1e6, burst }
}

export const encryption: Figure = async (ctx) => {
  const rounds: Array<{ encrypted: boolean, r: Round }> = []
  for (const [i, encrypted] of [false, true, false, true].entries()) rounds.push({ encrypted, r: await round(ctx, encrypted, i) })
  await Promise.all([ctx.a.call('sdk.close'), ctx.b.call('sdk.close')])
  const sum = (encrypted: boolean): { lat: ReturnType<typeof summarise>, cpu: number, rate: number } => {
    const mine = rounds.filter(x => x.encrypted === encrypted).map(x => x.r)
    const messages = mine.reduce((s, r) => s + r.messages, 0)
    const burst = mine.reduce((s, r) => s + r.burst, 0)
    return { lat: summarise(mine.flatMap(r => r.latencies)), cpu: mine.reduce((s, r) => s + r.cpuMs, 0) / messages, rate: burst / (mine.reduce((s, r) => s + r.burstMs, 0) / 1000) }
  }
  const [sealed, plain] = [sum(true), sum(false)]
  ctx.detail.encryption = { encrypted: { ...sealed, lat: { ...sealed.lat, samples: undefined } }, plain: { ...plain, lat: { ...plain.lat, samples: undefined } } }
  const note = `${sealed.lat.count} messages per mode in two alternating rounds (plain, encrypted, plain, encrypted), closed loop`
  const rows: Row[] = [
    row({ figure: 'encrypted room: message latency p50 (A → B)', value: sealed.lat.p50, unit: 'ms', floor: { name: 'unencrypted room', value: plain.lat.p50, unit: 'ms' }, target: '', met: null, note }),
    row({ figure: 'encrypted room: message latency p99 (A → B)', value: sealed.lat.p99, unit: 'ms', floor: { name: 'unencrypted room', value: plain.lat.p99, unit: 'ms' }, target: '', met: null }),
    row({ figure: 'encrypted room: CPU per message (A + B)', value: sealed.cpu, unit: 'ms', floor: { name: 'unencrypted room', value: plain.cpu, unit: 'ms' }, target: '', met: null }),
    row({ figure: 'encrypted room: burst rate, 64 in flight, until B has all', value: sealed.rate, unit: 'msg/s', floor: { name: 'unencrypted room', value: plain.rate, unit: 'msg/s' }, target: '', met: null, note: `${ctx.params.oneWriterMessages} messages per round` })
  ]
  return rows
}
