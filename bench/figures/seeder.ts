// Seeders (docs/architecture.md §14), with the real `linkup seed` in its own process.
// - catch-up through a seeder: B offline while A writes; then A goes offline too (after the
//   seeder holds all of A's blocks) and B comes back with only the seeder to reach. Floor: the
//   same catch-up with A online instead of a seeder, measured just before in the same run. Both
//   from B's restart to its last 'message' event.
// - scale: one seeder keeping `seederRooms` rooms (each with a few messages), its RSS and disk
//   per room, and its CPU over an idle window.
import type { Figure, Context } from '../lib/context.js'
import { row, type Row } from '../lib/table.js'
import { tmpDir } from '../lib/tmp.js'
import { peersAt, expect, expected } from '../product/pair.js'
import { startSeeder, type SeederProcess } from '../lib/seeder-process.js'

async function catchUp (ctx: Context, seeder: SeederProcess | null, n: number): Promise<number> {
  const { a, b, params } = ctx
  await Promise.all([a.call('sdk.close'), b.call('sdk.close')])
  ctx.room = null
  const seeders = seeder === null ? {} : { seeders: [seeder.key] }
  const storage = { a: tmpDir('A-seed'), b: tmpDir('B-seed') }
  const open = (w: typeof a, dir: string): Promise<unknown> => w.call('sdk.open', { storage: dir, net: ctx.net, name: w.name, joinTimeout: params.connectMs, ...seeders }, params.connectMs)
  await Promise.all([open(a, storage.a), open(b, storage.b)])
  const created = await a.call<{ id: string, invite: string }>('sdk.create', { alias: 'relay' })
  await b.call('sdk.join', { invite: created.invite }, params.connectMs + 5000)
  await Promise.all([peersAt(a, ctx, created.id), peersAt(b, ctx, created.id)])
  const room = created.id
  await b.call('sdk.close')
  const tag = seeder === null ? 'direct' : 'seeded'
  await a.call('sdk.sendMany', { room, tag, count: n, window: 64 }, params.figureMs)
  if (seeder !== null) {
    await a.call('sdk.kept', { room, ms: params.figureMs }, params.figureMs + 5000)
    await a.call('sdk.close')
  }
  await expect([b], room, tag, n) // registered before B opens: nothing it emits is missed
  const reopened = process.hrtime.bigint()
  await open(b, storage.b)
  const last = await expected([b], room, tag, params.figureMs)
  return Number(last - reopened) / 1e6
}

async function scale (ctx: Context, seeder: SeederProcess, rooms: number): Promise<{ rssMiB: number, rssBaseMiB: number, diskBytes: number, diskBaseBytes: number, idleCpuPct: number, idleMs: number }> {
  const { a, b, params } = ctx
  await Promise.all([a.call('sdk.close'), b.call('sdk.close')])
  const rssBaseMiB = seeder.rssMiB()
  const diskBaseBytes = seeder.diskBytes()
  await a.call('sdk.open', { storage: tmpDir('A-rooms'), net: ctx.net, name: 'A', joinTimeout: params.connectMs, seeders: [seeder.key] }, params.connectMs)
  for (let i = 0; i < rooms; i++) {
    const { id } = await a.call<{ id: string }>('sdk.create', { alias: `room ${i}` })
    await a.call('sdk.sendMany', { room: id, tag: `r${i}`, count: 10, window: 10 }, params.figureMs)
    await a.call('sdk.kept', { room: id, ms: params.figureMs }, params.figureMs + 5000)
  }
  await a.call('sdk.close')
  const idleMs = ctx.quick ? 3000 : 10_000
  const cpu0 = seeder.cpuMs()
  await new Promise((resolve) => setTimeout(resolve, idleMs)) // a measurement window, not a synchronisation
  const idleCpuPct = (seeder.cpuMs() - cpu0) / idleMs * 100
  return { rssMiB: seeder.rssMiB(), rssBaseMiB, diskBytes: seeder.diskBytes(), diskBaseBytes, idleCpuPct, idleMs }
}

export const seederFigure: Figure = async (ctx) => {
  const n = ctx.params.catchUpMessages
  const rooms = ctx.params.seederRooms
  const seeder = await startSeeder(ctx.net, ctx.params.connectMs)
  try {
    const direct = await catchUp(ctx, null, n)
    const seeded = await catchUp(ctx, seeder, n)
    const s = await scale(ctx, seeder, rooms)
    const perRoomMiB = (s.rssMiB - s.rssBaseMiB) / rooms
    const perRoomKiB = (s.diskBytes - s.diskBaseBytes) / rooms / 1024
    ctx.detail.seeder = { messages: n, directMs: direct, seededMs: seeded, rooms, ...s }
    const rows: Row[] = [
      row({ figure: `catch-up through a seeder: ${n.toLocaleString('en-US')} messages, the writer offline`, value: seeded, unit: 'ms', floor: { name: 'the same catch-up from the writer, online', value: direct, unit: 'ms' }, target: '', met: null, note: "both from B's restart to its last 'message' event; with the seeder, nobody else was online" }),
      row({ figure: `seeder RSS with ${rooms} rooms`, value: s.rssMiB, unit: 'MiB', floor: null, target: '', met: null, note: `${perRoomMiB.toFixed(2)} MiB per room over its ${s.rssBaseMiB.toFixed(0)} MiB before them (10 messages and an empty drive each)` }),
      row({ figure: `seeder disk with ${rooms} rooms`, value: (s.diskBytes - s.diskBaseBytes) / (1024 * 1024), unit: 'MiB', floor: null, target: '', met: null, note: `${perRoomKiB.toFixed(0)} KiB per room (RocksDB files, before compaction)` }),
      row({ figure: `seeder CPU while idle, ${rooms} rooms kept`, value: s.idleCpuPct, unit: '% of a core', floor: null, target: '', met: null, note: `over ${s.idleMs / 1000} s after the members went offline` })
    ]
    return rows
  } finally {
    await seeder.stop()
  }
}
