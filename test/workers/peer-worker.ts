// A LinkUp peer in its own process, driven over IPC by test/helpers/peer-process.ts, so tests
// can SIGKILL it at any moment and start it again from its storage. It runs the real Client.
//
// Environment: LINKUP_STORAGE, LINKUP_BOOTSTRAP (comma separated), LINKUP_DHT_HOST.
// Requests are { id, op, ...args }; replies { id, ok, value } or { id, ok: false, error }.
// Unprompted reports: { type: 'ready' }, { type: 'ack', room, message } for every send() that
// resolved (acknowledged to the user), { type: 'received', room, message } for others' messages.
import { Client, type Room } from '../../src/index.js'
import { roomInternals } from '../../src/room-internals.js'

interface Request { id: number, op: string, [arg: string]: unknown }

const send = (msg: unknown): void => { process.send?.(msg) }
const client = new Client({
  storage: process.env.LINKUP_STORAGE as string,
  bootstrap: (process.env.LINKUP_BOOTSTRAP ?? '').split(',').filter(Boolean),
  dhtHost: process.env.LINKUP_DHT_HOST ?? '127.0.0.1'
})

function watch (room: Room): void {
  room.on('message', (m: { id: string, author: { key: string } }) => {
    if (m.author.key !== room.writerKey) send({ type: 'received', room: room.id, message: m.id })
  })
}

function room (id: unknown): Room {
  const r = client.room(String(id))
  if (r === undefined) throw new Error('no such room ' + String(id))
  return r
}

/** Sends `count` messages, `parallel` at a time, reporting each one that resolved. */
async function sendLoop (r: Room, prefix: string, count: number, parallel: number): Promise<number> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < count) {
      const text = `${prefix} ${next++}`
      const m = await r.send(text)
      send({ type: 'ack', room: r.id, message: m.id, text })
    }
  }
  await Promise.all(Array.from({ length: parallel }, lane))
  return count
}

async function dump (r: Room): Promise<{ entries: string[], status: unknown }> {
  const entries: string[] = []
  for await (const { key, value } of roomInternals(r).base.view.createReadStream()) entries.push(key + '=' + JSON.stringify(value))
  return { entries, status: r.status }
}

const ops: Record<string, (req: Request) => Promise<unknown>> = {
  async create (req) {
    const r = await client.createRoom(String(req.alias))
    watch(r)
    return { room: r.id, writerKey: r.writerKey }
  },
  async join (req) {
    const r = await client.joinRoom(String(req.invite))
    watch(r)
    return { room: r.id, writerKey: r.writerKey }
  },
  async profile (req) { await client.setProfile({ name: String(req.name) }) },
  async invite (req) { return room(req.room).createInvite() },
  async sendLoop (req) { return sendLoop(room(req.room), String(req.prefix), Number(req.count), Number(req.parallel ?? 1)) },
  async dump (req) { return dump(room(req.room)) },
  async close () {
    await client.close()
    setImmediate(() => process.exit(0))
  }
}

process.on('message', (req: Request) => {
  const op = ops[req.op]
  if (op === undefined) return send({ id: req.id, ok: false, error: 'unknown op ' + req.op })
  op(req).then(
    (value) => send({ id: req.id, ok: true, value }),
    (err: unknown) => send({ id: req.id, ok: false, error: err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : String(err) })
  )
})

client.ready().then(() => {
  for (const r of client.rooms) watch(r)
  send({ type: 'ready', rooms: client.rooms.map(r => ({ room: r.id, writerKey: r.writerKey })) })
}, (err: unknown) => {
  send({ type: 'fatal', error: String(err) })
  process.exit(1)
})
