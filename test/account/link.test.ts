// Linking a second device to an account with a one-time code (docs/architecture.md §16.3):
// real peers on a local testnet.
import { test, expect } from 'vitest'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

test('a second device links with the code: one identity, the profile, both devices listed', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice' })
  const alice2 = await createClient(testnet, { account: true })
  expect(alice2.identity).not.toBe(alice1.identity)

  const { code, expires } = await alice1.linkDevice()
  expect(code).toMatch(/^linkup-device:/)
  expect(expires).toBeGreaterThan(Date.now())
  await alice2.joinAccount(code, { name: 'laptop' })

  expect(alice2.identity).toBe(alice1.identity)
  await waitFor(() => alice2.profile?.name === 'alice', { message: 'the profile on the new device' })
  const keys = (devices: Array<{ key: string }>): string[] => devices.map(d => d.key).sort()
  await waitFor(async () => (await alice1.devices()).length === 2, { message: 'alice1 lists two devices' })
  expect(keys(await alice2.devices())).toEqual(keys(await alice1.devices()))
  const listed = await alice2.devices()
  expect(listed.find(d => d.current)?.key).toBe(alice2.peerKey)
  expect(listed.find(d => d.key === alice2.peerKey)?.name).toBe('laptop')

  // The profile set on either device reaches the other.
  await alice2.setProfile({ name: 'Alice B.' })
  await waitFor(() => alice1.profile?.name === 'Alice B.', { message: 'the new name on the first device' })
})

test('wrong, reused and expired codes are refused with clear codes, and link nothing', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice' })
  const alice2 = await createClient(testnet, { account: true })
  const mallory = await createClient(testnet, { account: true })
  const late = await createClient(testnet, { account: true })

  await expect(mallory.joinAccount('not a code')).rejects.toMatchObject({ code: 'INVITE_MALFORMED' })
  await expect(mallory.joinAccount('linkup-device:AAAA')).rejects.toMatchObject({ code: 'INVITE_MALFORMED' })

  const { code } = await alice1.linkDevice()
  await alice2.joinAccount(code)
  await expect(mallory.joinAccount(code, { timeout: 20_000 })).rejects.toMatchObject({ code: 'INVITE_USED' })

  const short = await alice1.linkDevice({ expiresInMs: 1 })
  await waitFor(() => Date.now() > short.expires, { message: 'the code to expire' })
  await expect(late.joinAccount(short.code)).rejects.toMatchObject({ code: 'INVITE_EXPIRED' })

  await waitFor(async () => (await alice1.devices()).length === 2)
  expect((await alice1.devices()).map(d => d.key)).not.toContain(mallory.peerKey)
  expect(mallory.identity).not.toBe(alice1.identity)
  expect(late.identity).not.toBe(alice1.identity)
  expect(await mallory.devices()).toHaveLength(1)
})

test('a code nobody answers ends in LINK_TIMEOUT', async () => {
  const testnet = await createLocalTestnet()
  const alice1 = await createClient(testnet, { account: true, name: 'alice' })
  const bob = await createClient(testnet, { account: true })
  const { code } = await alice1.linkDevice()
  await alice1.close()
  await expect(bob.joinAccount(code, { timeout: 3000 })).rejects.toMatchObject({ code: 'LINK_TIMEOUT' })
  expect(await bob.devices()).toHaveLength(1)
})
