// Parent side of the stack's floor for latency: a bare Autobase (floors/autobase-peer.ts) between
// workers A and B, timed exactly as the SDK figure is: A stamps before its append, B stamps when
// its view holds the block; closed loop, warm-up dropped; CPU of both processes per message.
// Measured on both signing paths: a checkpoint per message, and at most one a second.
import type { Context } from '../lib/context.js'
import { closedLoop, type LatencyStats } from '../lib/latency.js'
import { once } from '../lib/wait.js'
import { since } from '../lib/stats.js'
import { tmpDir } from '../lib/tmp.js'
import { MESSAGE_BYTES } from '../lib/params.js'

/** CPU per message of both processes, and of each: `a` the owner (sole indexer), `b` the reader. */
export interface BareResult extends LatencyStats { cpuMsPerMessage: number, cpuMsPerMessageA: number, cpuMsPerMessageB: number }

const WARMUP = 20

/** The signing path of LinkUp's rooms (src/room.ts): at most one checkpoint a second. */
export const SIGN_INTERVAL_MS = 1000

/**
 * `signInterval` 0: Autobase's own path, a checkpoint in every block the owner appends;
 * SIGN_INTERVAL_MS: without per-message signing (patches/autobase+7.28.1.patch).
 */
export async function measureBareAutobase (ctx: Context, count: number, signInterval = 0): Promise<BareResult> {
  const { a, b, params } = ctx
  const tag = signInterval === 0 ? 'bare' : 'bare-unsigned'
  const { key } = await a.call<{ key: string }>('base.open', { storage: tmpDir(tag + '-A'), net: ctx.net, key: null, signInterval }, params.connectMs)
  await b.call('base.open', { storage: tmpDir(tag + '-B'), net: ctx.net, key, signInterval }, params.connectMs)
  // The first block carries the connection (first connections here may be half-open): untimed.
  await a.call('base.send', { i: 0, size: MESSAGE_BYTES })
  await b.call('base.synced', { i: 0, ms: params.connectMs }, params.connectMs + 5000)
  await b.call('base.listen', { from: 1 })
  await Promise.all([a.call('cpu.mark'), b.call('cpu.mark')])
  const stats = await closedLoop(count, WARMUP, async (k) => {
    const i = k + 1
    const arrived = once<{ i: number, at: string }>(b, 'base-recv', 10_000, (d) => d.i === i)
    const { at } = await a.call<{ at: string }>('base.send', { i, size: MESSAGE_BYTES })
    return since(at, (await arrived).at)
  })
  const [ca, cb] = await Promise.all([a.call<{ cpuMs: number }>('cpu.read'), b.call<{ cpuMs: number }>('cpu.read')])
  await Promise.all([a.call('base.close'), b.call('base.close')]) // nothing of it runs during the later figures
  const n = count + WARMUP
  return { ...stats, cpuMsPerMessage: (ca.cpuMs + cb.cpuMs) / n, cpuMsPerMessageA: ca.cpuMs / n, cpuMsPerMessageB: cb.cpuMs / n }
}
