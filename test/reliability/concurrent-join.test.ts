// Several devices joining one room at the same moment (found by bench/soak.ts, which joins
// four peers to each of 20 rooms at once): every join resolves, and each new member can write
// at once, although admitting the others reorders history around its own join.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { sameViews } from '../helpers/views.js'

test('four devices join three rooms at the same moment, and each writes at once', async () => {
  const testnet = await createLocalTestnet()
  const owner = await createClient(testnet, { name: 'owner' })
  const joiners = await Promise.all(['a', 'b', 'c', 'd'].map(name => createClient(testnet, { name })))
  for (let r = 0; r < 3; r++) {
    const room = await owner.createRoom(`crowd ${r}`)
    const invites = await Promise.all(joiners.map(() => room.createInvite()))
    const rooms = await Promise.all(joiners.map((j, i) => j.joinRoom(invites[i] as string)))
    const sent = await Promise.all(rooms.map(jr => jr.send(`hello from ${jr.writerKey.slice(0, 6)}`)))
    await waitFor(async () => (await room.messages()).length === sent.length, { message: `room ${r}: all greetings at the owner` })
    await waitFor(() => sameViews([room, ...rooms]), { message: `room ${r}: identical views` })
    expect((await room.members()).length).toBe(5)
  }
})
