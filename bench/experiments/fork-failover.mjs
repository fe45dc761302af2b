// One signer at a time, and an admin takes over by fork when the signer is gone: does the
// room keep signing with any one admin online? What happens when two admins take over at once?
//
//   node bench/experiments/fork-failover.mjs       (WAIT=10000 ms; PART=1 or 2 for one part)
//
// The owner is the only indexer; B and C are admins (writers, not indexers); D is a member.
// 1. The owner's device is gone for good; B forks the room to {B} from the state it has
//    indexed (host.fork in apply). Does everyone follow, does signing resume, is the unsigned
//    tail kept, and does a brand-new member fast-forward?
// 2. Split: B and C cannot see each other (D sees only B) and both take over at once, B to {B}
//    and C to {C}; each side writes; then they reconnect. Do they converge? Then the side with
//    the larger key forks again to the other's signer (a deterministic tie-break): do the views
//    converge, and is what C's side wrote meanwhile kept?
import { createPeer, createRoomOf, mesh, link, offline, shutdown, send, op, waitFor, hex, short, indexers, count, cleanup, report } from './lib.mjs'

const WAIT = Number(process.env.WAIT || 10_000)
const PART = process.env.PART || 'both'
const BEFORE = Number(process.env.BEFORE || 40) // messages before the owner goes
const LATE_ADD = process.env.LATE_ADD === '1'

async function setup () {
  const peers = await createRoomOf('B', 'C', 'D')
  const [owner, b, c, d] = peers
  // LATE_ADD=1: the owner writes its history before it adds the others (so a joiner replaying
  // from the start meets their writers only after that history).
  if (LATE_ADD) for (let i = 0; i < BEFORE - 2; i++) await send(owner, 'before ' + i)
  for (const p of [b, c, d]) await op(owner, { type: 'add', key: hex(p.base.local.key), indexer: false })
  await waitFor(() => peers.every(p => p.base.writable), 20_000)
  for (let i = LATE_ADD ? BEFORE - 2 : 0; i < BEFORE; i++) await send(i < BEFORE - 2 ? owner : i === BEFORE - 2 ? b : c, 'before ' + i)
  await waitFor(() => peers.every(p => p.base.signedLength >= owner.base.length - 2), 20_000)
  const names = new Map([owner, b, c, d].map(p => [short(p.base.local.key), p.name]))
  const set = (p) => indexers(p).split(',').map(k => names.get(k) || k).sort().join('+')
  return { owner, b, c, d, set }
}

// A fork's new indexers must be writers whose cores have blocks (Autobase needs their
// manifest): an admin who never wrote cannot be forked to. B and C each wrote above.
function takeOver (p, to = p) {
  return op(p, { type: 'fork', indexers: [hex(to.base.local.key)], system: { key: hex(p.base.system.core.key), length: p.base.indexedLength } })
}

async function msgs (p) {
  const out = []
  for await (const { value } of p.base.view.createReadStream({ gt: 'msg/', lt: 'msg0' })) out.push(value.text)
  return out
}

// 1. Failover.
if (PART !== '2') {
  const rows = []
  const { owner, b, c, d, set } = await setup()
  await shutdown(owner)
  // Written while nobody can sign: the unsigned tail a fork must keep.
  await send(c, 'unsigned tail from C')
  await send(d, 'unsigned tail from D')
  await waitFor(async () => (await count(b)) === BEFORE + 2 && (await count(c)) === BEFORE + 2 && (await count(d)) === BEFORE + 2, WAIT)
  rows.push(`owner gone; C and D wrote 2 messages: signed ${b.base.signedLength} of ${b.base.length} on B`)
  const t0 = Date.now()
  await takeOver(b)
  const followed = await waitFor(() => [b, c, d].every(p => set(p) === 'B'), WAIT)
  rows.push(`B forks to {B}: ${followed === null ? 'NOT followed by all in ' + WAIT + ' ms' : `B, C and D have indexers {B} after ${followed} ms`}`)
  await send(d, 'after the takeover')
  const target = d.base.length
  const signed = await waitFor(() => [b, c, d].every(p => p.base.signedLength >= target), WAIT)
  rows.push(`a message from D: ${signed === null ? 'NOT signed in ' + WAIT + ' ms' : `signed on B, C and D ${signed} ms later`} (${Date.now() - t0} ms after the fork)`)
  const views = await Promise.all([b, c, d].map(msgs))
  rows.push(`views: ${views.map(v => v.length).join(' / ')} messages; identical ${views.every(v => JSON.stringify(v) === JSON.stringify(views[0]))}; tail kept: ${views[0].includes('unsigned tail from C') && views[0].includes('unsigned tail from D')}`)
  for (let i = 0; i < 40; i++) await send(i % 2 ? c : d, 'history ' + i)
  await waitFor(() => b.base.signedLength >= b.base.length - 2, 20_000)
  const e = await createPeer('E', owner.base.key)
  mesh([b, c, d, e])
  const joined = await waitFor(() => e.base.signedLength >= b.base.signedLength && set(e) === 'B', WAIT)
  rows.push(`a brand-new member E: ${joined === null ? `did NOT catch up in ${WAIT} ms` : `caught up in ${joined} ms`}; fast-forwards ${JSON.stringify(e.ff)}; applied ${e.applied} blocks itself; indexers {${set(e)}}`)
  if (joined === null) {
    await send(d, 'a new message from a member')
    const nudged = await waitFor(() => e.base.signedLength >= b.base.signedLength && set(e) === 'B', WAIT)
    rows.push(`  then D sends a message: E ${nudged === null ? `still NOT caught up in ${WAIT} ms` : `caught up ${nudged} ms later`}; fast-forwards ${JSON.stringify(e.ff)}; applied ${e.applied}; indexers {${set(e)}}`)
  }
  report('1. Failover: the owner (sole indexer) is gone for good, admin B takes over by fork', rows)
  for (const p of [b, c, d, e]) await shutdown(p)
}

// 2. Two takeovers at once.
if (PART !== '1') {
  const rows = []
  const { owner, b, c, d, set } = await setup()
  await shutdown(owner)
  offline(c) // C is cut off from B and D
  await takeOver(b)
  await takeOver(c)
  await waitFor(() => set(b) === 'B' && set(d) === 'B' && set(c) === 'C', WAIT)
  await send(b, 'B side')
  await send(d, 'D on B side')
  await send(c, 'C side')
  rows.push(`apart: B has {${set(b)}}, D {${set(d)}}, C {${set(c)}}; system cores ${short(b.base.core.key)} / ${short(c.base.core.key)}`)
  link(b, c)
  link(c, d)
  const converged = await waitFor(async () => set(b) === set(c) && (await count(b)) === (await count(c)), WAIT)
  rows.push(`reconnected: ${converged === null ? `NOT converged in ${WAIT} ms: B has {${set(b)}} and ${await count(b)} messages, C {${set(c)}} and ${await count(c)}` : 'converged'}`)
  const [loser, winner] = b.base.local.key.compare(c.base.local.key) < 0 ? [c, b] : [b, c]
  await takeOver(loser, winner)
  const healed = await waitFor(async () => set(b) === set(c) && set(c) === set(d) && (await count(b)) === (await count(c)) && (await count(c)) === (await count(d)), WAIT)
  const views = await Promise.all([b, c, d].map(msgs))
  const same = async () => { const v = await Promise.all([b, c, d].map(msgs)); return v.every(x => JSON.stringify(x) === JSON.stringify(v[0])) }
  const identical = await waitFor(same, 3 * WAIT)
  rows.push(`${loser.name} (the larger key) forks to {${winner.name}}: ${healed === null ? 'NOT converged in ' + WAIT + ' ms' : `converged after ${healed} ms`}; indexers ${[b, c, d].map(set).join(' / ')}; ` +
    `messages ${views.map(v => v.length).join(' / ')}; identical at once ${views.every(v => JSON.stringify(v) === JSON.stringify(views[0]))}, ${identical === null ? `NOT identical ${3 * WAIT} ms later` : `identical ${identical} ms later`}; ` +
    `C's 'C side' kept on B: ${views[0].includes('C side')}, B's 'B side' kept on C: ${views[1].includes('B side')}`)
  await send(d, 'after healing')
  const target = d.base.length
  const signed = await waitFor(() => [b, c, d].every(p => p.base.signedLength >= target), WAIT)
  rows.push(`then a message from D: ${signed === null ? 'NOT signed on all in ' + WAIT + ' ms' : `signed on all after ${signed} ms`}`)
  report('2. Two admins take over at once, apart (split), then meet', rows)
  for (const p of [b, c, d]) await shutdown(p)
}
cleanup()
