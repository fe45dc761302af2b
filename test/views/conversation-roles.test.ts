// Moderation with roles (views/permissions.ts over views/roles.ts): the owner and admins may
// delete anyone's message, members only their own; authority is the writer's role when its
// block is applied, so a demoted admin's later deletions of others' messages are skipped.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { createHarness, type Harness } from './host.js'

const owner = crypto.keyPair().publicKey
const bob = crypto.keyPair().publicKey
const carol = crypto.keyPair().publicKey
const hex = (b: Buffer): string => b.toString('hex')

/** bob and carol are members; each has posted two texts (seqs 1 and 2). */
async function chat (): Promise<{ h: Harness, skipped: () => Promise<number>, deleted: (id: string) => Promise<boolean> }> {
  const h = await createHarness(owner)
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  const invite = crypto.keyPair()
  await h.append(owner, { type: 'invite-created', v: 1, pub: hex(invite.publicKey) })
  for (const who of [bob, carol]) {
    await h.append(who, { type: 'member-joined', v: 1, invite: hex(invite.publicKey), sig: hex(crypto.sign(who, invite.secretKey)), ts: 1 }, { optimistic: true })
  }
  for (const who of [bob, carol]) {
    await h.append(who, { type: 'message-posted', v: 1, text: 'one', ts: 10 })
    await h.append(who, { type: 'message-posted', v: 1, text: 'two', ts: 11 })
  }
  const byId = new Map<string, number>([[hex(bob) + ':1', 0], [hex(bob) + ':2', 1], [hex(carol) + ':1', 2], [hex(carol) + ':2', 3]])
  return {
    h,
    skipped: async () => (await h.get('meta/skipped') as number | null) ?? 0,
    deleted: async (id) => ((await h.get('msg/' + String(byId.get(id)).padStart(12, '0'))) as { deleted?: true }).deleted === true
  }
}

test('an admin deletes anyone\'s message; a member does not; an admin edits only its own', async () => {
  const { h, skipped, deleted } = await chat()
  await h.append(carol, { type: 'message-deleted', v: 3, id: hex(bob) + ':1', ts: 20 }) // a member: not hers
  expect(await deleted(hex(bob) + ':1')).toBe(false)
  expect(await skipped()).toBe(1)

  await h.append(owner, { type: 'role-set', v: 3, key: hex(bob), role: 'admin' })
  await h.append(bob, { type: 'message-deleted', v: 3, id: hex(carol) + ':1', ts: 21 })
  expect(await h.get('msg/000000000002')).toEqual({ id: hex(carol) + ':1', author: hex(carol), seq: 1, type: 'text', ts: 10, deleted: true })
  await h.append(bob, { type: 'message-edited', v: 3, id: hex(carol) + ':2', text: 'admin was here', ts: 22 })
  expect(await h.get('msg/000000000003')).toMatchObject({ text: 'two' })
  expect(await skipped()).toBe(2)
})

test('a demoted admin deletes only its own messages again; the owner still deletes anyone\'s', async () => {
  const { h, skipped, deleted } = await chat()
  await h.append(owner, { type: 'role-set', v: 3, key: hex(bob), role: 'admin' })
  await h.append(owner, { type: 'role-set', v: 3, key: hex(bob), role: 'member' })
  await h.append(bob, { type: 'message-deleted', v: 3, id: hex(carol) + ':1', ts: 30 })
  expect(await deleted(hex(carol) + ':1')).toBe(false)
  expect(await skipped()).toBe(1)
  await h.append(bob, { type: 'message-deleted', v: 3, id: hex(bob) + ':1', ts: 31 })
  expect(await deleted(hex(bob) + ':1')).toBe(true)
  await h.append(owner, { type: 'message-deleted', v: 3, id: hex(carol) + ':2', ts: 32 })
  expect(await deleted(hex(carol) + ':2')).toBe(true)
  expect(await skipped()).toBe(1)
})

test('a deletion and a demotion apart: the order every peer applies decides, the same everywhere', async () => {
  // bob, an admin, deleted carol's message while the owner demoted him: in the order where the
  // demotion comes first, the deletion is skipped; where it comes second, it stands.
  for (const demotedFirst of [true, false]) {
    const { h, deleted } = await chat()
    await h.append(owner, { type: 'role-set', v: 3, key: hex(bob), role: 'admin' })
    const demote = (): Promise<void> => h.append(owner, { type: 'role-set', v: 3, key: hex(bob), role: 'member' })
    const del = (): Promise<void> => h.append(bob, { type: 'message-deleted', v: 3, id: hex(carol) + ':1', ts: 40 })
    if (demotedFirst) { await demote(); await del() } else { await del(); await demote() }
    expect(await deleted(hex(carol) + ':1')).toBe(!demotedFirst)
  }
})
