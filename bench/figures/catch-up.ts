// Catch-up: B is offline (its client closed) while A writes; B comes back; time from B's first
// answering peer until B's SDK has emitted every message (each read from its view: after a
// fast-forward the view is sparse, so "readable on demand" would not count). Floor: raw
// Hypercore replication of the same bytes as one block per message (the naive layout; group
// commit packs the messages into fewer blocks), between the same two processes, timed from its
// first peer.
import type { Figure } from '../lib/context.js'
import { row } from '../lib/table.js'
import { sharedRoom, openClient, peersAt, expect, expected } from '../product/pair.js'
import { corePeers } from '../floors/shared.js'
import { replicate } from '../floors/replication.js'

export const catchUp: Figure = async (ctx) => {
  const { a, b, params } = ctx
  const n = params.catchUpMessages
  const room = (await sharedRoom(ctx)).id
  await b.call('sdk.close')
  const sent = await a.call<{ bytesPerMessage: number, blocks: number }>('sdk.sendMany', { room, tag: 'catch', count: n, window: 64 }, params.figureMs)

  await corePeers(ctx)
  const blockBytes = Math.round(sent.bytesPerMessage)
  const floor = await replicate(a, b, 'catch-up-floor', n, blockBytes, params.figureMs)

  await expect([b], room, 'catch', n)
  const reopened = process.hrtime.bigint()
  await openClient(b, ctx, ctx.storage.b)
  const [answered, have] = await Promise.all([peersAt(b, ctx, room), expected([b], room, 'catch', params.figureMs)])
  const ms = Number(have - BigInt(answered)) / 1e6
  const fromRestart = Number(have - reopened) / 1e6
  ctx.detail.catchUp = { messages: n, blockBytes, writerBlocks: sent.blocks, ms, fromRestartMs: fromRestart, floor }
  return [row({
    figure: `catch-up: ${n.toLocaleString('en-US')} messages after B was offline`,
    value: ms,
    unit: 'ms',
    floor: { name: `raw replication of ${n.toLocaleString('en-US')} × ${blockBytes} B blocks`, value: floor.ms, unit: 'ms' },
    target: '≤ 1.5× floor',
    met: ms <= 1.5 * floor.ms,
    note: `timed from B's first answering peer to the last 'message' event; ${fromRestart.toFixed(0)} ms from B's restart (includes finding and dialling the peer); A's ${n.toLocaleString('en-US')} sends took ${sent.blocks} blocks of its writer core`
  })]
}
