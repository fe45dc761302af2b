// The live stream over real HTTP: a hello with the rooms, then every message, status and
// room change as it happens, each as src/server/schemas.ts declares it; closing the server ends
// open streams instead of hanging.
import { describe, expect, it } from 'vitest'
import type { AddressInfo } from 'net'
import { buildApp } from '../../src/server/app.js'
import { loadOrCreateToken } from '../../src/server/token.js'
import { createClient, createLocalTestnet } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { Value } from '@sinclair/typebox/value'
import { StreamEvent } from '../../src/server/schemas.js'

interface Frame { event: string, data: { type: string, [k: string]: unknown } }

async function listen (events: Frame[], url: string, token: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
  let buffer = ''
  const decoder = new TextDecoder()
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const event = /^event: (.*)$/m.exec(block)?.[1]
      const data = /^data: (.*)$/m.exec(block)?.[1]
      if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) })
    }
  }
}

describe('live stream', () => {
  it('streams hello, rooms and messages, and ends when the server closes', async () => {
    const testnet = await createLocalTestnet()
    const client = await createClient(testnet, { name: 'alice' })
    const token = await loadOrCreateToken(client.storage)
    const app = await buildApp(client, { token })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as AddressInfo
    const events: Frame[] = []
    const abort = new AbortController()
    const done = listen(events, `http://127.0.0.1:${port}/api/events`, token, abort.signal)

    await waitFor(() => events.length > 0, { message: 'hello' })
    expect(events[0]).toEqual({ event: 'hello', data: { type: 'hello', rooms: [], joins: [] } })
    const room = await client.createRoom('general')
    await waitFor(() => events.some(e => e.event === 'room'), { message: 'the room event' })
    const sent = await room.send('over the stream')
    const got = await waitFor(() => events.find(e => e.event === 'message'), { message: 'the message event' })
    expect(got.data).toMatchObject({ type: 'message', room: room.id, message: { id: sent.id, text: 'over the stream', author: { name: 'alice' } } })
    await room.clear()
    await waitFor(() => events.some(e => e.event === 'cleared' && e.data.room === room.id), { message: 'the cleared event' })

    await app.close()
    await done
    expect(abort.signal.aborted).toBe(false)
    // Every frame is what the declared schema (and so the UI's type) says it is.
    for (const e of events) {
      expect(e.event).toBe(e.data.type)
      expect([...Value.Errors(StreamEvent, e.data)].map(err => `${e.event} ${err.path}: ${err.message}`)).toEqual([])
    }
    expect(events.map(e => e.event)).toEqual(expect.arrayContaining(['hello', 'room', 'message', 'cleared']))
  })
})
