// Message latency, A → B in separate processes: send on A until the message is in B's view and
// B's SDK has emitted `message`. Floor: a raw Hyperswarm echo between the same two processes.
import type { Figure } from '../lib/context.js'
import { row, type Row } from '../lib/table.js'
import { connectEcho, measureEcho } from '../floors/echo.js'
import { closedLoop, body } from '../lib/latency.js'
import { once } from '../lib/wait.js'
import { since } from '../lib/stats.js'
import { sharedRoom } from '../product/pair.js'

export const latency: Figure = async (ctx) => {
  const { a, b, params } = ctx
  const connectMs = await connectEcho(a, b, ctx.net, params.connectMs)
  ctx.log(`echo peers answered after ${connectMs} ms`)
  const echo = await measureEcho(a, b, params.latencyMessages, connectMs)
  const { samples: _echoSamples, ...echoSummary } = echo

  const room = await sharedRoom(ctx)
  await b.call('sdk.live', { room: room.id, tag: 'lat' })
  await Promise.all([a.call('cpu.mark'), b.call('cpu.mark')])
  const warmup = 20
  const sdk = await closedLoop(params.latencyMessages, warmup, async (i) => {
    const arrived = once<{ i: number, at: string }>(b, 'sdk-msg', 10_000, (m) => m.i === i)
    const sent = await a.call<{ at: string }>('sdk.send', { room: room.id, text: body('lat', i) })
    return since(sent.at, (await arrived).at)
  })
  const [ca, cb] = await Promise.all([a.call<{ cpuMs: number }>('cpu.read'), b.call<{ cpuMs: number }>('cpu.read')])
  await b.call('sdk.live', { room: room.id, tag: null })
  const cpuPerMessage = (ca.cpuMs + cb.cpuMs) / (params.latencyMessages + warmup)
  const { samples: _sdkSamples, ...sdkSummary } = sdk
  ctx.detail.latency = { echo: echoSummary, sdk: sdkSummary, cpuMsPerMessage: { a: ca.cpuMs / (params.latencyMessages + warmup), b: cb.cpuMs / (params.latencyMessages + warmup) } }

  const n = `${sdk.count} messages, closed loop`
  const rows: Row[] = [
    row({ figure: 'message latency p50 (SDK, A → B)', value: sdk.p50, unit: 'ms', floor: { name: 'Hyperswarm one-way', value: echo.p50, unit: 'ms' }, target: 'p50 ≤ 3 ms', met: sdk.p50 <= 3, note: n }),
    row({ figure: 'message latency p99 (SDK, A → B)', value: sdk.p99, unit: 'ms', floor: { name: 'Hyperswarm one-way', value: echo.p99, unit: 'ms' }, target: 'p99 ≤ 10 ms', met: sdk.p99 <= 10 }),
    row({ figure: 'CPU per message (sender + receiver)', value: cpuPerMessage, unit: 'ms', floor: { name: 'Hyperswarm echo', value: echo.cpuMsPerMessage, unit: 'ms' }, target: '≤ 1 ms', met: cpuPerMessage <= 1, note: `A ${(ca.cpuMs / (params.latencyMessages + warmup)).toFixed(2)} ms, B ${(cb.cpuMs / (params.latencyMessages + warmup)).toFixed(2)} ms per message` })
  ]
  return rows
}
