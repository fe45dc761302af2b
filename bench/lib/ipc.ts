// The worker's side of the IPC protocol: a registry of command handlers and an event pusher.
import type { Request, Reply } from './worker.js'

/** A command handler; `never` lets each handler declare its own argument type. */
export type Handler = (args: never) => Promise<unknown>
export type Handlers = Record<string, Handler>

export function emit (event: string, data: unknown): void {
  process.send?.({ event, data } satisfies Reply)
}

export function serve (handlers: Handlers, onExit: () => Promise<void>): void {
  process.on('message', (m: Request) => {
    if (m.cmd === 'exit') {
      onExit().catch((err) => console.error('bench worker close:', err)).finally(() => {
        process.send?.({ id: m.id, ok: true, result: null } satisfies Reply, () => process.exit(0))
      })
      return
    }
    const handler = handlers[m.cmd]
    const run = handler ? handler(m.args as never) : Promise.reject(new Error(`unknown command ${m.cmd}`))
    run.then(
      (result) => process.send?.({ id: m.id, ok: true, result: result ?? null } satisfies Reply),
      (err: Error) => process.send?.({ id: m.id, ok: false, error: err?.stack ?? String(err) } satisfies Reply)
    )
  })
  process.on('disconnect', () => { onExit().finally(() => process.exit(0)) })
}
