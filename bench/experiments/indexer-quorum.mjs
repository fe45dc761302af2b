// With n indexers, how many must be online for a message to be signed? Does signing resume
// when the offline ones come back?
//
//   node bench/experiments/indexer-quorum.mjs          (n = 1..4; WAIT=6000 ms per "does it sign")
//
// For each n: the owner adds n-1 more indexers and one non-indexer member, all connected.
// Then k indexers go offline (the owner first), for each k from 1 to n-1 (and k = 0 as the
// baseline); an online indexer, then the member, sends a message and we wait WAIT ms for the
// writer's signedLength to cover it, with Autobase's own acks (ackInterval). If it is not
// signed, the online indexers force acks (`append(null)` in turn, up to 12): is the quorum
// there, and only the automatic acks missing? Then the offline indexers reconnect and we wait
// for the member's message to be signed.
import { createPeer, mesh, link, offline, shutdown, send, op, waitFor, hex, cleanup, report } from './lib.mjs'

const WAIT = Number(process.env.WAIT || 6000)

async function room (n) {
  const owner = await createPeer('owner', null)
  const others = []
  for (let i = 1; i < n; i++) others.push(await createPeer('idx' + i, owner.base.key))
  const member = await createPeer('member', owner.base.key)
  const peers = [owner, ...others, member]
  mesh(peers)
  for (const p of others) await op(owner, { type: 'add', key: hex(p.base.local.key), indexer: true })
  await op(owner, { type: 'add', key: hex(member.base.local.key), indexer: false })
  const ms = await waitFor(() => peers.every(p => p.base.linearizer.indexers.length === n && p.base.writable) &&
    others.every(p => p.base.isIndexer), 30_000)
  if (ms === null) throw new Error(`n=${n}: the indexers were not all added in 30 s`)
  await send(owner, 'settle')
  await waitFor(() => peers.every(p => p.base.signedLength >= owner.base.length - 1), 20_000)
  return { owner, indexers: [owner, ...others], member, peers }
}

/**
 * Sends from `writer` and waits WAIT ms for it to be signed with Autobase's own acks; if it is
 * not, the online indexers force acks in turn. Returns a description and the target length.
 */
async function trial (writer, online) {
  await send(writer, 'while some are away ' + Date.now())
  const target = writer.base.length
  const done = () => writer.base.signedLength >= target
  const ms = await waitFor(done, WAIT)
  if (ms !== null) return { target, text: `signed in ${ms} ms` }
  let acks = 0
  while (acks < 12 && !done()) {
    await online[acks++ % online.length].base.append(null)
    await waitFor(done, 300)
  }
  return { target, text: `NOT signed within ${WAIT} ms; ` + (done() ? `signed after ${acks} forced acks` : `NOT signed after ${acks} forced acks`) }
}

function reconnect (away, peers) {
  for (const p of away) for (const q of peers) if (q !== p && ![...p.links].some(l => l.a === q || l.b === q)) link(p, q)
}

const rows = []
for (let n = 1; n <= 4; n++) {
  const { indexers, member, peers } = await room(n)
  rows.push(`n=${n}: system core signers ${member.base.core.manifest.signers.length}, quorum ${member.base.core.manifest.quorum}`)
  for (let k = 0; k < n; k++) {
    const away = indexers.slice(0, k)
    const online = indexers.slice(k)
    for (const p of away) offline(p)
    const byIndexer = await trial(online[online.length - 1], online)
    const byMember = await trial(member, online)
    let back = ''
    if (k > 0) {
      reconnect(away, peers)
      if (member.base.signedLength < byMember.target) {
        const resumed = await waitFor(() => member.base.signedLength >= byMember.target, 20_000)
        back = resumed === null ? '; NOT signed 20 s after they returned' : `; signed ${resumed} ms after they returned`
      }
    }
    rows.push(`  ${k} of ${n} offline (${n - k} online): from an indexer: ${byIndexer.text}; from a member: ${byMember.text}${back}`)
  }
  for (const p of peers) await shutdown(p)
}
report('Signing with n indexers, k of them offline (ackInterval 1000 ms)', rows)
cleanup()
