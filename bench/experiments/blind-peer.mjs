// Spike (issue 15): does blind-peer keep an encrypted Autobase available with our versions
// (autobase 7.28.1, corestore 7.12.5, hypercore 11.37.1)? A writes, registers the base with a
// blind peer and goes away; B, who never met A, gets A's blocks from the blind peer alone.
// Then the blind peer's storage is searched for the plaintext.
import Autobase from 'autobase'
import Corestore from 'corestore'
import Hyperbee from 'hyperbee'
import HyperDHT from 'hyperdht'
import BlindPeer from 'blind-peer'
import BlindPeering from 'blind-peering'
import Wakeup from 'protomux-wakeup'
import createTestnet from 'hyperdht/testnet.js'
import crypto from 'hypercore-crypto'
import { execSync } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'

const tmp = (n) => fs.mkdtempSync(path.join(os.tmpdir(), 'spike-bp-' + n + '-'))
const SECRET = 'plaintext-marker-' + crypto.randomBytes(4).toString('hex')
const t0 = Date.now()
const log = (...a) => console.log(`[${Date.now() - t0} ms]`, ...a)

const testnet = await createTestnet(5, { host: '127.0.0.1' })
const bootstrap = testnet.bootstrap

const bpDir = tmp('blind')
const bp = new BlindPeer(bpDir, { bootstrap, maxBytes: 1e9 })
await bp.listen()
log('blind peer', bp.publicKey.toString('hex').slice(0, 8))

const encryptionKey = process.env.PLAIN ? null : crypto.randomBytes(32)
function base (store, key) {
  return new Autobase(store, key, {
    ...(encryptionKey === null ? {} : { encryptionKey }),
    valueEncoding: 'json',
    open: (s) => new Hyperbee(s.get('view'), { keyEncoding: 'utf-8', valueEncoding: 'json', extension: false }),
    apply: async (nodes, view) => { for (const n of nodes) await view.put(String(n.value.i).padStart(6, '0'), n.value) },
    ackInterval: 1000
  })
}

async function peer (name, key) {
  const store = new Corestore(tmp(name))
  const dht = new HyperDHT({ bootstrap })
  const wakeup = new Wakeup()
  const b = base(store, key)
  await b.ready()
  const peering = new BlindPeering(dht, store, { wakeup, keys: [bp.publicKey] })
  return { store, dht, b, peering, async close () { await peering.close(); await b.close(); await dht.destroy(); await store.close() } }
}

const A = await peer('a', null)
for (let i = 0; i < 100; i++) await A.b.append({ i, text: `${SECRET} message ${i}` })
await A.b.update()
log('A wrote', A.b.view.core.length, 'view blocks')
await A.peering.addAutobase(A.b)
// Wait until the blind peer holds A's writer core fully.
const key = A.b.key
const localKey = A.b.local.key
for (;;) {
  const c = bp.store.get({ key: localKey })
  await c.ready()
  const have = c.contiguousLength
  await c.close()
  if (have >= A.b.local.length) break
  await new Promise(r => setTimeout(r, 100))
}
log('blind peer holds A writer core', A.b.local.length)
await A.close()
log('A closed')

const B = await peer('b', key)
B.peering.addAutobaseBackground(B.b)
for (;;) {
  await B.b.update()
  if (B.b.view.core.length > 0 && (await B.b.view.get('000099')) !== null) break
  await new Promise(r => setTimeout(r, 200))
}
log('B got message 99 through the blind peer:', (await B.b.view.get('000099')).value.text)
await B.close()
await bp.close()
const hits = execSync(`grep -rl ${SECRET} ${bpDir} || true`).toString().trim()
log('plaintext in blind peer storage:', hits === '' ? 'none' : hits)
const bHits = execSync(`grep -rl ${SECRET} ${B.store.storage?.path ?? ''} || true`).toString().trim()
await testnet.destroy()
