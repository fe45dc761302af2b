// Message latency, A → B in separate processes: send on A until the message is in B's view and
// B's SDK has emitted `message`. Floors: a raw Hyperswarm echo between the same two processes
// (the network), and a bare Autobase with a one-put apply between them (the stack itself), on
// both signing paths (a checkpoint per message; at most one a second, as LinkUp's rooms sign).
import type { Figure } from '../lib/context.js'
import { row, type Row } from '../lib/table.js'
import { connectEcho, measureEcho } from '../floors/echo.js'
import { closedLoop, body } from '../lib/latency.js'
import { once } from '../lib/wait.js'
import { since, percentile } from '../lib/stats.js'
import { sharedRoom } from '../product/pair.js'
import { measureBareAutobase, SIGN_INTERVAL_MS } from '../floors/autobase.js'
import type { DbStats } from '../product/peer-extra.js'

export const latency: Figure = async (ctx) => {
  const { a, b, params } = ctx
  const connectMs = await connectEcho(a, b, ctx.net, params.connectMs)
  ctx.log(`echo peers answered after ${connectMs} ms`)
  const echo = await measureEcho(a, b, params.latencyMessages, connectMs)
  const { samples: _echoSamples, ...echoSummary } = echo
  const bare = await measureBareAutobase(ctx, params.latencyMessages)
  const { samples: _bareSamples, ...bareSummary } = bare
  const unsigned = await measureBareAutobase(ctx, params.latencyMessages, SIGN_INTERVAL_MS)
  const { samples: _unsignedSamples, ...unsignedSummary } = unsigned

  const room = await sharedRoom(ctx)
  await b.call('sdk.live', { room: room.id, tag: 'lat' })
  await Promise.all([a.call('cpu.mark'), b.call('cpu.mark')])
  const db0 = await Promise.all([a.call<DbStats>('sdk.dbStats'), b.call<DbStats>('sdk.dbStats')])
  const warmup = 20
  // Where the time goes: A's send() (append, apply, read back), then until B's view changed
  // (replication and B's apply), then until B's SDK emitted the message (B's reader).
  const parts = { send: [] as number[], toUpdate: [] as number[], reader: [] as number[] }
  const sdk = await closedLoop(params.latencyMessages, warmup, async (i) => {
    const arrived = once<{ i: number, at: string, updateAt: string | null }>(b, 'sdk-msg', 10_000, (m) => m.i === i)
    const sent = await a.call<{ at: string, doneAt: string }>('sdk.send', { room: room.id, text: body('lat', i) })
    const got = await arrived
    if (i >= warmup && got.updateAt !== null) {
      parts.send.push(since(sent.at, sent.doneAt))
      parts.toUpdate.push(since(sent.at, got.updateAt))
      parts.reader.push(since(got.updateAt, got.at))
    }
    return since(sent.at, got.at)
  })
  const breakdown = { sendP50: percentile(parts.send, 50), untilBViewP50: percentile(parts.toUpdate, 50), bReaderP50: percentile(parts.reader, 50) }
  const [ca, cb] = await Promise.all([a.call<{ cpuMs: number }>('cpu.read'), b.call<{ cpuMs: number }>('cpu.read')])
  const db1 = await Promise.all([a.call<DbStats>('sdk.dbStats'), b.call<DbStats>('sdk.dbStats')])
  const perMessage = (k: 0 | 1): Record<string, number> => Object.fromEntries(Object.keys(db1[k]).map((f) => [f, (db1[k][f as keyof DbStats] - db0[k][f as keyof DbStats]) / (params.latencyMessages + warmup)]))
  const io = { a: perMessage(0), b: perMessage(1) }
  await b.call('sdk.live', { room: room.id, tag: null })
  // Idle cost: CPU both nodes spend over a quiet window, in a room with one peer (acks, timers).
  await Promise.all([a.call('cpu.mark'), b.call('cpu.mark')])
  const idleMs = ctx.quick ? 2000 : 5000
  await new Promise((resolve) => setTimeout(resolve, idleMs)) // a measurement window, not a synchronisation
  const idle = await Promise.all([a.call<{ cpuMs: number }>('cpu.read'), b.call<{ cpuMs: number }>('cpu.read')])
  const idlePct = (idle[0].cpuMs + idle[1].cpuMs) / idleMs * 100
  const cpuA = ca.cpuMs / (params.latencyMessages + warmup)
  const cpuB = cb.cpuMs / (params.latencyMessages + warmup)
  const cpuPerMessage = cpuA + cpuB
  const { samples: _sdkSamples, ...sdkSummary } = sdk
  ctx.detail.latency = { echo: echoSummary, bareAutobase: bareSummary, bareAutobaseWithoutPerMessageSigning: unsignedSummary, sdk: sdkSummary, cpuMsPerMessage: { a: cpuA, b: cpuB }, rocksdbPerMessage: io, breakdown, idleCpuPercent: { a: idle[0].cpuMs / idleMs * 100, b: idle[1].cpuMs / idleMs * 100 } }

  const n = `${sdk.count} messages, closed loop`
  const rows: Row[] = [
    row({ figure: 'message latency p50 (SDK, A → B)', value: sdk.p50, unit: 'ms', floor: { name: 'Hyperswarm one-way', value: echo.p50, unit: 'ms' }, target: 'p50 ≤ 3 ms', met: sdk.p50 <= 3, note: `${n}; p50 of A's send() ${breakdown.sendP50.toFixed(1)} ms, send → B's view updated ${breakdown.untilBViewP50.toFixed(1)} ms, B's update → 'message' ${breakdown.bReaderP50.toFixed(1)} ms` }),
    row({ figure: 'message latency p99 (SDK, A → B)', value: sdk.p99, unit: 'ms', floor: { name: 'Hyperswarm one-way', value: echo.p99, unit: 'ms' }, target: 'p99 ≤ 10 ms', met: sdk.p99 <= 10 }),
    row({ figure: 'CPU per message (sender + receiver)', value: cpuPerMessage, unit: 'ms', floor: { name: 'Hyperswarm echo', value: echo.cpuMsPerMessage, unit: 'ms' }, target: '≤ 1 ms', met: cpuPerMessage <= 1, note: `A ${(ca.cpuMs / (params.latencyMessages + warmup)).toFixed(2)} ms, B ${(cb.cpuMs / (params.latencyMessages + warmup)).toFixed(2)} ms per message; RocksDB per message: A ${io.a.gets.toFixed(0)} gets in ${io.a.readBatches.toFixed(0)} reads, ${io.a.writeBatches.toFixed(1)} writes; B ${io.b.gets.toFixed(0)} gets in ${io.b.readBatches.toFixed(0)} reads, ${io.b.writeBatches.toFixed(1)} writes` }),
    row({ figure: 'message latency p50, vs a bare Autobase', value: sdk.p50, unit: 'ms', floor: { name: 'bare Autobase, one put per block', value: bare.p50, unit: 'ms' }, target: '', met: null, note: `the stack's own floor: one Hyperbee view, apply = one put, in the same two processes (${bare.count} blocks, p99 ${bare.p99.toFixed(1)} ms)` }),
    row({ figure: 'message latency p99, vs a bare Autobase', value: sdk.p99, unit: 'ms', floor: { name: 'bare Autobase, one put per block', value: bare.p99, unit: 'ms' }, target: '', met: null }),
    row({ figure: 'CPU per message, vs a bare Autobase', value: cpuPerMessage, unit: 'ms', floor: { name: 'bare Autobase, one put per block', value: bare.cpuMsPerMessage, unit: 'ms' }, target: '', met: null }),
    row({ figure: 'message latency p50, vs a bare Autobase without per-message signing', value: sdk.p50, unit: 'ms', floor: { name: 'bare Autobase, signing ≤ 1/s', value: unsigned.p50, unit: 'ms' }, target: '', met: null, note: `the same floor with our Autobase patch's signInterval ${SIGN_INTERVAL_MS} ms, as LinkUp opens rooms (p99 ${unsigned.p99.toFixed(1)} ms; ${(unsigned.cpuMsPerMessage / bare.cpuMsPerMessage).toFixed(2)}× the CPU of signing every block)` }),
    row({ figure: 'message latency p99, vs a bare Autobase without per-message signing', value: sdk.p99, unit: 'ms', floor: { name: 'bare Autobase, signing ≤ 1/s', value: unsigned.p99, unit: 'ms' }, target: '', met: null }),
    row({ figure: 'CPU per message, vs a bare Autobase without per-message signing', value: cpuPerMessage, unit: 'ms', floor: { name: 'bare Autobase, signing ≤ 1/s', value: unsigned.cpuMsPerMessage, unit: 'ms' }, target: '', met: null }),
    row({ figure: 'owner → member p50 (SDK, signing ≤ 1/s)', value: sdk.p50, unit: 'ms', floor: { name: 'bare Autobase, signing ≤ 1/s', value: unsigned.p50, unit: 'ms' }, target: 'p50 ≤ 8 ms', met: sdk.p50 <= 8, note: 'A is the room\'s owner (its signer), B a member: the expensive direction (the owner signs)' }),
    row({ figure: 'owner → member CPU per message, the owner', value: cpuA, unit: 'ms', floor: { name: 'bare Autobase, signing ≤ 1/s, its owner', value: unsigned.cpuMsPerMessageA, unit: 'ms' }, target: '≤ 10 ms', met: cpuA <= 10 }),
    row({ figure: 'owner → member CPU per message, the member', value: cpuB, unit: 'ms', floor: { name: 'bare Autobase, signing ≤ 1/s, its reader', value: unsigned.cpuMsPerMessageB, unit: 'ms' }, target: '≤ 10 ms', met: cpuB <= 10 }),
    row({ figure: 'idle CPU of two nodes in a room (A + B)', value: idlePct, unit: '% of a core', floor: null, target: '', met: null, note: `over ${idleMs / 1000} s without messages, right after the latency run` })
  ]
  return rows
}
