// Removing a device from the account (docs/architecture.md §16.4): the removed device is told
// (deviceRemoved), stops syncing the account and every room, and cannot link again with its old
// key; the account goes on for the others. And the migration of a single-device user (§16.6).
import { test, expect } from 'vitest'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor, once } from '../helpers/wait.js'
import { Client } from '../../src/index.js'

test('alice1 removes alice2: alice2 is told, a new code does not take it back', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice' })
  const alice2 = await createClient(testnet, { account: true })
  await alice2.joinAccount((await alice1.linkDevice()).code)
  await waitFor(async () => (await alice1.devices()).length === 2, { message: 'two devices on alice1' })

  await expect(alice1.removeDevice(alice1.peerKey)).rejects.toMatchObject({ code: 'NOT_ALLOWED' })
  await expect(alice1.removeDevice('ab'.repeat(32))).rejects.toMatchObject({ code: 'NOT_FOUND' })
  await expect(alice1.removeDevice('nope')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })

  const told = once(alice2, 'deviceRemoved')
  await alice1.removeDevice(alice2.peerKey)
  await told
  expect((await alice1.devices()).map(d => d.key)).toEqual([alice1.peerKey])
  await expect(alice2.linkDevice()).rejects.toMatchObject({ code: 'DEVICE_REMOVED' })

  // (Its later blocks in the account base are skipped by every device: test/account/account-apply.test.ts.)

  // A new code for the removed device's key is refused (it was banned), and links nothing.
  const { code } = await alice1.linkDevice()
  await expect(alice2.joinAccount(code, { timeout: 20_000 })).rejects.toMatchObject({ code: 'LINK_REFUSED' })
  expect((await alice1.devices()).map(d => d.key)).toEqual([alice1.peerKey])
})

test('the identity and the account survive a restart', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice' })
  const storage = tmpStorage('alice2')
  let alice2 = await createClient(testnet, { account: true, storage })
  await alice2.joinAccount((await alice1.linkDevice()).code)
  const identity = alice2.identity
  await alice2.close()
  alice2 = new Client({ storage, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1', account: true })
  await alice2.ready()
  try {
    expect(alice2.identity).toBe(identity)
    expect((await alice2.devices()).length).toBe(2)
    await alice1.setProfile({ name: 'alice, renamed' })
    await waitFor(() => alice2.profile?.name === 'alice, renamed', { message: 'the profile after the restart' })
  } finally {
    await alice2.close()
  }
})

test('removing alice2 from alice1 removes it from every room: it is told there, and bob shows nothing it writes after', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice' })
  const bob = await createClient(testnet, { account: true, name: 'bob' })
  const room1 = await alice1.createRoom('family')
  const bobRoom = await bob.joinRoom(await room1.createInvite())
  const alice2 = await createClient(testnet, { account: true })
  await alice2.joinAccount((await alice1.linkDevice()).code)
  const room2 = await waitFor(() => alice2.room(room1.id), { message: 'the room on alice2' })
  await room2.send('before the removal')
  await waitFor(async () => (await bobRoom.messages()).some(m => m.text === 'before the removal'), { message: 'bob sees alice2' })

  const accountTold = once(alice2, 'deviceRemoved')
  const roomTold = once(room2, 'removed')
  await alice1.removeDevice(alice2.peerKey)
  await accountTold
  await roomTold
  await waitFor(async () => {
    const alice = (await bobRoom.members()).find(m => m.key === alice1.identity)
    return alice !== undefined && alice.devices.length === 1
  }, { message: 'bob lists alice with one device' })

  await room2.send('after the removal').catch(() => {})
  await room1.send('the first device still writes')
  await waitFor(async () => (await bobRoom.messages()).some(m => m.text === 'the first device still writes'), { message: 'alice1 still heard' })
  expect((await bobRoom.messages()).map(m => m.text)).not.toContain('after the removal')
})

test('an existing single-device user gets an identity at the first start with accounts, and is bound in her rooms (§16.6)', async () => {
  const testnet = await createLocalTestnet()
  const storage = tmpStorage('old-alice')
  let alice = await createClient(testnet, { name: 'alice', storage, account: false }) // as a build before accounts
  const room = await alice.createRoom('old times')
  await room.send('written before identities')
  const bob = await createClient(testnet, { account: true, name: 'bob' })
  const bobRoom = await bob.joinRoom(await room.createInvite())
  const writer = room.writerKey
  await alice.close()
  expect(fs.existsSync(path.join(storage, 'account.json'))).toBe(false)

  alice = new Client({ storage, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1', account: true })
  await alice.ready()
  try {
    const identity = alice.identity
    expect(identity).not.toBe(writer)
    const old = await waitFor(async () => {
      const m = (await bobRoom.messages()).find(m => m.text === 'written before identities')
      return m?.author.key === identity ? m : null
    }, { message: 'bob shows the old message under the identity' })
    expect(old.author.device).toBe(writer)
    const members = await bobRoom.members()
    expect(members.find(m => m.key === identity)?.role).toBe('owner')
    // Once only: a restart binds nothing again.
    expect(JSON.parse(fs.readFileSync(path.join(storage, 'account.json'), 'utf-8')).toBind).toEqual([])
  } finally {
    await alice.close()
  }
})
