// A joiner's first reads, named in advance by the peer that admitted it (src/view-hint.ts,
// docs/architecture.md §2.6). After its fast-forward a joiner's view is sparse, and each first
// read of a part of it walked the B-tree one network round trip per level: a join into a room
// of 2,000 messages waited on 25 blocks asked for one level at a time (~130 fetched in all).
// With the hint, the blocks are asked for together at the fast-forward, and the reads find
// them stored or on their way.
//
// Counted on the joiner's copy of the view core, in this process: once it has fast-forwarded
// and asked for the hint's blocks, a get that has to wait on the network (Hypercore's onwait)
// for a block no download had asked for by then is a block asked for one level at a time.
// Spies only: they change nothing the peers do.
import { test, expect, onTestFinished } from 'vitest'
import Hypercore from 'hypercore'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { roomInternals } from '../../src/room-internals.js'
import { viewSigned } from '../../src/room-base.js'
import { encodeEvent } from '../../views/schema.js'
import { readHint } from '../../src/network/peer-messages.js'
import { MAX_HINT } from '../../src/network/peer-messages.js'
import { HintedFetch } from '../../src/view-hint.js'

const MESSAGES = 2000
const PER_APPEND = 32

type Get = (this: Hypercore, index: number, opts?: { onwait?: (index: number, core: unknown) => void }) => Promise<Buffer | null>
type Download = (this: Hypercore, range?: { start?: number, end?: number, blocks?: number[] }) => { done: () => Promise<void>, destroy: () => void }

/**
 * On the view core `mine` picks: the blocks asked for by the time the joiner has fast-forwarded
 * and asked for the hint's blocks (at the fast-forward when the hint came first, at the hint
 * when it came after: a race the admitting peer usually wins by 10–60 ms, and under load in CI
 * once lost), and the blocks reads waited for from then on that were not among them: asked for
 * one at a time, as a read reached them (Hyperbee's preload of a node's children is such a
 * download too: one level ahead of the walk, still a round trip a level). Without a hint that
 * point never comes, and `upfront` stays empty.
 */
function spyOnReads (mine: (core: Hypercore) => boolean): { upfront: Set<number>, alone: Set<number>, stop: () => void } {
  const proto = Hypercore.prototype as unknown as { get: Get, download: Download }
  const { get, download } = proto
  const asked = new Set<number>()
  const upfront = new Set<number>()
  const alone = new Set<number>()
  const hints = HintedFetch.prototype as unknown as { fetch: (this: { hint: unknown }) => void }
  const { fetch } = hints
  let settled = false
  const settle = (): void => {
    settled = true
    for (const seq of asked) upfront.add(seq)
  }
  proto.get = function (index, opts) {
    if (!settled || !mine(this)) return get.call(this, index, opts)
    return get.call(this, index, {
      ...opts,
      onwait: (i, core) => {
        if (!upfront.has(i)) alone.add(i)
        opts?.onwait?.(i, core)
      }
    })
  }
  proto.download = function (range) {
    if (!mine(this) || range === undefined) return download.call(this, range)
    const from = range.start ?? 0
    for (const seq of range.blocks ?? Array.from({ length: (range.end ?? this.length) - from }, (_, i) => from + i)) asked.add(seq)
    return download.call(this, range)
  }
  // HintedFetch asks for the hint's blocks once it has both the hint and the fast-forward.
  hints.fetch = function () {
    const had = this.hint !== null
    fetch.call(this)
    if (had && !settled) settle()
  }
  const stop = (): void => {
    Object.assign(proto, { get, download })
    hints.fetch = fetch
  }
  onTestFinished(stop)
  return { upfront, alone, stop }
}

test('a join reads its first blocks of the view from one download the admitting peer named, not a round trip a level', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('history')
  // One message a block, as people send them (bench/product/peer-join.ts fills the same way).
  const base = roomInternals(room).base
  for (let i = 0; i < MESSAGES; i += PER_APPEND) {
    await base.append(Array.from({ length: Math.min(PER_APPEND, MESSAGES - i) }, (_, j) => encodeEvent({ type: 'message-posted', v: 1, text: `old ${i + j}`, ts: Date.now() })))
  }
  await base.update()
  await waitFor(() => viewSigned(base), { message: 'the history signed' })
  const invite = await room.createInvite()

  // Bob's copy of the view core: the same key as Alice's, another core in this process.
  const aliceView = base.view.core as unknown as { key: Buffer, core: unknown }
  const spy = spyOnReads((core) => {
    const c = core as unknown as { key: Buffer | null, core: unknown }
    return c.key !== null && c.key.equals(aliceView.key) && c.core !== aliceView.core
  })
  const bob = await createClient(testnet, { name: 'bob' })
  const bobRoom = await bob.joinRoom(invite)
  const page = await bobRoom.messages({ limit: 50 })
  spy.stop()

  expect(page.at(-1)?.text).toBe(`old ${MESSAGES - 1}`)
  // Without the hint nothing is asked for at the fast-forward, and the reads waited on 25 blocks
  // nobody had asked for then (each asked for as a walk, or Hyperbee's preload a level ahead of
  // it, reached its level). With it, 135 blocks were asked for at the fast-forward and the reads
  // waited on 1 other (the newest block, signed after the hint was read).
  expect(spy.upfront.size).toBeGreaterThan(50)
  expect(spy.alone.size).toBeLessThanOrEqual(5)
})

test('a hint is taken only as a bounded list of blocks below the length it names', () => {
  expect(readHint({ token: 't', length: 10, blocks: [0, 3, 9] })).toEqual({ length: 10, blocks: [0, 3, 9] })
  expect(readHint({ token: 't', length: 10, blocks: [10] })).toBeNull() // past the length
  expect(readHint({ token: 't', length: 10, blocks: [-1] })).toBeNull()
  expect(readHint({ token: 't', length: 10, blocks: [1.5] })).toBeNull()
  expect(readHint({ token: 't', length: 10, blocks: '1,2' })).toBeNull()
  expect(readHint({ token: 't', length: 'x', blocks: [] })).toBeNull()
  const many = Array.from({ length: MAX_HINT + 1 }, (_, i) => i)
  expect(readHint({ token: 't', length: MAX_HINT + 1, blocks: many })).toBeNull()
  expect(readHint({ token: 't', length: MAX_HINT + 1, blocks: many.slice(1) })).not.toBeNull()
})
