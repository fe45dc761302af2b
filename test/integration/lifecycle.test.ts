// Client and Room open and close once each (ReadyResource), in order, also when closed half-way.
import { test, expect } from 'vitest'
import fs from 'fs'
import path from 'path'
import { Client } from '../../src/index.js'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'

test('a client whose storage cannot be opened rejects ready() and still closes', async () => {
  const file = path.join(tmpStorage('not-a-dir'), 'file')
  fs.writeFileSync(file, 'not a directory')
  const client = new Client({ storage: file })
  await expect(client.ready()).rejects.toThrow()
  await client.close()
  expect(client.closed).toBe(true)
})

test('closing a client while it joins a room closes that room too, then the store', async () => {
  const testnet = await createLocalTestnet()
  const client = await createClient(testnet, { name: 'leaver' })
  // A well-formed invite to a room nobody serves: the join would wait for its timeout.
  const joining = client.joinRoom('linkup:' + 'A'.repeat(96))
  const refused = expect(joining).rejects.toMatchObject({ code: 'CLOSED' })
  await client.close() // the joining room's Autobase is still opening
  await refused
  expect(client.rooms).toEqual([])
})

test('ready() twice opens once; close() twice closes once', async () => {
  const testnet = await createLocalTestnet()
  const client = await createClient(testnet, { name: 'twice' })
  const room = await client.createRoom('twice')
  let closes = 0
  room.on('close', () => closes++)
  await Promise.all([client.ready(), client.ready()])
  await Promise.all([client.close(), client.close()])
  expect(closes).toBe(1)
  expect(room.closed).toBe(true)
  await expect(room.send('after close')).rejects.toMatchObject({ code: 'CLOSED' })
})
