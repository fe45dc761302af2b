// Churn and partitions: five peers; in each round a random group is cut off (closed, then
// reopened from storage on a second DHT, so the two sides cannot find each other), others go
// offline for the round, everyone still running writes, then the partition heals. At the end
// every view is identical, key for key, and every message whose send() resolved is in it.
import { test, expect } from 'vitest'
import { waitFor } from '../helpers/wait.js'
import { buildWorker } from '../helpers/peer-process.js'
import { createFiveNodeTestnet } from './testnet.js'
import { LocalPeer, ProcessPeer, type ChurnPeer } from './churn-peers.js'
import { viewProblems, messageIdsOf, seeded } from './integrity.js'

const LONG = process.env.LINKUP_LONG === '1'
const ROUNDS = LONG ? 12 : 4
const PER_ROUND = LONG ? 20 : 5
const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin']

test(`five peers survive ${ROUNDS} rounds of partitions and churn with writes on all sides`, async () => {
  const rand = seeded(Number(process.env.LINKUP_SEED ?? 11))
  const main = await createFiveNodeTestnet()
  const island = await createFiveNodeTestnet()
  if (LONG) buildWorker()
  const peers: ChurnPeer[] = NAMES.map(n => LONG ? new ProcessPeer(n) : new LocalPeer(n))
  for (const p of peers) await p.start(main.bootstrap)
  const [owner, ...others] = peers as [ChurnPeer, ...ChurnPeer[]]
  await owner.create('churn')
  for (const p of others) await p.join(await owner.invite())

  const written: string[] = []
  const stats = { partitions: 0, cutOff: 0, offline: 0 }
  for (let r = 0; r < ROUNDS; r++) {
    // a random group (1 or 2 peers) goes to the island, maybe one more goes offline
    const order = [...peers].sort(() => rand(3) - 1)
    const cut = order.slice(0, 1 + rand(2))
    const away = rand(2) === 0 ? order.slice(cut.length, cut.length + 1) : []
    for (const p of [...cut, ...away]) await p.stop()
    for (const p of cut) await p.start(island.bootstrap)
    stats.partitions++
    stats.cutOff += cut.length
    stats.offline += away.length
    const writers = peers.filter(p => p.running)
    const ids = await Promise.all(writers.map(p => p.send(PER_ROUND, `r${r} ${p.name}`)))
    written.push(...ids.flat())
    // really a partition: nothing written on the island has reached the main side
    const mainland = writers.find(p => !cut.includes(p))
    if (mainland !== undefined) {
      const seen = new Set(messageIdsOf(await mainland.dump()))
      const crossed = cut.flatMap(p => ids[writers.indexOf(p)] ?? []).filter(id => seen.has(id))
      expect(crossed, `round ${r}: island messages seen on the main side`).toEqual([])
    }
    // heal: the island and the offline peers come back to the main DHT
    for (const p of cut) await p.stop()
    for (const p of [...cut, ...away]) await p.start(main.bootstrap)
  }

  const t0 = Date.now()
  await waitFor(async () => {
    const dumps = await Promise.all(peers.map(p => p.dump()))
    return dumps.every(d => JSON.stringify(d) === JSON.stringify(dumps[0])) && messageIdsOf(dumps[0] as string[]).length >= written.length
  }, { timeout: 90_000, interval: 250, message: 'all five views identical with every message' })
  const dump = await owner.dump()
  expect(viewProblems(dump)).toEqual([])
  const ids = new Set(messageIdsOf(dump))
  expect(written.filter(id => !ids.has(id))).toEqual([])
  expect(ids.size).toBe(written.length)
  console.log(`churn: ${stats.partitions} partitions (${stats.cutOff} peers cut off, ${stats.offline} offline), ${written.length} messages written, all ${peers.length} views identical ${Date.now() - t0} ms after the last heal`)
}, LONG ? 1_800_000 : 120_000)
