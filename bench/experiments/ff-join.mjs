// Does a brand-new member fast-forward into a large room, or replay its whole history?
//
// The owner (sole indexer) writes N messages, one per block, signed as it goes. Then T fresh
// joiners, one after another, connect to it and catch up. For each: fast-forward events, how
// many blocks it applied itself (a fast-forward applies none of the signed history), time and
// the system core's remote length as Autobase saw it when it decided whether to fast-forward.
//
//   N=10000 T=4 MODE=join PER=1 node bench/experiments/ff-join.mjs
//   MODE=reader: the joiner only reads; MODE=join: it appends an optimistic join block right
//   after ready, before it has synced, as LinkUp's Client.joinRoom does.
import { createPeer, link, shutdown, count, waitFor, enc, cleanup, report } from './lib.mjs'

const N = Number(process.env.N || 10_000)
const T = Number(process.env.T || 4)
const MODE = process.env.MODE || 'join'
const PER = Number(process.env.PER || 1) // blocks per append: 1 is one message at a time, as people send
const opts = { base: { optimistic: true } }

const owner = await createPeer('owner', null, opts)
const t0 = Date.now()
for (let i = 0; i < N; i += PER) {
  const blocks = []
  for (let j = i; j < Math.min(N, i + PER); j++) blocks.push(enc({ type: 'msg', text: 'history ' + j }))
  await owner.base.append(blocks)
}
await waitFor(() => owner.base.signedLength === owner.base.length, 10_000)
console.log(`owner wrote ${N} messages as ${owner.base.local.length} blocks in ${Date.now() - t0} ms; system length ${owner.base.length}, signed ${owner.base.signedLength}`)

const rows = []
let fastForwarded = 0
for (let t = 0; t < T; t++) {
  const joiner = await createPeer('joiner' + t, owner.base.key, opts)
  const decisions = []
  // What _queueFastForward sees on a reboot (the system core is replaced once the first
  // indexer is known): the remote signed length of the new system core, and the local one.
  joiner.base.on('reboot', () => decisions.push(`reboot: remote=${joiner.base.core.core.state.length} local=${joiner.base.core.length}`))
  const cpu = process.cpuUsage()
  const start = Date.now()
  if (MODE === 'join') await joiner.base.append(enc({ type: 'join' }), { optimistic: true })
  link(owner, joiner)
  // Done once the view holds all N and the joiner either fast-forwarded or applied them all
  // (a fast-forward moves the view before its event is emitted).
  const ms = await waitFor(async () => (await count(joiner)) === N && (joiner.ff.length > 0 || joiner.applied >= N), 120_000)
  const used = process.cpuUsage(cpu)
  const ff = joiner.ff.length > 0
  if (ff) fastForwarded++
  rows.push(`joiner ${t}: caught up in ${ms} ms, CPU ${Math.round((used.user + used.system) / 1000)} ms (both peers), ` +
    `fast-forwards ${JSON.stringify(joiner.ff)}, applied ${joiner.applied} blocks itself; ${decisions.join('; ')}`)
  await shutdown(joiner)
}
report(`${T} fresh joiners into a ${N}-message room (MODE=${MODE})`, rows)
console.log(`\nRESULT: ${fastForwarded} of ${T} joins fast-forwarded`)
await shutdown(owner)
cleanup()
