// Names that break serving (issue #13, item 4). A file name holding a lone UTF-16 surrogate
// made its download and its media link answer 500 on every node (encodeURIComponent throws on
// it); and the HTTP schema counted lengths in code points while the SDK and the event schema
// count UTF-16 code units, so a 40-emoji name passed the HTTP check and then failed in the SDK.
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/server/app.js'
import { roomInternals } from '../../src/room-internals.js'
import { LIMITS } from '../../views/limits.js'
import { createClient, createLocalTestnet } from '../helpers/peers.js'
import { arrived } from '../files/setup.js'

const PORT = 7791
const HOST = `127.0.0.1:${PORT}`
const TOKEN = 'cd'.repeat(32)
const auth = { host: HOST, authorization: `Bearer ${TOKEN}` }
const LONE = 'a\ud800b' // a high surrogate with no low one after it
const EMOJI = '\u{1F600}' // two UTF-16 code units, one code point

async function setup () {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('names')
  const app = await buildApp(alice, { token: TOKEN, port: PORT })
  return { testnet, alice, room, app }
}

describe('names that break serving', () => {
  it('a name with a lone surrogate, already in a view, is served on every node (download and media link)', async () => {
    const { testnet, alice, room, app } = await setup()
    const bob = await createClient(testnet, { name: 'bob' })
    const bobRoom = await bob.joinRoom(await room.createInvite())
    const bobApp = await buildApp(bob, { token: TOKEN, port: PORT })
    // A peer's event that bypasses the SDK: the bytes are real, the name is not well-formed.
    const real = await room.sendFile('real.txt', Buffer.from('hello'))
    const seq = await roomInternals(room).writer.append({ type: 'file-posted', v: 1, ts: Date.now(), ...real.file!, name: `${LONE}.txt` })
    const id = `${room.writerKey}:${seq}`
    await arrived(bobRoom, id)
    for (const node of [app, bobApp]) {
      const download = await node.inject({ url: `/api/rooms/${room.id}/files/${id}?download=true`, headers: auth })
      expect(download.statusCode).toBe(200)
      expect(download.payload).toBe('hello')
      const disposition = download.headers['content-disposition'] as string
      expect(disposition).toContain("filename*=UTF-8''a%EF%BF%BDb.txt") // U+FFFD in UTF-8
      expect(disposition).toContain('filename="a_b.txt"')
      const link = await node.inject({ method: 'POST', url: `/api/rooms/${room.id}/files/${id}/link`, headers: auth })
      expect(link.statusCode).toBe(200)
      const media = await node.inject({ url: link.json<{ url: string }>().url, headers: { host: HOST } })
      expect(media.statusCode).toBe(200)
      expect(media.payload).toBe('hello')
    }
  })

  it('the SDK makes names well-formed before they are stored: file names, display names, room names', async () => {
    const { alice, room } = await setup()
    const sent = await room.sendFile(`${LONE}.txt`, Buffer.from('x'))
    expect(sent.file?.name).toBe('a\ufffdb.txt')
    expect(sent.file?.path.endsWith('/a\ufffdb.txt')).toBe(true)
    await alice.setProfile({ name: `me ${LONE}` })
    expect(alice.profile?.name).toBe('me a\ufffdb')
    const other = await alice.createRoom(`room ${LONE}\udc00`)
    expect(other.alias).toBe('room a\ufffdb\ufffd')
    expect((await other.meta())?.alias).toBe('room a\ufffdb\ufffd')
    await other.setAlias(`\udfff${LONE}`)
    expect(other.alias).toBe('\ufffda\ufffdb')
  })

  it('every length limit is counted the same way over HTTP as in the SDK: in UTF-16 code units', async () => {
    const { room, app } = await setup()
    const put = (name: string) => app.inject({ method: 'PUT', url: '/api/profile', headers: auth, payload: { name } })
    const create = (alias: string) => app.inject({ method: 'POST', url: '/api/rooms', headers: auth, payload: { alias } })
    const send = (text: string) => app.inject({ method: 'POST', url: `/api/rooms/${room.id}/messages`, headers: auth, payload: { text } })
    const cases = [
      { limit: LIMITS.nameChars, call: put },
      { limit: LIMITS.aliasChars, call: create },
      { limit: LIMITS.textChars, call: send }
    ]
    for (const { limit, call } of cases) {
      const fits = EMOJI.repeat(limit / 2) // exactly the limit in code units
      expect((await call(fits)).statusCode).toBeLessThan(300)
      // One emoji more is over the limit for the SDK: the HTTP schema must say so itself (400
      // BAD_REQUEST naming the field), not pass it on to fail later with another error.
      const over = await call(EMOJI.repeat(limit / 2 + 1))
      expect(over.statusCode, `${limit / 2 + 1} emoji`).toBe(400)
      expect(over.json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/must NOT have more than \d+ characters/) })
    }
  })
})
