// The parent's handle on a bench worker: a forked Node process (dist/bench/worker.js) driven by
// request/response messages over IPC, each call with a deadline. Workers also push events.
import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { Timeout } from './wait.js'

export interface Request { id: number, cmd: string, args: unknown }
export type Reply =
  | { id: number, ok: true, result: unknown }
  | { id: number, ok: false, error: string }
  | { event: string, data: unknown }

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'worker.js')

export class Worker extends EventEmitter {
  readonly name: string
  private child: ChildProcess
  private nextId = 1
  private pending = new Map<number, { resolve: (v: unknown) => void, reject: (e: Error) => void, timer: NodeJS.Timeout }>()
  private exited: Promise<void>

  constructor (name: string, opts: { execArgv?: string[], env?: NodeJS.ProcessEnv } = {}) {
    super()
    this.name = name
    this.child = fork(entry, [name], {
      execArgv: opts.execArgv ?? [],
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    })
    this.child.on('message', (m: Reply) => this.onMessage(m))
    this.exited = new Promise((resolve) => this.child.once('exit', () => {
      for (const [, p] of this.pending) { clearTimeout(p.timer); p.reject(new Error(`worker ${name} exited`)) }
      this.pending.clear()
      resolve()
    }))
  }

  get pid (): number | undefined { return this.child.pid }

  call<T = unknown> (cmd: string, args: unknown = {}, ms = 60_000): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Timeout(`${this.name}.${cmd}`, ms))
      }, ms)
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer })
      this.child.send({ id, cmd, args } satisfies Request)
    })
  }

  /** Asks the worker to close what it opened and exit; kills it if it does not within `ms`. */
  async stop (ms = 20_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const killer = setTimeout(() => this.child.kill('SIGKILL'), ms)
    try { await this.call('exit', {}, ms) } catch { /* it exits before answering */ }
    await this.exited
    clearTimeout(killer)
  }

  private onMessage (m: Reply): void {
    if ('event' in m) { this.emit(m.event, m.data); return }
    const p = this.pending.get(m.id)
    if (!p) return
    this.pending.delete(m.id)
    clearTimeout(p.timer)
    if (m.ok) p.resolve(m.result)
    else p.reject(new Error(`${this.name}: ${m.error}`))
  }
}
