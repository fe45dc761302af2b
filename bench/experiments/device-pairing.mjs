// Spike (issue 19): can blind-pairing link a second device to an account with our versions
// (autobase 7.28.1, corestore 7.12.5, hypercore 11.37.1, hyperswarm 4.17.2) on a local testnet?
//
// Device A owns a small per-account Autobase (the "account base" of docs/architecture.md §16).
// A creates a one-time invite (the code). Device B, knowing only the code, asks through
// blind-pairing with its own local writer key as userData; A opens the request with the
// invite's public key, adds B's key as a writer of the account base, and confirms with the
// base's key and encryption key. B opens the base, becomes writable, and writes; A reads it.
// Then a third device C reuses the code and a fourth D uses an expired one: both must be
// refused with a clear error (blind-pairing carries `expires` but never checks it: the member does).
//
// Run: node bench/experiments/device-pairing.mjs   (POLL=ms sets blind-pairing's poll, default 1000)
//
// Found (7 runs, 2 shared cores, one process, 5-node testnet, 2026-12-02):
// - It works with our versions: B pairs in 33-59 ms, is writable 53-109 ms later, sees the room
//   A wrote before linking, and A sees B's write 19-32 ms after B appends.
// - A reused code is refused with INVITE_USED, an expired one with INVITE_EXPIRED, in 16 ms when
//   the request arrives on a live connection, ~1.1-1.4 s when it waits for a DHT poll (POLL=1000).
//   A garbage code fails to decode ("Unknown invite version"). Expiry and one-use are the
//   member's checks: blind-pairing stores `expires` in the invite and never reads it.
// - The member's onadd can run twice for one candidate (the connection path and the DHT poll);
//   blind-pairing dedups only while the first call is pending. So the member must answer a
//   request it already confirmed with the same confirm (keyed by request session), not with
//   INVITE_USED; this script doesn't, which is why "refused a reused code" can print twice.
import Autobase from 'autobase'
import Corestore from 'corestore'
import Hyperbee from 'hyperbee'
import Hyperswarm from 'hyperswarm'
import BlindPairing from 'blind-pairing'
import createTestnet from 'hyperdht/testnet.js'
import crypto from 'hypercore-crypto'
import b4a from 'b4a'
import fs from 'fs'
import os from 'os'
import path from 'path'

const dirs = []
const tmp = (n) => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'spike-pair-' + n + '-')); dirs.push(d); return d }
const t0 = Date.now()
let done = false
const log = (...a) => done || console.log(`[${String(Date.now() - t0).padStart(5)} ms]`, ...a)
const short = (k) => b4a.toString(k, 'hex').slice(0, 8)
const POLL = Number(process.env.POLL ?? 1000)

const testnet = await createTestnet(5, { host: '127.0.0.1' })
const bootstrap = testnet.bootstrap

function accountBase (store, key, encryptionKey) {
  return new Autobase(store, key, {
    encryptionKey,
    valueEncoding: 'json',
    ackInterval: 200,
    open: (s) => new Hyperbee(s.get('view'), { keyEncoding: 'utf-8', valueEncoding: 'json', extension: false }),
    apply: async (nodes, view, host) => {
      for (const node of nodes) {
        const op = node.value
        if (op === null || typeof op !== 'object') continue
        // The spike's rule is the simplest one; §16 says who may add a device in the real base.
        if (op.type === 'device-added' && typeof op.key === 'string' && op.key.length === 64) {
          await host.addWriter(b4a.from(op.key, 'hex'), { indexer: true })
          await view.put('device/' + op.key, { name: op.name })
        } else if (op.type === 'room') {
          await view.put('room/' + op.id, { from: b4a.toString(node.from.key, 'hex') })
        }
      }
    }
  })
}

async function device (name) {
  const store = new Corestore(tmp(name))
  const swarm = new Hyperswarm({ bootstrap })
  swarm.on('connection', (conn) => store.replicate(conn))
  const pairing = new BlindPairing(swarm, { poll: POLL })
  return {
    name, store, swarm, pairing, base: null,
    async close () {
      await pairing.close()
      if (this.base) await this.base.close()
      await swarm.destroy()
      await store.close()
    }
  }
}

function until (emitter, event, check, ms, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { emitter.off(event, on); reject(new Error('timed out: ' + what)) }, ms)
    const on = async () => { if (await check()) { clearTimeout(timer); emitter.off(event, on); resolve() } }
    emitter.on(event, on)
    on()
  })
}

const figures = {}
const A = await device('a')
const encryptionKey = crypto.randomBytes(32)
A.base = accountBase(A.store, null, encryptionKey)
await A.base.ready()
A.swarm.join(A.base.discoveryKey)
await A.base.append({ type: 'room', id: 'room-created-on-a' })
log('A: account base', short(A.base.key), 'A writer', short(A.base.local.key))

// The code: one use, a deadline. The invite's id and public key stay on A (local state in
// the product), the `invite` buffer is what the user carries to the other device.
const used = new Set()
const invites = new Map()
function makeInvite (expiresInMs) {
  const inv = BlindPairing.createInvite(A.base.key, { expires: Date.now() + expiresInMs })
  invites.set(b4a.toString(inv.id, 'hex'), inv)
  return inv
}
const good = makeInvite(10 * 60_000)
const expired = makeInvite(-1)
log('A: invite code is', good.invite.byteLength, 'bytes (z32/base64 in the UI)')

A.pairing.addMember({
  discoveryKey: A.base.discoveryKey,
  async onadd (request) {
    const id = b4a.toString(request.inviteId, 'hex')
    const inv = invites.get(id)
    if (!inv) return request.deny({ status: 1 })
    request.open(inv.publicKey) // throws on a forged request: blind-pairing drops it
    if (used.has(id)) { log('A: refused a reused code'); return request.deny({ status: 2 }) }
    if (inv.expires < Date.now()) { log('A: refused an expired code'); return request.deny({ status: 3 }) }
    used.add(id)
    const deviceKey = request.userData
    await A.base.append({ type: 'device-added', key: b4a.toString(deviceKey, 'hex'), name: 'second device' })
    log('A: added device', short(deviceKey), 'as a writer; confirming')
    request.confirm({ key: A.base.key, encryptionKey: A.base.encryptionKey })
  }
})

async function pair (name, invite) {
  const D = await device(name)
  const local = Autobase.getLocalCore(D.store)
  await local.ready()
  const userData = local.key
  await local.close()
  const start = Date.now()
  const candidate = D.pairing.addCandidate({ invite, userData })
  const outcome = await new Promise((resolve) => {
    candidate.request.once('rejected', (err) => resolve({ err }))
    candidate.pairing.then((paired) => resolve({ paired }), (err) => resolve({ err }))
  })
  return { D, outcome, ms: Date.now() - start }
}

const b = await pair('b', good.invite)
if (b.outcome.err) throw b.outcome.err
figures.pairMs = b.ms
log('B: paired in', b.ms, 'ms; got base', short(b.outcome.paired.key), 'and its encryption key',
  b4a.equals(b.outcome.paired.encryptionKey, encryptionKey) ? '(matches)' : '(DIFFERS)')

const B = b.D
let s = Date.now()
B.base = accountBase(B.store, b.outcome.paired.key, b.outcome.paired.encryptionKey)
await B.base.ready()
B.swarm.join(B.base.discoveryKey)
await until(B.base, 'update', async () => B.base.writable, 30_000, 'B writable')
figures.writableMs = Date.now() - s
log('B: writable after', figures.writableMs, 'ms; local writer', short(B.base.local.key))
const onA = await B.base.view.get('room/room-created-on-a')
log('B: sees the room A created before linking:', onA !== null)

s = Date.now()
await B.base.append({ type: 'room', id: 'room-created-on-b' })
await until(A.base, 'update', async () => (await A.base.view.get('room/room-created-on-b')) !== null, 30_000, 'A sees B')
figures.bToAMs = Date.now() - s
log('A: sees the room B created after', figures.bToAMs, 'ms')

const c = await pair('c', good.invite)
figures.reuseRefusedMs = c.ms
log('C (reused code):', c.outcome.err ? `${c.outcome.err.code ?? ''} ${c.outcome.err.message}` : 'PAIRED (wrong)', 'after', c.ms, 'ms')
const d = await pair('d', expired.invite)
figures.expiredRefusedMs = d.ms
log('D (expired code):', d.outcome.err ? `${d.outcome.err.code ?? ''} ${d.outcome.err.message}` : 'PAIRED (wrong)', 'after', d.ms, 'ms')
let wrong = 'accepted (wrong)'
try { BlindPairing.decodeInvite(b4a.from('not a code at all')) } catch (err) { wrong = err.message }
log('E (garbage code):', wrong)

done = true
console.log(JSON.stringify({ poll: POLL, ...figures, reuseRefused: !!c.outcome.err, expiredRefused: !!d.outcome.err }))
for (const x of [c.D, d.D, B, A]) await x.close()
await testnet.destroy()
for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
