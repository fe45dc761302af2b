// Worker side of the raw floor for latency: two Hyperswarm peers, no Corestore, no Autobase.
// Frames are newline-terminated JSON; the receiver stamps arrival with the machine-wide monotonic
// clock, reports it to the parent and echoes the frame back so the sender can time the round trip.
import type Hyperswarm from 'hyperswarm'
import { createSwarm, dropIfSilent, type NetOptions } from '../lib/swarm.js'
import { emit } from '../lib/ipc.js'
import { now } from '../lib/stats.js'

let swarm: Hyperswarm | null = null
let conn: Hyperswarm.Connection | null = null
let answered: (() => void) | null = null
const sentAt = new Map<number, bigint>()

function onFrame (c: Hyperswarm.Connection, line: string): void {
  const frame = JSON.parse(line) as { hello?: true, i?: number, echo?: true }
  if (frame.hello) {
    if (!conn) { conn = c; answered?.() }
    return
  }
  if (frame.i === undefined) return
  if (frame.echo) {
    const t0 = sentAt.get(frame.i)
    if (t0 !== undefined) emit('echo-back', { i: frame.i, rttMs: Number(process.hrtime.bigint() - t0) / 1e6 })
    return
  }
  emit('echo-recv', { i: frame.i, at: now() })
  c.write(JSON.stringify({ ...frame, echo: true }) + '\n')
}

function attach (c: Hyperswarm.Connection): void {
  if (process.env.BENCH_DEBUG) console.error(`[${process.argv[2]}] connection, initiator=${c.isInitiator}`)
  c.on('error', () => {})
  let buf = ''
  c.on('data', (d: Buffer) => {
    buf += d.toString()
    let nl: number
    while ((nl = buf.indexOf('\n')) !== -1) {
      const line = buf.slice(0, nl)
      buf = buf.slice(nl + 1)
      onFrame(c, line)
    }
  })
  dropIfSilent(c)
  c.write(JSON.stringify({ hello: true }) + '\n')
}

function start (net: NetOptions): void {
  swarm = createSwarm(net)
  swarm.on('connection', attach)
}

function waitAnswer (ms: number): Promise<void> {
  if (conn) return Promise.resolve()
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('echo peer never answered')), ms)
    answered = () => { clearTimeout(timer); resolve() }
  })
}

export const echoHandlers = {
  /** Announces the topic (server side) and returns once the announcement is flushed. */
  async 'echo.announce' (args: { net: NetOptions, topic: string }): Promise<null> {
    start(args.net)
    await swarm!.join(Buffer.from(args.topic, 'hex'), { server: true, client: false }).flushed()
    return null
  },

  /** Looks the topic up (client side) and resolves once a connection has carried the peer's hello. */
  async 'echo.lookup' (args: { net: NetOptions, topic: string, ms: number }): Promise<null> {
    const connected = waitAnswer(args.ms)
    start(args.net)
    swarm!.join(Buffer.from(args.topic, 'hex'), { server: false, client: true })
    await connected
    return null
  },

  async 'echo.answered' (args: { ms: number }): Promise<null> {
    await waitAnswer(args.ms)
    return null
  },

  async 'echo.send' (args: { i: number, pad: string }): Promise<{ at: string }> {
    if (!conn) throw new Error('echo peer not connected')
    const at = process.hrtime.bigint()
    sentAt.set(args.i, at)
    conn.write(JSON.stringify({ i: args.i, text: args.pad }) + '\n')
    return { at: at.toString() }
  }
}

export async function closeEcho (): Promise<void> {
  if (swarm) await swarm.destroy()
  swarm = null
  conn = null
}
