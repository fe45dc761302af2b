// A bench peer: a separate Node process the parent drives over IPC (see lib/worker.ts).
// Each command is one small step of a figure; timing happens where the work happens.
import { serve } from './lib/ipc.js'
import { echoHandlers, closeEcho } from './floors/echo-peer.js'
import { coreHandlers, closeCores } from './floors/core-peer.js'
import { localHandlers } from './floors/local.js'
import { rssMiB } from './lib/memory.js'

const handlers = {
  ...echoHandlers,
  ...coreHandlers,
  ...localHandlers,
  async rss (): Promise<{ rssMiB: number, heapMiB: number }> {
    return { rssMiB: rssMiB(), heapMiB: process.memoryUsage().heapUsed / (1024 * 1024) }
  }
}

process.on('unhandledRejection', (err) => console.error(`bench worker ${process.argv[2]}: unhandled`, err))

serve(handlers, async () => {
  await closeEcho()
  await closeCores()
})
