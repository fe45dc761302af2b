// Removing a device from the account (docs/architecture.md §16.4), the account side: the
// removed device is told (deviceRemoved), stops syncing the account, and cannot link again
// with its old key; the account goes on for the others.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { waitFor, once } from '../helpers/wait.js'
import { Client } from '../../src/index.js'

test('alice1 removes alice2: alice2 is told, a new code does not take it back', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { name: 'alice' })
  const alice2 = await createClient(testnet)
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
  const alice1 = await createClient(testnet, { name: 'alice' })
  const storage = tmpStorage('alice2')
  let alice2 = await createClient(testnet, { storage })
  await alice2.joinAccount((await alice1.linkDevice()).code)
  const identity = alice2.identity
  await alice2.close()
  alice2 = new Client({ storage, bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1' })
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
