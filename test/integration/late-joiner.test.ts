import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'
import { messageIds } from '../helpers/views.js'
import { roomInternals } from '../../src/room-internals.js'

const N = 300

test('a late joiner gets the whole history and can read it after everyone else has gone', async () => {
  const testnet = await createLocalTestnet()
  const alice = await createClient(testnet, { name: 'alice' })
  const room = await alice.createRoom('history')
  await Promise.all(Array.from({ length: N }, (_, i) => room.send('old ' + i)))
  await waitFor(() => room.status.signed, { message: 'history signed' })

  const bob = await createClient(testnet, { name: 'bob' })
  const bobRoom = await bob.joinRoom(await room.createInvite())
  await waitFor(async () => (await messageIds(bobRoom)).length === N, { message: 'the history on bob' })
  await waitFor(() => roomInternals(bobRoom).base.view.core.contiguousLength === roomInternals(bobRoom).base.view.core.length, { message: 'the view to be local' })

  await alice.close()
  const all: string[] = []
  let before: string | undefined
  while (true) {
    const page = await bobRoom.messages({ limit: 100, ...(before === undefined ? {} : { before }) })
    if (page.length === 0) break
    all.unshift(...page.map(m => m.text ?? ''))
    before = page[0]?.id
  }
  expect(all).toEqual(Array.from({ length: N }, (_, i) => 'old ' + i))
})
