// Can the owner (the base's bootstrap key) stop being an indexer, its device be lost for good,
// and the room keep signing? Can a brand-new member then join and fast-forward?
//
//   node bench/experiments/owner-handover.mjs      (all three ways; WAIT=12000 ms, HISTORY=300)
//
// The owner makes B and C indexers, then either demotes itself (addWriter(owner, indexer:
// false): it stays a writer), removes itself (removeWriter(owner)), or does neither; then the
// owner's device is closed for good. B and C write; a fresh member E joins with only B and C
// online.
import { createPeer, createRoomOf, mesh, shutdown, send, op, waitFor, hex, short, indexers, cleanup, report } from './lib.mjs'

const WAIT = Number(process.env.WAIT || 12_000)
const HISTORY = Number(process.env.HISTORY || 300)

async function run (how) {
  const rows = []
  const [owner, b, c] = await createRoomOf('B', 'C')
  const names = new Map([owner, b, c].map(p => [short(p.base.local.key), p.name]))
  const set = (p) => indexers(p).split(',').map(k => names.get(k) || k).sort().join('+')
  for (const p of [b, c]) await op(owner, { type: 'add', key: hex(p.base.local.key), indexer: true })
  await waitFor(() => [owner, b, c].every(p => set(p) === 'B+C+owner'), 20_000)
  await send(owner, 'before the handover')

  if (how !== 'none') {
    const value = how === 'demote'
      ? { type: 'add', key: hex(owner.base.local.key), indexer: false }
      : { type: 'remove', key: hex(owner.base.local.key) }
    await op(owner, value)
    const ms = await waitFor(() => [owner, b, c].every(p => set(p) === 'B+C'), WAIT)
    rows.push(`owner ${how}s itself: ${ms === null ? 'NOT in effect in ' + WAIT + ' ms' : `in effect on all after ${ms} ms`}; ` +
      `owner isIndexer ${owner.base.isIndexer}, writable ${owner.base.writable}; indexers ${set(b)}`)
  }
  await shutdown(owner)
  rows.push(`owner's device closed for good; indexers in B's view: ${set(b)}`)

  await send(b, 'after the owner left')
  const target = b.base.length
  const auto = await waitFor(() => b.base.signedLength >= target && c.base.signedLength >= target, WAIT)
  let forced = ''
  if (auto === null) {
    let n = 0
    while (n < 12 && b.base.signedLength < target) {
      await [b, c][n++ % 2].base.append(null)
      await waitFor(() => b.base.signedLength >= target, 300)
    }
    forced = b.base.signedLength >= target ? `; signed after ${n} forced acks` : `; NOT signed after ${n} forced acks`
  }
  rows.push(`a message from B: ${auto === null ? `NOT signed in ${WAIT} ms of automatic acks` : `signed after ${auto} ms`}${forced}`)

  // Some history signed by B and C alone, so that a fast-forward is worth it (Autobase skips
  // one shorter than 16 system blocks).
  for (let i = 0; i < HISTORY; i++) await send(i % 2 ? b : c, 'history ' + i)
  const signedHistory = await waitFor(() => b.base.signedLength >= b.base.length - 4, 30_000)
  rows.push(`${HISTORY} more messages from B and C: signed up to ${b.base.signedLength} of ${b.base.length} ${signedHistory === null ? '(not all in 30 s)' : ''}`)

  const e = await createPeer('E', owner.base.key) // the room key is still the owner's key
  mesh([b, c, e])
  const signedByBC = b.base.signedLength
  const ms = await waitFor(() => e.base.signedLength >= signedByBC && set(e) === set(b), 20_000)
  rows.push(`a brand-new member E (only B and C online): ${ms === null ? 'did NOT catch up in 20 s' : `caught up in ${ms} ms`}; ` +
    `fast-forwards ${JSON.stringify(e.ff)}; applied ${e.applied} blocks itself; indexers ${set(e)}; signed ${e.base.signedLength}/${e.base.length}`)
  report(`The owner ${how === 'none' ? 'stays an indexer' : how + 's itself'}, then is gone for good`, rows)
  for (const p of [b, c, e]) await shutdown(p)
}

for (const how of (process.env.HOW || 'demote,remove,none').split(',')) await run(how)
cleanup()
