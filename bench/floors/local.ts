// Worker side of the in-process floors: how fast this machine appends to a Hypercore and puts into
// a Hyperbee, one awaited write at a time (as a sender awaits each message) or `batch` writes per
// flush (as group commit does with many sends in flight), on a fresh Corestore.
import Corestore from 'corestore'
import Hyperbee from 'hyperbee'

export interface LocalResult { count: number, ms: number, perSecond: number, cpuMsPerOp: number }

async function timed (count: number, batch: number, op: (i: number, n: number) => Promise<void>): Promise<LocalResult> {
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  for (let i = 0; i < count; i += batch) await op(i, Math.min(batch, count - i))
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  const used = process.cpuUsage(cpu)
  return { count, ms, perSecond: (count * 1000) / ms, cpuMsPerOp: (used.user + used.system) / 1000 / count }
}

export const localHandlers = {
  async 'local.appends' (args: { storage: string, count: number, size: number, batch?: number }): Promise<LocalResult> {
    const store = new Corestore(args.storage)
    const core = store.get({ name: 'appends' })
    await core.ready()
    const block = Buffer.alloc(args.size, 0x61)
    try {
      return await timed(args.count, args.batch ?? 1, async (_i, n) => {
        await core.append(n === 1 ? block : Array.from({ length: n }, () => block))
      })
    } finally {
      await core.close()
      await store.close()
    }
  },

  async 'local.puts' (args: { storage: string, count: number, size: number, batch?: number }): Promise<LocalResult> {
    const store = new Corestore(args.storage)
    const bee = new Hyperbee(store.get({ name: 'puts' }), { keyEncoding: 'utf-8', valueEncoding: 'json', extension: false })
    await bee.ready()
    const text = 'a'.repeat(args.size)
    try {
      const key = (i: number): string => 'msg/' + i.toString().padStart(12, '0')
      return await timed(args.count, args.batch ?? 1, async (i, n) => {
        if (n === 1) { await bee.put(key(i), { id: 'k:' + i, text, ts: i }); return }
        const b = bee.batch()
        for (let k = i; k < i + n; k++) await b.put(key(k), { id: 'k:' + k, text, ts: k })
        await b.flush()
      })
    } finally {
      await bee.close()
      await store.close()
    }
  }
}
