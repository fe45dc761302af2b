// The append queue's packing (src/append-queue.ts, docs/architecture.md §5): what is queued in
// one tick goes out in one base.append; texts side by side share one messages-posted block (at
// most LIMITS.packedMessages of them, PACK_BYTES of JSON), any other event is a block of its own,
// and a text alone is still a v1 message-posted. Checked on the smallest real Autobase: one
// writer, in this process, no network; the view shows what the blocks were.
import { expect, onTestFinished, test } from 'vitest'
import Autobase from 'autobase'
import Corestore from 'corestore'
import type Hyperbee from 'hyperbee'
import { AppendQueue, type Appended } from '../../src/append-queue.js'
import { open, apply } from '../../views/apply.js'
import { encodeEvent, LIMITS } from '../../views/schema.js'
import type { MessageRecord } from '../../views/records.js'
import { tmpStorage } from '../helpers/peers.js'

async function createQueue (): Promise<{ base: Autobase<Hyperbee>, queue: AppendQueue, writer: string }> {
  const store = new Corestore(tmpStorage('queue'))
  const base = new Autobase<Hyperbee>(store, null, { open, apply, valueEncoding: 'binary' })
  onTestFinished(async () => { await base.close(); await store.close() })
  await base.ready()
  return { base, queue: new AppendQueue(base), writer: base.local.key.toString('hex') }
}

const text = (i: number, chars = 8): { text: string, ts: number } => ({ text: `m${i} `.padEnd(chars, 'x'), ts: i })

/** The message records of the view, in order, after the base has applied what was appended. */
async function messages (base: Autobase<Hyperbee>): Promise<MessageRecord[]> {
  await base.update()
  const out: MessageRecord[] = []
  for await (const { value } of base.view.createReadStream({ gt: 'msg/', lt: 'msg0' })) out.push(value as MessageRecord)
  return out
}

/** Which texts shared a block: the number of texts in each block, in order. */
function blockSizes (at: Appended[]): number[] {
  const sizes: number[] = []
  let last = -1
  for (const { seq } of at) {
    if (seq === last) sizes[sizes.length - 1]++
    else sizes.push(1)
    last = seq
  }
  return sizes
}

test('texts sent in one tick share blocks of at most LIMITS.packedMessages, in order', async () => {
  const { base, queue, writer } = await createQueue()
  const count = LIMITS.packedMessages + 44
  const at = await Promise.all(Array.from({ length: count }, (_, i) => queue.post(text(i))))
  expect(blockSizes(at)).toEqual([LIMITS.packedMessages, 44])
  expect(at[0]).toEqual({ seq: at[0].seq, part: 0 })
  expect(at[LIMITS.packedMessages]).toEqual({ seq: at[0].seq + 1, part: 0 })
  expect(at[count - 1]).toEqual({ seq: at[0].seq + 1, part: 43 })
  const view = await messages(base)
  expect(view.map(m => m.text)).toEqual(at.map((_, i) => text(i).text))
  expect(view.map(m => m.id)).toEqual(at.map(a => `${writer}:${a.seq}.${a.part}`))
  expect((await base.view.get('meta/skipped'))).toBeNull() // every block was a valid event
})

test('a block of texts stays under PACK_BYTES of JSON: long texts go four to a block', async () => {
  const { base, queue } = await createQueue()
  // 16,000 characters each: four fit in 64 KiB of JSON, a fifth would not.
  const at = await Promise.all(Array.from({ length: 9 }, (_, i) => queue.post(text(i, LIMITS.textChars))))
  expect(blockSizes(at)).toEqual([4, 4, 1])
  expect(at[8]).toEqual({ seq: at[0].seq + 2 }) // the last text alone: a v1 block, no part
  expect((await messages(base)).map(m => m.part)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, undefined])
})

test('any other event is a block of its own and ends the run of texts before it', async () => {
  const { base, queue, writer } = await createQueue()
  const invite = encodeEvent({ type: 'invite-created', v: 1, pub: 'a'.repeat(64) })
  const [a, b, event, c, d, e] = await Promise.all([
    queue.post(text(0)), queue.post(text(1)), queue.append(invite), queue.post(text(2)), queue.post(text(3)), queue.post(text(4))
  ])
  expect([a, b]).toEqual([{ seq: a.seq, part: 0 }, { seq: a.seq, part: 1 }])
  expect(event).toEqual({ seq: a.seq + 1 })
  expect([c, d, e]).toEqual([0, 1, 2].map(part => ({ seq: a.seq + 2, part })))
  expect(await base.view.get('invite/' + 'a'.repeat(64))).not.toBeNull()
  expect((await messages(base)).map(m => m.id)).toEqual([
    `${writer}:${a.seq}.0`, `${writer}:${a.seq}.1`, `${writer}:${c.seq}.0`, `${writer}:${c.seq}.1`, `${writer}:${c.seq}.2`
  ])
})

test('a text sent alone is a v1 block of its own, and sends awaited one by one are never packed', async () => {
  const { base, queue, writer } = await createQueue()
  const at: Appended[] = []
  for (let i = 0; i < 3; i++) at.push(await queue.post(text(i)))
  expect(at).toEqual([{ seq: at[0].seq }, { seq: at[0].seq + 1 }, { seq: at[0].seq + 2 }])
  const view = await messages(base)
  expect(view.map(m => m.id)).toEqual(at.map(a => `${writer}:${a.seq}`))
  expect(view.every(m => m.part === undefined)).toBe(true)
})

test('texts with mentions go out as v3 blocks; without, as v1 and v2 (an older build still reads them)', async () => {
  const { base, queue, writer } = await createQueue()
  const key = 'ab'.repeat(32)
  await queue.post({ text: 'alone', ts: 1 })
  await queue.post({ text: 'alone @x', ts: 2, mentions: [key] })
  await Promise.all([queue.post({ text: 'a', ts: 3 }), queue.post({ text: 'b', ts: 4 })])
  await Promise.all([queue.post({ text: 'c', ts: 5 }), queue.post({ text: 'd @x', ts: 6, mentions: [key] })])
  const versions: unknown[] = []
  for (let seq = 0; seq < base.local.length; seq++) {
    // the local core holds Autobase's oplog entries: the block is the node's value
    const entry = await base.local.get(seq) as unknown as { node: { value: Buffer } }
    const block = JSON.parse(entry.node.value.toString()) as { type: string, v: number }
    versions.push([block.type, block.v])
  }
  expect(versions).toEqual([['message-posted', 1], ['message-posted', 3], ['messages-posted', 2], ['messages-posted', 3]])
  const records = await messages(base)
  expect(records.map(m => [m.id, m.text, m.mentions])).toEqual([
    [writer + ':0', 'alone', undefined], [writer + ':1', 'alone @x', [key]],
    [writer + ':2.0', 'a', undefined], [writer + ':2.1', 'b', undefined],
    [writer + ':3.0', 'c', undefined], [writer + ':3.1', 'd @x', [key]]
  ])
})
