// The room's seeders (views/seeders.ts) on the recording host: given these blocks, then this view.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness, type Harness } from './host.js'
import { decodeEvent, encodeEvent } from '../../views/schema.js'
import { readSeeders } from '../../views/seeders-reads.js'

const hex = (b: Buffer): string => b.toString('hex')
const owner = crypto.keyPair().publicKey
const [ann, bob, stranger] = [1, 2, 3].map(() => crypto.keyPair().publicKey)
const seederKey = (n: number): string => n.toString(16).padStart(2, '0').repeat(32)

async function room (): Promise<Harness> {
  const h = await createHarness(owner)
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  for (const who of [ann, bob]) {
    const invite = crypto.keyPair()
    await h.append(owner, { type: 'invite-created', v: 1, pub: hex(invite.publicKey) })
    await h.append(who, { type: 'member-joined', v: 1, invite: hex(invite.publicKey), sig: hex(crypto.sign(who, invite.secretKey)), ts: 1 }, { optimistic: true })
  }
  return h
}

const skipped = async (h: Harness): Promise<number> => (await h.get('meta/skipped') as number | null) ?? 0

test('seeder events round-trip; a key that is not 32 bytes of hex is not one', () => {
  for (const type of ['seeder-added', 'seeder-removed'] as const) {
    const ev = { type, v: 3 as const, key: seederKey(1) }
    expect(decodeEvent(encodeEvent(ev))).toEqual({ kind: 'event', event: ev })
    expect(decodeEvent(Buffer.from(JSON.stringify({ type, v: 3, key: 'zz' })))).toBeNull()
    expect(decodeEvent(Buffer.from(JSON.stringify({ type, v: 3, key: 'AB'.repeat(32) })))).toBeNull()
    expect(decodeEvent(Buffer.from(JSON.stringify({ type, v: 1, key: seederKey(1) })))).toBeNull()
  }
})

test('a member adds a seeder; the view lists it with who added it; a stranger cannot', async () => {
  const h = await room()
  await h.append(ann, { type: 'seeder-added', v: 3, key: seederKey(1) })
  await h.append(stranger, { type: 'seeder-added', v: 3, key: seederKey(2) })
  await h.append(bob, { type: 'seeder-added', v: 3, key: seederKey(1) }) // already listed
  expect(await readSeeders(h.view)).toEqual([{ key: seederKey(1), by: hex(ann) }])
  expect(await skipped(h)).toBe(2)
})

test('at most 8 seeders are listed', async () => {
  const h = await room()
  for (let i = 1; i <= 9; i++) await h.append(ann, { type: 'seeder-added', v: 3, key: seederKey(i) })
  expect((await readSeeders(h.view)).map(s => s.key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(seederKey))
  expect(await skipped(h)).toBe(1)
})

test('whoever added a seeder, or the owner, takes it off; another member cannot', async () => {
  const h = await room()
  await h.append(ann, { type: 'seeder-added', v: 3, key: seederKey(1) })
  await h.append(ann, { type: 'seeder-added', v: 3, key: seederKey(2) })
  await h.append(bob, { type: 'seeder-removed', v: 3, key: seederKey(1) })
  expect((await readSeeders(h.view)).map(s => s.key)).toEqual([seederKey(1), seederKey(2)])
  await h.append(ann, { type: 'seeder-removed', v: 3, key: seederKey(1) })
  await h.append(owner, { type: 'seeder-removed', v: 3, key: seederKey(2) })
  await h.append(owner, { type: 'seeder-removed', v: 3, key: seederKey(2) }) // gone already
  expect(await readSeeders(h.view)).toEqual([])
  expect(await skipped(h)).toBe(2)
})
