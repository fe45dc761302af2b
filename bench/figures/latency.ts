// Message latency, A → B in separate processes: the raw Hyperswarm echo floor (and later the SDK
// and the whole product on top of the same two processes).
import type { Figure } from '../lib/context.js'
import { row, notMeasured, type Row } from '../lib/table.js'
import { connectEcho, measureEcho } from '../floors/echo.js'

export const latency: Figure = async (ctx) => {
  const { a, b, params } = ctx
  const connectMs = await connectEcho(a, b, ctx.net, params.connectMs)
  ctx.log(`echo peers answered after ${connectMs} ms`)
  const echo = await measureEcho(a, b, params.latencyMessages, connectMs)
  const { samples: _samples, ...summary } = echo
  ctx.detail.echo = summary
  const rows: Row[] = [
    row({ figure: 'raw floor: Hyperswarm one-way p50', value: echo.p50, unit: 'ms', floor: null, target: '', met: null, note: `${echo.count} messages, RTT p50 ${echo.rttP50.toFixed(3)} ms` }),
    notMeasured('message latency p50 (SDK, A → B)', 'p50 ≤ 3 ms', 'the SDK is not on main yet', { name: 'Hyperswarm echo', value: echo.p50, unit: 'ms' })
  ]
  return rows
}
