// Join: a fresh member joins a room of 1,000, 10,000 and 100,000 messages (each its own block of
// the owner's writer core, as people send them one at a time) and reads its first page. Timed
// from joinRoom() to the page; the join must fast-forward (Autobase adopts the signed state
// instead of replaying history), and each one's fast-forward is counted. Then, in the
// background, the rest of the view arrives: when, and what it cost the joiner and the owner.
// The floor of each size is the join into the smallest room, in the same run: the target is a
// join that does not grow with the room. The rooms are filled first and the joins alternate size
// by size (bench/README.md, the method).
import path from 'node:path'
import type { Context, Figure } from '../lib/context.js'
import { row, type Row } from '../lib/table.js'
import { Worker } from '../lib/worker.js'
import { tmpDir } from '../lib/tmp.js'
import { since, percentile } from '../lib/stats.js'
import { openClient } from '../product/pair.js'

/** LINKUP_BENCH_PROFILE=DIR: the joiner and the owner write CPU profiles of each join. */
const profileDir = process.env.LINKUP_BENCH_PROFILE

interface Joined { phases: Record<string, number | null>, joinMs: number, pageMs: number, count: number, newest: string | null, fastForwards: number, viewLocal: number, viewLength: number, cpuMs: number }
interface Trial extends Joined { viewMs: number, joinerViewCpuMs: number, rssMiB: number, ownerCpuPageMs: number, ownerCpuMs: number }
export interface JoinResult { messages: number, fillMs: number, blocks: number, trials: Trial[] }

export const join: Figure = async (ctx) => {
  // LINKUP_BENCH_JOIN=1000,10000 measures only those sizes (diagnosis).
  const sizes = process.env.LINKUP_BENCH_JOIN?.split(',').map(Number) ?? ctx.params.joinSizes
  // Every room first, then the joins alternated size by size (1,000, 10,000, 100,000, 1,000, …):
  // the target is a ratio between sizes, and joins one size after another, a minute and more
  // apart, put the machine's load drift into it (as the file figure alternates its floor).
  const rooms: FilledRoom[] = []
  try {
    for (const n of sizes) rooms.push(await fillRoom(ctx, n))
    await settle(ctx, rooms)
    // One join into each room first, not counted: an owner's first join paid its cold start
    // (2026-12-03 17:38 and 17:54: the first joins of each size 742–1,127 ms, the later ones
    // 333–711), which is no cost of the room's size and decided medians of 5.
    for (const r of rooms) await joinOnce(ctx, r.owner, r.room, r.messages, -1, { view: false })
    for (let t = 0; t < ctx.params.joinTrials; t++) {
      for (const r of rooms) r.trials.push(await joinOnce(ctx, r.owner, r.room, r.messages, t, { view: true }) as Trial)
    }
  } finally {
    await Promise.all(rooms.map(async (r) => { await r.owner.stop() }))
  }
  const results: JoinResult[] = rooms.map(({ messages, fillMs, blocks, trials }) => ({ messages, fillMs, blocks, trials }))
  for (const r of results) {
    ctx.log(`join ${r.messages}: first page ${r.trials.map((t) => t.pageMs.toFixed(0)).join(', ')} ms; fast-forwarded ${r.trials.filter((t) => t.fastForwards > 0).length} of ${r.trials.length}; whole view ${r.trials.map((t) => (t.viewMs / 1000).toFixed(1)).join(', ')} s`)
  }
  ctx.detail.join = results
  return joinRows(results)
}

function joinRows (results: JoinResult[]): Row[] {
  const median = (r: JoinResult, f: (t: Trial) => number): number => percentile(r.trials.map(f), 50)
  const smallest = results[0]
  const floor = { name: `join + first page, ${smallest.messages.toLocaleString('en-US')} messages`, value: median(smallest, (t) => t.pageMs), unit: 'ms' }
  const largest = results.at(-1) as JoinResult
  return results.map((r) => {
    const page = median(r, (t) => t.pageMs)
    const ff = r.trials.filter((t) => t.fastForwards > 0).length
    const isTarget = r === largest && r.messages >= 100_000
    return row({
      figure: `join + first page, ${r.messages.toLocaleString('en-US')}-message room`,
      value: page,
      unit: 'ms',
      floor: r === smallest ? null : floor,
      target: isTarget ? '≤ 1,000 ms and ≤ 1.2× floor' : '',
      met: isTarget ? page <= 1000 && page <= 1.2 * floor.value : null,
      note: `${ff} of ${r.trials.length} joins fast-forwarded; median of ${r.trials.length}: joinRoom ${median(r, (t) => t.joinMs).toFixed(0)} ms, then the page; the whole view (${r.trials[0].viewLength.toLocaleString('en-US')} blocks) ${(median(r, (t) => t.viewMs) / 1000).toFixed(1)} s after the page; CPU per join: joiner ${median(r, (t) => t.cpuMs + t.joinerViewCpuMs).toFixed(0)} ms, owner ${median(r, (t) => t.ownerCpuPageMs).toFixed(0)} ms to the page and ${median(r, (t) => t.ownerCpuMs).toFixed(0)} ms with the view; joiner RSS ${median(r, (t) => t.rssMiB).toFixed(0)} MiB`
    })
  })
}

/** After filling, an owner's RocksDB may still compact what it wrote: joins start once each idles. */
async function settle (ctx: Context, rooms: FilledRoom[]): Promise<void> {
  const windowMs = 500
  const waited = await Promise.all(rooms.map(async (r) => await r.owner.call<{ waitedMs: number, percent: number }>('cpu.quiet', { windowMs, maxPercent: 5, deadlineMs: 30_000 }, 35_000)))
  ctx.log(`join: owners idle after ${waited.map((w, i) => `${rooms[i].messages}: ${w.waitedMs} ms (${w.percent.toFixed(0)}% of a core)`).join(', ')}`)
}

interface FilledRoom extends JoinResult { owner: Worker, room: { id: string, invite: string } }

/** The owner's process and its room of `n` messages, signed to the end (what a joiner fast-forwards to). */
async function fillRoom (ctx: Context, n: number): Promise<FilledRoom> {
  const owner = new Worker(`join-owner-${n}`)
  try {
    await openClient(owner, ctx, tmpDir(`join-owner-${n}`))
    const room = await owner.call<{ id: string, invite: string }>('sdk.create', { alias: `join ${n}` })
    const fill = await owner.call<{ ms: number, blocks: number }>('sdk.fill', { room: room.id, count: n, batch: ctx.params.joinFillBatch, tag: 'history' }, ctx.params.figureMs * 2)
    await owner.call('sdk.signed', { room: room.id, ms: ctx.params.figureMs }, ctx.params.figureMs + 5000)
    return { owner, room, messages: n, fillMs: fill.ms, blocks: fill.blocks, trials: [] }
  } catch (err) {
    await owner.stop()
    throw err
  }
}

/** A fresh member's join and first page; with `view`, then the wait for the whole view. */
async function joinOnce (ctx: Context, owner: Worker, room: { id: string, invite: string }, n: number, t: number, opts: { view: boolean }): Promise<Trial | Joined> {
  const joiner = new Worker(`joiner-${n}-${t}`)
  try {
    // The owner served the last joiner's view until that one left: each join starts on an idle owner.
    await owner.call('cpu.quiet', { windowMs: 200, maxPercent: 10, deadlineMs: 10_000 }, 15_000)
    await owner.call('cpu.mark')
    if (profileDir !== undefined) await Promise.all([joiner.call('prof.start'), owner.call('prof.start')])
    const joined = await joiner.call<Joined>('sdk.joinPage', { storage: tmpDir(`joiner-${n}`), net: ctx.net, invite: room.invite, limit: 50 }, ctx.params.figureMs)
    const pageAt = process.hrtime.bigint().toString()
    if (joined.count !== 50 || joined.newest?.startsWith(`history ${n - 1} `) !== true) throw new Error(`the first page of a ${n}-message room held ${joined.count} messages, the newest ${JSON.stringify(joined.newest)}`)
    const ownerPage = await owner.call<{ cpuMs: number }>('cpu.read')
    if (!opts.view) return joined
    const view = await joiner.call<{ at: string, cpuMs: number, rssMiB: number }>('sdk.viewComplete', { room: room.id, ms: ctx.params.figureMs }, ctx.params.figureMs + 5000)
    const ownerAll = await owner.call<{ cpuMs: number }>('cpu.read')
    if (profileDir !== undefined) await Promise.all([joiner.call('prof.stop', { file: path.join(profileDir, `join-${n}-${t}-joiner.cpuprofile`) }), owner.call('prof.stop', { file: path.join(profileDir, `join-${n}-${t}-owner.cpuprofile`) })])
    return { ...joined, viewMs: since(pageAt, view.at), joinerViewCpuMs: view.cpuMs, rssMiB: view.rssMiB, ownerCpuPageMs: ownerPage.cpuMs, ownerCpuMs: ownerAll.cpuMs }
  } finally {
    await joiner.stop()
  }
}
