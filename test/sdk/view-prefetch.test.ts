// The reads after a fast-forward, asked at once (src/view-prefetch.ts, docs/architecture.md §2.1):
// a sparse copy of a view several B-tree levels deep, as a joiner has after its fast-forward;
// the prefetch makes every key a join reads next, and the newest page, local, and walks the
// tree side by side rather than one key after another. Two real Hypercores in this process,
// linked by a replication stream.
import { expect, onTestFinished, test } from 'vitest'
import Corestore from 'corestore'
import Hyperbee from 'hyperbee'
import { joinKeys, prefetch, type Reader } from '../../src/view-prefetch.js'
import { keys } from '../../views/keys.js'
import { tmpStorage } from '../helpers/peers.js'

const MESSAGES = 3000
const hex = (c: string): string => c.repeat(64)
const who: Reader = { writer: hex('a'), device: hex('b'), identity: hex('c'), invite: hex('d'), applying: true }

/** A view of MESSAGES messages and a member's records, and a copy that holds only its length. */
async function sparseView (): Promise<Hyperbee> {
  const a = new Corestore(tmpStorage('vp-a'))
  const b = new Corestore(tmpStorage('vp-b'))
  onTestFinished(async () => { await a.close(); await b.close() })
  const bee = new Hyperbee(a.get({ name: 'view' }), { keyEncoding: 'utf-8', valueEncoding: 'json' })
  await bee.ready()
  // The records a join reads, written over the room's life as they are: their paths part
  // early, each in its own part of the tree.
  const records = [keys.room, keys.invite(who.invite as string), keys.member(hex('e')), keys.clock(hex('e')), keys.user(hex('e')), keys.writer(hex('e'))]
  for (let i = 0; i < MESSAGES; i += 100) {
    const batch = bee.batch()
    const record = records[i / 100]
    if (record !== undefined) await batch.put(record, { k: record })
    for (let j = i; j < i + 100; j++) await batch.put(keys.message(j), { text: 'message ' + j })
    await batch.flush()
  }
  const s1 = a.replicate(true)
  const s2 = b.replicate(false)
  s1.pipe(s2).pipe(s1)
  onTestFinished(() => { (s1 as unknown as { destroy: () => void }).destroy() })
  const copy = b.get({ key: bee.core.key })
  await copy.ready()
  await copy.update({ wait: true })
  const view = new Hyperbee(copy, { keyEncoding: 'utf-8', valueEncoding: 'json' })
  await view.ready()
  return view
}

/** Whether every key a join reads, and the newest page, can be read without the network. */
async function local (view: Hyperbee): Promise<boolean> {
  try {
    for (const k of joinKeys(who)) await view.get(k, { wait: false })
    const page = view.createReadStream({ gt: 'msg/', lt: 'msg0' }, { reverse: true, limit: 50 })
    let n = 0
    for await (const _ of page) n++
    return n === 50
  } catch {
    return false
  }
}

test('after the prefetch, what a join reads next and the newest page are local', async () => {
  const view = await sparseView()
  expect(view.core.contiguousLength).toBe(0)
  expect(await local(view)).toBe(false) // the copy is sparse: these reads would wait
  await prefetch(view, who)
  expect(await local(view)).toBe(true)
  expect((await view.get(keys.invite(who.invite as string)))?.value).toEqual({ k: keys.invite(who.invite as string) })
  // and not the whole view: only the paths to those keys
  let stored = 0
  for (let i = 0; i < view.core.length; i++) if (await view.core.has(i)) stored++
  expect(stored).toBeLessThan(view.core.length / 4)
})

test('the walks go down side by side, not one key after another', async () => {
  const view = await sparseView()
  // Blocks asked of the network and not yet arrived: one key after another, never more than one.
  const replicator = (view.core as unknown as { core: { replicator: { addBlock: (...args: unknown[]) => unknown } } }).core.replicator
  const addBlock = replicator.addBlock.bind(replicator)
  const pending = new Set<number>()
  let most = 0
  replicator.addBlock = (...args: unknown[]) => {
    pending.add(args[1] as number)
    most = Math.max(most, pending.size)
    return addBlock(...args)
  }
  view.core.on('download', (index: number) => pending.delete(index))
  await prefetch(view, who)
  expect(most).toBeGreaterThan(1)
})
