// A bench peer: a separate Node process the parent drives over IPC (see lib/worker.ts).
// Each command is one small step of a figure; timing happens where the work happens.
import { serve } from './lib/ipc.js'
import { echoHandlers, closeEcho } from './floors/echo-peer.js'
import { coreHandlers, closeCores } from './floors/core-peer.js'
import { autobaseHandlers, closeAutobase } from './floors/autobase-peer.js'
import { localHandlers } from './floors/local.js'
import { openFloorHandlers } from './floors/open-floor.js'
import { productHandlers, closeProduct, need } from './product/peer.js'
import { serverHandlers, closeServer } from './product/server-peer.js'
import { productExtraHandlers } from './product/peer-extra.js'
import { conversationHandlers } from './product/peer-conversation.js'
import { searchHandlers } from './product/peer-search.js'
import { joinHandlers } from './product/peer-join.js'
import { rssMiB, cpuMs, quiet } from './lib/memory.js'
import { installDiag, resetDiag, readDiag, startProfile, stopProfile } from './lib/diag.js'

installDiag()

let cpuMark: NodeJS.CpuUsage | undefined

const handlers = {
  ...echoHandlers,
  ...coreHandlers,
  ...autobaseHandlers,
  ...localHandlers,
  ...openFloorHandlers,
  ...productHandlers,
  ...productExtraHandlers,
  ...conversationHandlers,
  ...searchHandlers,
  ...joinHandlers,
  ...serverHandlers(need),
  async 'cpu.mark' (): Promise<null> {
    cpuMark = process.cpuUsage()
    return null
  },
  async 'cpu.read' (): Promise<{ cpuMs: number }> {
    return { cpuMs: cpuMs(cpuMark) }
  },
  /** Resolves once this process is near idle (bench/lib/memory.ts quiet). */
  async 'cpu.quiet' (args: { windowMs: number, maxPercent: number, deadlineMs: number }): Promise<{ waitedMs: number, percent: number }> {
    return await quiet(args)
  },
  /** LINKUP_BENCH_DIAG=1 only: start counting batches by call site and wire messages by type. */
  async 'diag.reset' (): Promise<null> {
    resetDiag()
    return null
  },
  async 'diag.read' (args: { per: number }): Promise<ReturnType<typeof readDiag>> {
    return readDiag(args.per)
  },
  async 'prof.start' (): Promise<null> {
    await startProfile()
    return null
  },
  async 'prof.stop' (args: { file: string }): Promise<null> {
    await stopProfile(args.file)
    return null
  },
  async rss (): Promise<{ rssMiB: number, heapMiB: number }> {
    return { rssMiB: rssMiB(), heapMiB: process.memoryUsage().heapUsed / (1024 * 1024) }
  }
}

process.on('unhandledRejection', (err) => console.error(`bench worker ${process.argv[2]}: unhandled`, err))

serve(handlers, async () => {
  await closeServer()
  await closeProduct()
  await closeEcho()
  await closeCores()
  await closeAutobase()
})
