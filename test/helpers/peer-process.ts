// A LinkUp peer in a child process (test/workers/peer-worker.ts, compiled with tsc), so a
// test can SIGKILL it at any moment and start it again from the same storage. Every send()
// that resolved in the child is reported here as an ack, before anything else can happen.
import { fork, execFileSync, type ChildProcess } from 'child_process'
import { EventEmitter } from 'events'
import fs from 'fs'
import path from 'path'
import { onTestFinished } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '../..')
const WORKER = path.join(ROOT, 'dist/test/workers/peer-worker.js')

function newest (dir: string): number {
  let t = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

/** Compiles the worker (and the sources it imports) when any of them is newer than its build. */
export function buildWorker (): void {
  const built = fs.existsSync(WORKER) ? fs.statSync(WORKER).mtimeMs : 0
  const sources = Math.max(...['src', 'views', 'test/workers'].map(d => newest(path.join(ROOT, d))))
  if (built > sources) return
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'test/workers/tsconfig.json'], { cwd: ROOT, stdio: 'inherit' })
  fs.utimesSync(WORKER, new Date(), new Date())
}

export interface Ack { room: string, message: string, text: string }

/**
 * Events: 'ack' (Ack), 'received' ({ room, message }), 'exit' (code, signal).
 */
export class PeerProcess extends EventEmitter {
  readonly child: ChildProcess
  readonly exited: Promise<void>
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void, reject: (e: Error) => void }>()
  stderr = ''

  private constructor (storage: string, bootstrap: string[]) {
    super()
    this.child = fork(WORKER, [], {
      env: { ...process.env, LINKUP_STORAGE: storage, LINKUP_BOOTSTRAP: bootstrap.join(','), LINKUP_DHT_HOST: '127.0.0.1' },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc']
    })
    this.child.stderr?.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-4000) })
    this.child.on('message', (msg: { id?: number, ok?: boolean, value?: unknown, error?: string, type?: string }) => {
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id)
        this.pending.delete(msg.id)
        if (msg.ok === true) p?.resolve(msg.value)
        else p?.reject(new Error(msg.error))
      } else if (msg.type !== undefined) {
        this.emit(msg.type, msg)
      }
    })
    this.exited = new Promise(resolve => this.child.once('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`peer process exited (${code ?? signal})`))
      this.pending.clear()
      this.emit('exit', code, signal)
      resolve()
    }))
  }

  /** Starts a peer on `storage` and waits until its Client is ready. */
  static async start (storage: string, bootstrap: string[], timeout = 60_000): Promise<{ peer: PeerProcess, rooms: Array<{ room: string, writerKey: string }> }> {
    const peer = new PeerProcess(storage, bootstrap)
    onTestFinished(() => peer.kill())
    const rooms = await new Promise<Array<{ room: string, writerKey: string }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('peer process not ready in time\n' + peer.stderr)), timeout)
      peer.once('ready', (m: { rooms: Array<{ room: string, writerKey: string }> }) => { clearTimeout(timer); resolve(m.rooms) })
      peer.once('fatal', (m: { error: string }) => { clearTimeout(timer); reject(new Error(m.error)) })
      peer.once('exit', () => { clearTimeout(timer); reject(new Error('peer process exited before ready\n' + peer.stderr)) })
    })
    return { peer, rooms }
  }

  request<T = unknown> (op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.child.send({ id, op, ...args })
    })
  }

  /** SIGKILL: no chance to flush or close anything. */
  async kill (): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
    await this.exited
  }
}
