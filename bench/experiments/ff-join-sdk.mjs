// The same question as ff-join.mjs, through LinkUp's SDK in separate processes on a local DHT:
// does a brand-new member joining a large room fast-forward, and if not, why not?
//
//   npm run build && N=10000 T=3 node bench/experiments/ff-join-sdk.mjs
//
// The owner's room is written once (N messages, one `send` at a time: one block each; or
// PACKED=64 sends in flight) into OWNER_DIR (default /tmp/linkup-ffsdk-<N>-<PACKED>, kept
// between runs: writing 10,000 one at a time takes a minute).
// Each trial: the owner's node opens from that folder, a fresh joiner joins with an invite and
// waits until its newest message is the last one. The joiner logs every fast-forward Autobase
// attempts (why it started, whether it failed) from hooks on Autobase's prototype.
import { fork } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { fileURLToPath } from 'url'

const here = fileURLToPath(import.meta.url)
const dist = path.resolve(path.dirname(here), '../../dist/src')
const N = Number(process.env.N || 10_000)
const T = Number(process.env.T || 3)
const PACKED = Number(process.env.PACKED || 1)
const OWNER_DIR = process.env.OWNER_DIR || path.join(os.tmpdir(), `linkup-ffsdk-${N}-${PACKED}`)
const role = process.argv[2]

const { Client } = await import(path.join(dist, 'index.js'))
// The room's Autobase, for the figures (the SDK keeps it internal)
const { roomInternals } = await import(path.join(dist, 'room-internals.js'))
const baseOf = (room) => roomInternals(room).base

function cpuMs () { const u = process.cpuUsage(); return Math.round((u.user + u.system) / 1000) }
const rssMiB = () => Math.round(process.memoryUsage().rss / 1048576)
const ask = (msg) => process.send(msg)

if (role === 'owner-setup') {
  const client = new Client({ storage: OWNER_DIR, bootstrap: [] })
  await client.ready()
  await client.setProfile({ name: 'owner' })
  const room = await client.createRoom('big')
  const start = Date.now()
  if (PACKED > 1) {
    // PACKED sends in flight at once: group commit packs them into fewer blocks.
    for (let i = 0; i < N; i += PACKED) {
      const sends = []
      for (let j = i; j < Math.min(N, i + PACKED); j++) sends.push(room.send('history ' + j))
      await Promise.all(sends)
    }
  } else {
    for (let i = 0; i < N; i++) await room.send('history ' + i)
  }
  fs.writeFileSync(path.join(OWNER_DIR, 'room.json'), JSON.stringify({ id: room.id, n: N }))
  console.log(`owner wrote ${N} messages in ${Date.now() - start} ms; base length ${baseOf(room).length}, local ${baseOf(room).local.length} blocks`)
  await client.close()
  process.exit(0)
} else if (role === 'owner') {
  const { id } = JSON.parse(fs.readFileSync(path.join(OWNER_DIR, 'room.json')))
  const client = new Client({ storage: OWNER_DIR, bootstrap: JSON.parse(process.argv[3]) })
  await client.ready()
  const room = client.room(id)
  const invite = await room.createInvite()
  ask({ invite, cpu: cpuMs() })
  process.on('message', async (m) => {
    if (m === 'cpu') ask({ cpu: cpuMs() })
    if (m === 'exit') { await client.close(); process.exit(0) }
  })
} else if (role === 'joiner') {
  const { default: Autobase } = await import('autobase')
  const log = []
  const t0 = Date.now()
  const at = () => Date.now() - t0
  // Diagnostics only: when a fast-forward is started, and how each one ends.
  const run = Autobase.prototype._runFastForward
  Autobase.prototype._runFastForward = async function (ff) {
    const entry = `${at()} ms: ff start (remote ${this.core.core.state.length}, local ${this.core.length}, minimum ${ff.minimum}, verified ${ff.verified})`
    await run.call(this, ff)
    log.push(entry + ` → ${ff.failed ? 'FAILED' : this.fastForwardTo ? 'ok' : 'gave up'}; failedAt ${this.fastForwardFailedAt ? at() : 0}`)
  }
  const applyFF = Autobase.prototype._applyFastForward
  Autobase.prototype._applyFastForward = async function () {
    const target = this.fastForwardTo.length
    const local = this.core.length
    await applyFF.call(this)
    log.push(`${at()} ms: ff apply to ${target} from local ${local}: ${this.core.length >= target ? 'applied' : 'dropped (not worth it)'}`)
  }
  const ffs = []
  const emit = Autobase.prototype.emit
  Autobase.prototype.emit = function (name, ...args) {
    if (name === 'fast-forward') ffs.push({ to: args[0], from: args[1], at: at() })
    if (name === 'reboot') log.push(`${at()} ms: reboot (system core replaced): remote ${this.core.core.state.length}, local ${this.core.length}`)
    return emit.call(this, name, ...args)
  }
  const storage = process.argv[5]
  const client = new Client({ storage, bootstrap: JSON.parse(process.argv[3]) })
  await client.ready()
  await client.setProfile({ name: 'joiner' })
  const cpu0 = cpuMs()
  const room = await client.joinRoom(process.argv[4])
  const joinedMs = at()
  const last = 'history ' + (N - 1)
  while (true) {
    const [m] = await room.messages({ limit: 1 })
    if (m !== undefined && m.text === last) break
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  const doneMs = at()
  ask({ joinedMs, doneMs, cpuMs: cpuMs() - cpu0, rssMiB: rssMiB(), ffs, log, length: baseOf(room).length, signed: baseOf(room).signedLength })
  await client.close()
  process.exit(0)
} else {
  const { startTestnet } = await import(path.join(dist, 'network/testnet.js'))
  if (!fs.existsSync(path.join(OWNER_DIR, 'room.json'))) {
    fs.mkdirSync(OWNER_DIR, { recursive: true })
    await new Promise((resolve, reject) => fork(here, ['owner-setup']).on('exit', (c) => c === 0 ? resolve() : reject(new Error('setup failed'))))
  }
  const testnet = await startTestnet({ host: '127.0.0.1' })
  const boot = JSON.stringify(testnet.bootstrap)
  let fastForwarded = 0
  for (let t = 0; t < T; t++) {
    const owner = fork(here, ['owner', boot])
    const first = await new Promise(resolve => owner.once('message', resolve))
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'linkup-ffsdk-joiner-'))
    const joiner = fork(here, ['joiner', boot, first.invite, storage])
    const r = await new Promise(resolve => joiner.once('message', resolve))
    owner.send('cpu')
    const ownerCpu = (await new Promise(resolve => owner.once('message', resolve))).cpu - first.cpu
    if (r.ffs.length > 0) fastForwarded++
    console.log(`\njoin ${t}: joined in ${r.joinedMs} ms, last message at ${r.doneMs} ms; joiner CPU ${r.cpuMs} ms, RSS ${r.rssMiB} MiB; owner CPU ${ownerCpu} ms; ` +
      `fast-forwards ${JSON.stringify(r.ffs)}; system length ${r.length}, signed ${r.signed}`)
    for (const line of r.log) console.log('  ' + line)
    await new Promise(resolve => { joiner.on('exit', resolve) })
    fs.rmSync(storage, { recursive: true, force: true })
    owner.send('exit')
    await new Promise(resolve => owner.on('exit', resolve))
  }
  console.log(`\nRESULT: ${fastForwarded} of ${T} joins fast-forwarded`)
  await testnet.destroy()
}
