// What per-message signing costs, and what the signInterval patch (patches/README.md) saves.
//
//   node bench/experiments/sign-interval.mjs          (M=300 messages, ROUNDS=2, INTERVAL=1000)
//
// The owner (sole indexer) and a reader, linked in one process. The owner sends M messages one
// at a time, each awaited until the reader's view has it (closed loop, as the bench's floor);
// then we wait for the reader's signedLength to reach its length. signInterval 0 (Autobase's
// own behaviour: a checkpoint in every block) and INTERVAL ms alternate, ROUNDS times, so the
// rows compare within one run. Reported: ms and CPU per message (both peers, one process),
// how many of the owner's blocks carry a fresh signature, and how long after the last message
// the reader saw everything signed.
import { createPeer, link, shutdown, send, count, waitFor, cleanup } from './lib.mjs'

const M = Number(process.env.M || 300)
const ROUNDS = Number(process.env.ROUNDS || 2)
const INTERVAL = Number(process.env.INTERVAL || 1000)

async function signedBlocks (core) {
  let n = 0
  for (let i = 0; i < core.length; i++) {
    const block = await core.get(i)
    if (block.checkpoint && block.checkpoint.system && block.checkpoint.system.checkpoint) n++
  }
  return n
}

async function run (signInterval) {
  const opts = { base: { signInterval } }
  const owner = await createPeer('owner', null, opts)
  const reader = await createPeer('reader', owner.base.key, opts)
  link(owner, reader)
  await send(owner, 'warm up')
  await waitFor(async () => (await count(reader)) === 1, 10_000)
  const blocks0 = owner.base.local.length
  const signed0 = await signedBlocks(owner.base.local)
  const cpu = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < M; i++) {
    await send(owner, 'message ' + i)
    await waitFor(async () => (await count(reader)) === i + 2, 10_000, 1)
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  const used = process.cpuUsage(cpu)
  const last = Date.now()
  const tail = await waitFor(() => reader.base.signedLength === reader.base.length && reader.base.length >= owner.base.length, 10_000, 5)
  const signed = await signedBlocks(owner.base.local) - signed0
  const row = `signInterval ${String(signInterval).padStart(4)}: ${(ms / M).toFixed(2)} ms and ${((used.user + used.system) / 1000 / M).toFixed(2)} ms CPU per message; ` +
    `${signed} of the owner's ${owner.base.local.length - blocks0} blocks signed; reader fully signed ${tail === null ? 'NOT within 10 s' : `${Date.now() - last} ms`} after the last message`
  await shutdown(reader)
  await shutdown(owner)
  return row
}

for (let r = 0; r < ROUNDS; r++) {
  console.log(await run(0))
  console.log(await run(INTERVAL))
}
cleanup()
