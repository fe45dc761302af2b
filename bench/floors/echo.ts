// Parent side of the raw latency floor: a Hyperswarm echo between workers A and B.
import type { Worker } from '../lib/worker.js'
import { closedLoop, body, type LatencyStats } from '../lib/latency.js'
import { once } from '../lib/wait.js'
import { since } from '../lib/stats.js'
import type { NetOptions } from '../lib/swarm.js'
import { randomBytes } from 'node:crypto'

export interface EchoResult extends LatencyStats { rttP50: number, cpuMsPerMessage: number, connectMs: number }

export async function connectEcho (a: Worker, b: Worker, net: NetOptions, ms: number): Promise<number> {
  const topic = randomBytes(32).toString('hex')
  // Announce first, then look up: two swarms joining at the same instant sometimes never meet here.
  await a.call('echo.announce', { net, topic }, ms)
  const start = Date.now()
  await Promise.all([
    a.call('echo.answered', { ms }, ms + 5000),
    b.call('echo.lookup', { net, topic, ms }, ms + 5000)
  ])
  return Date.now() - start
}

export async function measureEcho (a: Worker, b: Worker, count: number, connectMs: number): Promise<EchoResult> {
  const rtts: number[] = []
  await Promise.all([a.call('cpu.mark'), b.call('cpu.mark')])
  const stats = await closedLoop(count, 20, async (i) => {
    const recv = once<{ i: number, at: string }>(b, 'echo-recv', 10_000, (d) => d.i === i)
    const back = once<{ i: number, rttMs: number }>(a, 'echo-back', 10_000, (d) => d.i === i)
    const { at } = await a.call<{ at: string }>('echo.send', { i, pad: body('echo', i) })
    const arrived = await recv
    rtts.push((await back).rttMs)
    return since(at, arrived.at)
  })
  const [ca, cb] = await Promise.all([a.call<{ cpuMs: number }>('cpu.read'), b.call<{ cpuMs: number }>('cpu.read')])
  const sorted = rtts.sort((x, y) => x - y)
  return {
    ...stats,
    rttP50: sorted[Math.floor(sorted.length / 2)],
    cpuMsPerMessage: (ca.cpuMs + cb.cpuMs) / (count + 20),
    connectMs
  }
}
