// Catch-up: B is offline (its client closed) while A writes; B comes back; time from B's first
// answering peer until B's SDK has emitted every message (each read from its view: after a
// fast-forward the view is sparse, so "readable on demand" would not count). Floor: raw
// Hypercore replication of the same bytes as one block per message (the naive layout; group
// commit packs the messages into fewer blocks), between the same two processes, timed from its
// first peer. The floor and the catch-up alternate `catchUpRounds` times (each a fresh core and
// a fresh 10,000 messages in the same room) and the medians are compared: measured once each,
// full runs on main read 0.94–2.17× and four runs in a row at load 7–12 1.20–1.95×.
import path from 'node:path'
import type { Figure } from '../lib/context.js'
import { row } from '../lib/table.js'
import { percentile } from '../lib/stats.js'
import { diagEnabled } from '../lib/diag.js'
import { sharedRoom, openClient, peersAt, expect, expected } from '../product/pair.js'
import { corePeers } from '../floors/shared.js'
import { replicate, type ReplicationResult } from '../floors/replication.js'

/** LINKUP_BENCH_PROFILE=DIR: A and B write CPU profiles of each catch-up. */
const profileDir = process.env.LINKUP_BENCH_PROFILE

interface Round { ms: number, fromRestartMs: number, writerBlocks: number, sendMs: number, trace: unknown, diag?: unknown, floorDiag?: unknown }

export const catchUp: Figure = async (ctx) => {
  const { a, b, params } = ctx
  const n = params.catchUpMessages
  const room = (await sharedRoom(ctx)).id
  await corePeers(ctx)
  const floors: ReplicationResult[] = []
  const rounds: Round[] = []
  let blockBytes = 0
  // LINKUP_BENCH_CATCHUP_ROUNDS=1: a single round (diagnosis).
  const roundCount = Number(process.env.LINKUP_BENCH_CATCHUP_ROUNDS ?? params.catchUpRounds)
  for (let round = 0; round < roundCount; round++) {
    await b.call('sdk.close')
    const tag = `catch${round}`
    const sent = await a.call<{ start: string, end: string, bytesPerMessage: number, blocks: number }>('sdk.sendMany', { room, tag, count: n, window: 64 }, params.figureMs)
    blockBytes = Math.round(sent.bytesPerMessage)
    if (diagEnabled) await b.call('diag.reset')
    floors.push(await replicate(a, b, `catch-up-floor-${round}`, n, blockBytes, params.figureMs))
    const floorDiag = diagEnabled ? await b.call('diag.read', { per: n }) : undefined

    await expect([b], room, tag, n)
    await b.call('sdk.traceArm', { room })
    if (diagEnabled) await b.call('diag.reset')
    if (profileDir !== undefined) await Promise.all([a.call('prof.start'), b.call('prof.start')])
    const reopened = process.hrtime.bigint()
    await openClient(b, ctx, ctx.storage.b)
    const [answered, have] = await Promise.all([peersAt(b, ctx, room), expected([b], room, tag, params.figureMs)])
    if (profileDir !== undefined) await Promise.all([a.call('prof.stop', { file: path.join(profileDir, `catch-up-A-${round}.cpuprofile`) }), b.call('prof.stop', { file: path.join(profileDir, `catch-up-B-${round}.cpuprofile`) })])
    const diag = diagEnabled ? await b.call('diag.read', { per: n }) : undefined
    const trace = await b.call<{ t0: string } | null>('sdk.traceRead', { room })
    const ms = Number(have - BigInt(answered)) / 1e6
    rounds.push({
      ms,
      fromRestartMs: Number(have - reopened) / 1e6,
      writerBlocks: sent.blocks,
      sendMs: Number(BigInt(sent.end) - BigInt(sent.start)) / 1e6,
      // the trace's times are from when B's client handed the room over; the peer answered at answeredMs
      trace: trace === null ? null : { ...trace, answeredMs: Number(BigInt(answered) - BigInt(trace.t0)) / 1e6 },
      ...(diag === undefined ? {} : { diag, floorDiag })
    })
    ctx.log(`catch-up round ${round + 1}: ${ms.toFixed(0)} ms, floor ${floors[round].ms.toFixed(0)} ms`)
  }
  const median = <T>(xs: T[], f: (x: T) => number): number => percentile(xs.map(f), 50)
  const ms = median(rounds, (r) => r.ms)
  const floorMs = median(floors, (f) => f.ms)
  ctx.detail.catchUp = { messages: n, blockBytes, rounds, floors }
  return [row({
    figure: `catch-up: ${n.toLocaleString('en-US')} messages after B was offline`,
    value: ms,
    unit: 'ms',
    floor: { name: `raw replication of ${n.toLocaleString('en-US')} × ${blockBytes} B blocks`, value: floorMs, unit: 'ms' },
    target: '≤ 1.5× floor',
    met: ms <= 1.5 * floorMs,
    note: `medians of ${rounds.length} catch-ups and ${floors.length} floors, alternated (catch-ups ${rounds.map((r) => r.ms.toFixed(0)).join(', ')}; floors ${floors.map((f) => f.ms.toFixed(0)).join(', ')} ms); timed from B's first answering peer to the last 'message' event; ${median(rounds, (r) => r.fromRestartMs).toFixed(0)} ms from B's restart (includes finding and dialling the peer); A's ${n.toLocaleString('en-US')} sends took ${rounds.map((r) => r.writerBlocks).join(', ')} blocks of its writer core`
  })]
}
