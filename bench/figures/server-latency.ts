// Latency through the whole product: POST /api/rooms/:id/messages on A's local server until the
// message arrives on B's live stream (GET /api/events), both read by this process as a browser
// would. Floor: the SDK latency between the same two processes, measured just before.
import type { Figure } from '../lib/context.js'
import { row, notMeasured } from '../lib/table.js'
import { closedLoop, body } from '../lib/latency.js'
import { once } from '../lib/wait.js'
import { EventStream } from '../lib/sse.js'
import { tmpDir } from '../lib/tmp.js'
import { sharedRoom } from '../product/pair.js'

interface SdkLatency { p50: number, p99: number }

export const serverLatency: Figure = async (ctx) => {
  const sdk = (ctx.detail.latency as { sdk?: SdkLatency } | undefined)?.sdk
  if (sdk === undefined) return [notMeasured('latency through the product: POST on A → B\'s live stream', 'p50 ≤ 3 ms', 'not measured: needs the SDK latency figure first (run with latency)')]
  const { a, b, params } = ctx
  const room = (await sharedRoom(ctx)).id
  const [sa, sb] = await Promise.all([
    a.call<{ port: number, token: string }>('server.start', { storage: tmpDir('server-A') }),
    b.call<{ port: number, token: string }>('server.start', { storage: tmpDir('server-B') })
  ])
  const stream = new EventStream()
  try {
    await stream.open(`http://127.0.0.1:${sb.port}`, sb.token)
    const post = `http://127.0.0.1:${sa.port}/api/rooms/${room}/messages`
    const headers = { authorization: `Bearer ${sa.token}`, 'content-type': 'application/json' }
    const stats = await closedLoop(params.latencyMessages, 20, async (i) => {
      const text = body('http', i)
      const arrived = once<{ data: { message: { text?: string } }, at: bigint }>(stream, 'message', 10_000, (m) => m.data.message.text === text)
      const start = process.hrtime.bigint()
      const res = await fetch(post, { method: 'POST', headers, body: JSON.stringify({ text }) })
      if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`)
      return Number((await arrived).at - start) / 1e6
    })
    const { samples: _samples, ...summary } = stats
    ctx.detail.serverLatency = summary
    return [
      row({ figure: 'latency through the product p50: POST on A → B\'s live stream', value: stats.p50, unit: 'ms', floor: { name: 'SDK A → B', value: sdk.p50, unit: 'ms' }, target: 'p50 ≤ 3 ms', met: stats.p50 <= 3, note: `${stats.count} messages, closed loop, HTTP on 127.0.0.1` }),
      row({ figure: 'latency through the product p99', value: stats.p99, unit: 'ms', floor: { name: 'SDK A → B', value: sdk.p99, unit: 'ms' }, target: 'p99 ≤ 10 ms', met: stats.p99 <= 10 })
    ]
  } finally {
    stream.close()
    await Promise.all([a.call('server.stop'), b.call('server.stop')])
  }
}
