// A restart of a device with an account (docs/architecture.md §16.3): ready() reads only
// account.json, and the account base opens once the rooms listed at start have, so the first page
// does not share the CPU with it, or at once when something needs it. What is asked of the
// account meanwhile goes in, in order, before the account is followed; a close right after
// ready() does not wait for the rooms.
import { test, expect, vi, onTestFinished } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor, within } from '../helpers/wait.js'
import { Client } from '../../src/index.js'
import { AccountBase } from '../../src/account/account-base.js'

test('a restart opens its rooms before the account base, and what is asked meanwhile reaches the other device in order', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice' })
  const storage = tmpStorage('alice2')
  let alice2 = await createClient(testnet, { account: true, storage })
  await alice2.joinAccount((await alice1.linkDevice()).code)
  for (const name of ['one', 'two', 'three']) await alice2.createRoom(name)
  await waitFor(() => alice1.rooms.length === 3, { message: 'alice1 follows the three rooms' })
  const identity = alice2.identity
  const one = alice2.rooms.find(r => r.alias === 'one')!.id
  await alice2.close()

  // Which of alice2's rooms were open when an account base began to open (alice1's is open).
  const proto = AccountBase.prototype as unknown as { _open: () => Promise<void> }
  const original = proto._open
  const atBaseOpen: boolean[][] = []
  const spy = vi.spyOn(proto, '_open').mockImplementation(function (this: AccountBase) {
    atBaseOpen.push(alice2.rooms.map(r => r.opened))
    return original.call(this)
  })
  onTestFinished(() => { spy.mockRestore() })

  // Nothing asked of the account: it opens once the rooms have.
  alice2 = new Client({ storage, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1', account: true })
  await alice2.ready()
  expect(alice2.identity).toBe(identity) // from account.json, before the base
  await alice2.roomsOpened()
  await waitFor(() => atBaseOpen.length === 1, { message: 'the account base opening after the rooms' })
  expect(atBaseOpen[0]).toEqual([true, true, true])
  await within(alice2.close(), 10_000, 'close')

  // Asked at once after a restart: the base opens for it, and each goes in before the account
  // is followed (room "one", left here, must not be opened again from the account).
  alice2 = new Client({ storage, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1', account: true })
  onTestFinished(() => alice2.close())
  await alice2.ready()
  const [four] = await Promise.all([
    alice2.createRoom('four'),
    alice2.setProfile({ name: 'alice on two' }),
    alice2.leaveRoom(one, { anyway: true }),
    within(alice2.devices(), 15_000, 'devices() after the restart').then(d => expect(d.length).toBe(2))
  ])
  await waitFor(() => alice1.room(four.id), { message: 'the room made right after the restart on alice1' })
  await waitFor(() => alice1.profile?.name === 'alice on two', { message: 'the profile set right after the restart on alice1' })
  await waitFor(() => alice1.room(one) === undefined, { message: 'the room left right after the restart, left on alice1' })
  await alice2.accountSettled()
  expect(alice2.room(one)).toBeUndefined()
  expect(alice2.rooms.map(r => r.alias).sort()).toEqual(['four', 'three', 'two'])
})

test('a close right after a restart does not wait for the account base', async () => {
  const testnet = await createLocalTestnet()
  const storage = tmpStorage('alice')
  const first = await createClient(testnet, { account: true, storage, name: 'alice' })
  await first.createRoom('one')
  const identity = first.identity
  await first.close()
  const again = new Client({ storage, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1', account: true })
  await again.ready()
  await within(again.close(), 10_000, 'close right after ready()')
  const third = new Client({ storage, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1', account: true })
  onTestFinished(() => third.close())
  await third.ready()
  expect(third.identity).toBe(identity)
  expect((await within(third.devices(), 15_000, 'devices()')).length).toBe(1)
})
