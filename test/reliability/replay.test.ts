// Autobase hands apply a block a second time after a SIGKILL mid-apply (see crash.test.ts):
// the view must come out as if it had been applied once.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { apply } from '../../views/apply.js'
import { createHarness } from '../views/host.js'

const owner = crypto.keyPair().publicKey
const block = (o: unknown): Buffer => Buffer.from(JSON.stringify(o))

test('a replayed block changes nothing: no duplicate message, no extra skip, same clock', async () => {
  const h = await createHarness(owner)
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  const node = (seq: number, value: Buffer) => ({ value, from: { key: owner }, length: seq + 1, optimistic: false, indexed: false })
  const hello = node(1, block({ type: 'message-posted', v: 1, text: 'hello', ts: 1 }))
  const junk = node(2, Buffer.from('not json'))
  await apply([hello, junk], h.view, h.host)
  const before: string[] = []
  for await (const { key, value } of h.view.createReadStream()) before.push(key + '=' + JSON.stringify(value))
  await apply([hello], h.view, h.host)
  await apply([hello, junk], h.view, h.host)
  const after: string[] = []
  for await (const { key, value } of h.view.createReadStream()) after.push(key + '=' + JSON.stringify(value))
  expect(after).toEqual(before)
  expect(before.filter((line) => line.startsWith('msg/'))).toHaveLength(1)
  expect(await h.get('meta/skipped')).toBe(1)
})
