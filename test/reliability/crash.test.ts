// Crash safety: a peer in its own process is SIGKILLed at random moments while sending and
// while receiving a backlog. Each time it restarts from its storage with every message it had
// acknowledged (every send() that resolved), an intact view, and in the end it converges with
// the peer that stayed up, key for key.
import { test, expect } from 'vitest'
import { createClient } from '../helpers/peers.js'
import { createFiveNodeTestnet } from './testnet.js'
import { waitFor } from '../helpers/wait.js'
import { dumpView } from '../helpers/views.js'
import { PeerProcess, buildWorker, type Ack } from '../helpers/peer-process.js'
import { tmpStorage } from '../helpers/peers.js'
import { viewProblems, messageIdsOf, seeded } from './integrity.js'

const LONG = process.env.LINKUP_LONG === '1'
const SEND_KILLS = LONG ? 40 : 3
const BACKLOG_KILLS = LONG ? 6 : 1
const BACKLOG = 300
const CONNECT_MS = 60_000 // first connections between processes can be half-open for ~13 s here

interface Dump { entries: string[] }
let currentRoom = ''

/**
 * SIGKILLs the peer `delay` ms after the report that brings `event` to `count` (0 ms: from
 * inside that handler). The delay is the fault's timing, not a wait for anything: it lets the
 * kill land in the middle of the next write or apply instead of right after one.
 */
async function killAfter (peer: PeerProcess, event: 'ack' | 'received', count: number, timeout: number, delay = 0): Promise<number> {
  let n = 0
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      const why = `${count} '${event}' reports before the kill: only ${n} in ${timeout} ms`
      peer.request<{ status: unknown, entries: string[] }>('dump', { room: currentRoom })
        .then(d => `; peer status ${JSON.stringify(d.status)}, ${d.entries.length} view entries`, (err: Error) => `; dump failed: ${err.message}`)
        .then(more => reject(new Error(why + more + '\n' + peer.stderr)))
    }, timeout)
    const on = (): void => {
      if (++n < count) return
      if (delay === 0) peer.child.kill('SIGKILL')
      else setTimeout(() => peer.child.kill('SIGKILL'), delay)
      peer.off(event, on)
      clearTimeout(timer)
      resolve()
    }
    if (count <= 0) { count = 1; on(); return }
    peer.on(event, on)
  })
  await peer.kill()
  return n
}

test(`a peer SIGKILLed ${SEND_KILLS} times while sending and ${BACKLOG_KILLS} while catching up loses nothing it acknowledged`, async () => {
  buildWorker()
  const rand = seeded(Number(process.env.LINKUP_SEED ?? 7))
  const testnet = await createFiveNodeTestnet()
  const storage = tmpStorage('crash')
  const acked = new Set<string>()
  const start = async (): Promise<PeerProcess> => {
    const { peer } = await PeerProcess.start(storage, testnet.bootstrap)
    peer.on('ack', (a: Ack) => acked.add(a.message))
    return peer
  }
  const began = Date.now()
  const log = (what: string): void => { if (process.env.LINKUP_VERBOSE === '1') console.log(`${Date.now() - began} ms: ${what}`) }
  let peer = await start()
  await peer.request('profile', { name: 'alice' })
  const { room } = await peer.request<{ room: string }>('create', { alias: 'crash' })
  currentRoom = room
  const bob = await createClient(testnet, { name: 'bob' })
  const t0 = Date.now()
  const bobRoom = await bob.joinRoom(await peer.request<string>('invite', { room }))
  const joinMs = Date.now() - t0

  const verify = async (p: PeerProcess, when: string): Promise<string[]> => {
    const { entries } = await p.request<Dump>('dump', { room })
    expect(viewProblems(entries), when).toEqual([])
    const ids = new Set(messageIdsOf(entries))
    expect([...acked].filter(id => !ids.has(id)), `acknowledged but lost (${when})`).toEqual([])
    return entries
  }

  for (let k = 0; k < SEND_KILLS; k++) {
    const target = acked.size + rand(40)
    const parallel = 1 + rand(4)
    peer.request('sendLoop', { room, prefix: `kill ${k}`, count: 10_000, parallel }).catch((err: Error) => { if (!err.message.includes('exited')) console.log('sendLoop', err.message) })
    await killAfter(peer, 'ack', target - acked.size, 30_000, rand(3) === 0 ? 0 : 1 + rand(30))
    peer = await start()
    await verify(peer, `after kill ${k} (parallel ${parallel})`)
    log(`kill ${k} ok`)
  }

  let received = 0
  const backlog: string[] = []
  for (let k = 0; k < BACKLOG_KILLS; k++) {
    await peer.kill()
    for (let i = 0; i < BACKLOG; i++) backlog.push((await bobRoom.send(`backlog ${k}.${i}`)).id)
    peer = await start()
    const target = 1 + rand(100)
    const seen = await killAfter(peer, 'received', target, CONNECT_MS, rand(20))
    received += seen
    log(`backlog ${k}: ${seen} of ${BACKLOG} received before kill`)
    peer = await start()
    await verify(peer, `after backlog kill ${k}`)
  }

  const t1 = Date.now()
  await waitFor(async () => {
    const { entries } = await peer.request<Dump>('dump', { room })
    return JSON.stringify(entries) === JSON.stringify(await dumpView(bobRoom))
  }, { timeout: CONNECT_MS * 2, interval: 250, message: 'alice and bob to converge, key for key' })
  const entries = await verify(peer, 'at the end')
  const ids = new Set(messageIdsOf(entries))
  expect(backlog.filter(id => !ids.has(id))).toEqual([])
  console.log(`crash: ${SEND_KILLS + 2 * BACKLOG_KILLS} SIGKILLs, ${acked.size} acknowledged sends kept, ${ids.size} messages in the view, ${received} backlog messages seen before kills; join across processes ${joinMs} ms, final convergence ${Date.now() - t1} ms`)
  await peer.request('close').catch(() => {})
}, LONG ? 1_800_000 : 150_000)
