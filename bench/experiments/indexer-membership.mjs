// How an indexer is added, demoted and removed, and when each takes effect; what happens when
// the indexer being removed is offline for good, or is the last one.
//
//   node bench/experiments/indexer-membership.mjs      (WAIT=12000 ms per "does it happen")
//
// "Takes effect" is read on every peer: the base's indexer list (linearizer.indexers), the
// system core's signers (its key changes: Autobase migrates to a new system core whenever the
// indexer set changes) and `isIndexer` on the peer concerned. Acks are Autobase's own
// (ackInterval 1000 ms) unless a step says it forces them (`append(null)` by online indexers).
import { createPeer, createRoomOf, mesh, shutdown, offline, send, op, waitFor, hex, short, indexers, cleanup, report } from './lib.mjs'

const WAIT = Number(process.env.WAIT || 12_000)
const rows = []
const note = (s) => { rows.push(s); console.log(s) }

const all = await createRoomOf('B', 'C', 'D')
const [owner, b, c, d] = all
const names = new Map(all.map(p => [short(p.base.local.key), p.name]))
const set = (p) => indexers(p).split(',').map(k => names.get(k) || k).sort().join('+')
const systemKeys = () => new Set(live().map(p => short(p.base.core.key))).size
let gone = new Set()
const live = () => all.filter(p => !gone.has(p))
const agree = (want) => () => live().every(p => set(p) === want)

/** Forces acks from the given indexers in turn until `done` or `max` acks. */
async function force (by, done, max = 12) {
  let n = 0
  while (n < max && !(await done())) {
    await by[n++ % by.length].base.append(null)
    await waitFor(done, 300)
  }
  return (await done()) ? n : null
}

/** Appends `value` from `from`, then waits until every live peer shows indexer set `want`. */
async function change (label, from, value, want, forceBy = null) {
  const sys0 = short(from.base.core.key)
  const t0 = Date.now()
  await op(from, value)
  const auto = await waitFor(agree(want), WAIT)
  let how = auto === null ? `NOT in effect after ${WAIT} ms of automatic acks` : `in effect on every peer after ${auto} ms`
  if (auto === null && forceBy !== null) {
    const acks = await force(forceBy, agree(want))
    how += acks === null ? `; NOT in effect after 12 forced acks` : `; in effect after ${acks} forced acks (${Date.now() - t0} ms in all)`
  }
  note(`${label}: ${how}; indexers now ${set(from)}; system core ${sys0} → ${short(from.base.core.key)} (${systemKeys()} distinct among live peers)`)
}

async function signing (label, writer, forceBy) {
  await send(writer, label)
  const target = writer.base.length
  const auto = await waitFor(() => writer.base.signedLength >= target, WAIT)
  let how = auto === null ? `NOT signed after ${WAIT} ms of automatic acks` : `signed after ${auto} ms`
  if (auto === null && forceBy.length > 0) {
    const acks = await force(forceBy, () => writer.base.signedLength >= target)
    how += acks === null ? '; NOT signed after 12 forced acks' : `; signed after ${acks} forced acks`
  }
  note(`  a message from ${writer.name} then: ${how}`)
}

// Members first (non-indexers), as LinkUp admits them.
for (const p of [b, c, d]) await op(owner, { type: 'add', key: hex(p.base.local.key), indexer: false })
await waitFor(() => all.every(p => p.base.writable), 20_000)

const isIdx = (p, want) => () => p.base.isIndexer === want

await change('1. owner adds B as indexer (addWriter, indexer: true)', owner, { type: 'add', key: hex(b.base.local.key), indexer: true }, 'B+owner')
note(`  B.isIndexer ${b.base.isIndexer}`)
await signing('after B joined the indexers', d, [])
await change('2. owner adds C as indexer', owner, { type: 'add', key: hex(c.base.local.key), indexer: true }, 'B+C+owner')
await signing('with owner, B, C indexers', d, [])
await change('3. owner demotes C (addWriter, indexer: false, on an indexer)', owner, { type: 'add', key: hex(c.base.local.key), indexer: false }, 'B+owner', [owner, b, c])
note(`  C.isIndexer ${c.base.isIndexer}, C.writable ${c.base.writable}`)
await change('4. owner promotes C again', owner, { type: 'add', key: hex(c.base.local.key), indexer: true }, 'B+C+owner', [owner, b])
await waitFor(isIdx(c, true), WAIT)

// C's device is lost for good: offline and closed, never back.
await shutdown(c)
gone.add(c)
note('C is closed for good (3 indexers, 2 online)')
await signing('with C gone', d, [owner, b])
await change('5. owner removes C (removeWriter) while C is gone', owner, { type: 'remove', key: hex(c.base.local.key) }, 'B+owner', [owner, b])
await signing('after C removed', d, [owner, b])

// B goes for good too: owner + B are the indexers, quorum 2 of 2, and only the owner is left.
await shutdown(b)
gone.add(b)
note('B is closed for good (2 indexers, 1 online)')
await signing('with B gone', d, [owner])
await change('6. owner removes B while B is gone (quorum 2 of 2 unreachable)', owner, { type: 'remove', key: hex(b.base.local.key) }, 'owner', [owner])

// The last indexer: Autobase refuses to remove it (host.removeable is false; removeWriter throws).
const before = set(owner)
await op(owner, { type: 'remove', key: hex(owner.base.local.key) })
await waitFor(async () => (await owner.base.view.get('refused/' + hex(owner.base.local.key))) !== null, 5000)
const refused = await owner.base.view.get('refused/' + hex(owner.base.local.key))
note(`7. owner removes itself while it is the only indexer left in its own view (${before}): ${refused ? 'refused: ' + refused.value.why : 'accepted'}; indexers ${set(owner)}`)

// The way out Autobase offers: a fork. Any writer's block may call host.fork(indexers, system)
// in apply: from a system state this peer has indexed, the base moves to a new indexer set
// (a new system core) without the old quorum. Here the owner forks to itself alone.
const sys = owner.base.system.core.key
const forkAt = owner.base.indexedLength
await op(owner, { type: 'fork', indexers: [hex(owner.base.local.key)], system: { key: hex(sys), length: forkAt } })
const forked = await waitFor(agree('owner'), WAIT)
note(`8. owner forks to {owner} from indexed length ${forkAt}: ${forked === null ? 'NOT in effect' : `in effect on owner and D after ${forked} ms`}; indexers ${set(owner)} (D: ${set(d)}); system core ${short(sys)} → ${short(owner.base.core.key)}`)
await signing('after the fork', d, [owner])

// A brand-new member after all this: does it fast-forward off the state signed by {owner}?
const e = await createPeer('E', owner.base.key)
all.push(e)
mesh([owner, e])
mesh([d, e])
const ffMs = await waitFor(() => e.base.signedLength > 0 && e.base.length >= owner.base.signedLength && set(e) === 'owner', 20_000)
note(`9. a brand-new member E: ${ffMs === null ? 'did NOT catch up in 20 s' : `caught up in ${ffMs} ms`}; fast-forwards ${JSON.stringify(e.ff)}; applied ${e.applied} blocks itself; indexers ${set(e)}; signed ${e.base.signedLength}/${e.base.length}`)

report('Adding, demoting and removing indexers (owner, B, C indexers at most; D a member)', rows)
for (const p of live()) await shutdown(p)
cleanup()
