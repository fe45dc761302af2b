// Connect probe: how soon two separate processes on a local testnet talk in a room.
// Each trial: a fresh testnet (in this process), an owner process that creates a room and
// answers 'ping' with 'pong', and a joiner process that joins with the invite and says 'ping'.
// A trial's time runs from the joiner starting to join to the owner's 'pong' arriving: a full
// message exchange in both directions, over a first connection between the two processes.
// Usage: npm run probe -- [--trials 50] [--testnet-size N] [--json]
import { fork, type ChildProcess } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { fileURLToPath } from 'url'
import createTestnet from 'hyperdht/testnet.js'
import { TESTNET_NODES } from '../src/network/testnet.js'

export interface ProbeOptions {
  trials: number
  /** DHT nodes in each trial's testnet (default: the project's testnet size). */
  testnetSize?: number
  /** How long a trial may take before it counts as failed (ms). */
  deadline?: number
  onTrial?: (result: TrialResult, index: number) => void
}

export interface TrialResult {
  /** ms from starting to join until admitted, or null. */
  joined: number | null
  /** ms from starting to join until the owner's reply arrived, or null. */
  pong: number | null
  error?: string
}

export interface ProbeResult {
  trials: TrialResult[]
  /** Trials whose message exchange finished within 1 s, 3 s and 15 s. */
  within: { '1s': number, '3s': number, '15s': number }
}

const DEFAULT_DEADLINE_MS = 15_000
const STARTUP_TIMEOUT_MS = 30_000

export async function runConnectProbe (opts: ProbeOptions): Promise<ProbeResult> {
  const script = peerScript()
  const trials: TrialResult[] = []
  for (let i = 0; i < opts.trials; i++) {
    const result = await runTrial(script, opts.testnetSize ?? TESTNET_NODES, opts.deadline ?? DEFAULT_DEADLINE_MS)
    trials.push(result)
    opts.onTrial?.(result, i)
  }
  const count = (ms: number): number => trials.filter(t => t.pong !== null && t.pong <= ms).length
  return { trials, within: { '1s': count(1000), '3s': count(3000), '15s': count(15_000) } }
}

async function runTrial (script: string, testnetSize: number, deadline: number): Promise<TrialResult> {
  const testnet = await createTestnet(testnetSize, { host: '127.0.0.1' })
  const bootstrap = testnet.bootstrap.map(b => `${b.host}:${b.port}`).join(',')
  const dirs: string[] = []
  const children: ChildProcess[] = []
  const spawn = (args: string[]): Peer => {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-probe-'))
    dirs.push(storage)
    const child = fork(script, [args[0] ?? '', bootstrap, storage, ...args.slice(1)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    children.push(child)
    return new Peer(child)
  }
  try {
    const owner = spawn(['owner'])
    const ready = await owner.next('ready', STARTUP_TIMEOUT_MS)
    const joiner = spawn(['joiner', String(ready.invite)])
    await joiner.next('started', STARTUP_TIMEOUT_MS)
    const result: TrialResult = { joined: null, pong: null }
    joiner.on('joined', (m) => { result.joined = Number(m.ms) })
    try {
      const pong = await joiner.next('pong', deadline)
      result.pong = Number(pong.ms)
    } catch (err) {
      result.error = (err as Error).message
    }
    return result
  } catch (err) {
    return { joined: null, pong: null, error: (err as Error).message }
  } finally {
    await Promise.all(children.map(stopChild))
    await testnet.destroy()
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  }
}

type PeerMessage = Record<string, unknown>

/** A forked peer's IPC messages, awaited by kind with a deadline. */
class Peer {
  private readonly handlers = new Map<string, (m: PeerMessage) => void>()
  private failure: string | null = null

  constructor (child: ChildProcess) {
    child.on('message', (m: PeerMessage) => {
      if (typeof m.error === 'string') this.failure = m.error
      for (const [kind, handler] of this.handlers) if (m[kind] === true) handler(m)
    })
  }

  on (kind: string, handler: (m: PeerMessage) => void): void {
    this.handlers.set(kind, handler)
  }

  next (kind: string, timeout: number): Promise<PeerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${kind}' within ${timeout} ms` + (this.failure !== null ? `: ${this.failure}` : ''))), timeout)
      this.on(kind, (m) => { clearTimeout(timer); resolve(m) })
    })
  }
}

async function stopChild (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  if (child.connected) child.disconnect() // the peer closes its client and exits
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

/** The compiled peer script: beside this file when built, else under dist/ (tests run the .ts). */
function peerScript (): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  for (const candidate of [path.join(here, 'probe-peer.js'), path.resolve(here, '..', 'dist', 'bench', 'probe-peer.js')]) {
    if (fs.existsSync(candidate)) return candidate
  }
  throw new Error('bench/probe-peer.js is not built: run `npx tsc -p tsconfig.json` first')
}

function flag (name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const value = i === -1 ? fallback : Number(process.argv[i + 1])
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`)
  return value
}

async function main (): Promise<void> {
  const trials = flag('trials', 50)
  const testnetSize = flag('testnet-size', TESTNET_NODES)
  const json = process.argv.includes('--json')
  const fmt = (ms: number | null): string => ms === null ? '—' : `${ms} ms`
  const result = await runConnectProbe({
    trials,
    testnetSize,
    onTrial: (t, i) => { if (!json) console.log(`trial ${i + 1}: joined ${fmt(t.joined)}, exchanged ${fmt(t.pong)}${t.error !== undefined ? ` (${t.error})` : ''}`) }
  })
  const pongs = result.trials.flatMap(t => t.pong === null ? [] : [t.pong]).sort((a, b) => a - b)
  const median = pongs.length > 0 ? pongs[Math.floor(pongs.length / 2)] ?? null : null
  if (json) {
    console.log(JSON.stringify({ trials, testnetSize, within: result.within, medianMs: median, results: result.trials }))
    return
  }
  console.log(`\nmessage exchanged between two processes (of ${trials}, testnet of ${testnetSize}):`)
  console.log(`  within 1 s: ${result.within['1s']}   within 3 s: ${result.within['3s']}   within 15 s: ${result.within['15s']}   median: ${fmt(median)}`)
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
