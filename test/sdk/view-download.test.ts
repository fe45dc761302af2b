// The download of a sparse view (src/view-download.ts, docs/architecture.md §2.1): it waits for
// the first page (or a deferral), fetches newest first a chunk at a time, and ends with the
// whole signed view local. Two real Hypercores in this process, linked by a replication stream.
import { expect, onTestFinished, test } from 'vitest'
import Corestore from 'corestore'
import type Hypercore from 'hypercore'
import { ViewDownload } from '../../src/view-download.js'
import { tmpStorage } from '../helpers/peers.js'
import { waitFor } from '../helpers/wait.js'

const BLOCKS = 30
const CHUNK = 10

async function sparseCopy (): Promise<{ copy: Hypercore, downloaded: number[] }> {
  const a = new Corestore(tmpStorage('vd-a'))
  const b = new Corestore(tmpStorage('vd-b'))
  onTestFinished(async () => { await a.close(); await b.close() })
  const core = a.get({ name: 'view' })
  await core.ready()
  for (let i = 0; i < BLOCKS; i++) await core.append(Buffer.from('block ' + i))
  const s1 = a.replicate(true)
  const s2 = b.replicate(false)
  s1.pipe(s2).pipe(s1)
  onTestFinished(() => { (s1 as unknown as { destroy: () => void }).destroy() })
  const copy = b.get({ key: core.key })
  await copy.ready()
  await copy.update({ wait: true })
  const downloaded: number[] = []
  copy.on('download', (index: number) => downloaded.push(index))
  return { copy, downloaded }
}

test('it starts once a page was read, newest chunk first, and ends with the whole view', async () => {
  const { copy, downloaded } = await sparseCopy()
  expect(copy.contiguousLength).toBe(0)
  const download = new ViewDownload(() => copy, (err) => { throw err }, { deferMs: 60_000, chunk: CHUNK })
  onTestFinished(() => download.stop())
  download.want()
  download.pageShown()
  // Hypercore counts a block as held when its write commits and emits 'download' after: a look
  // in between saw the whole view with 7 events still to come (CI, 1 run).
  await waitFor(() => copy.contiguousLength === BLOCKS && new Set(downloaded).size === BLOCKS, { message: 'the whole view, and a download event for each block' })
  // Chunk by chunk from the top: every block of [20, 30) before any of [10, 20), and so on.
  const chunkOf = (i: number): number => Math.floor(i / CHUNK)
  const order = downloaded.map(chunkOf)
  expect(order).toEqual([...order].sort((x, y) => y - x))
  expect(new Set(downloaded).size).toBe(BLOCKS)
})

test('without a page read it waits, then starts after its deferral', async () => {
  const { copy, downloaded } = await sparseCopy()
  const download = new ViewDownload(() => copy, (err) => { throw err }, { deferMs: 200, chunk: CHUNK })
  onTestFinished(() => download.stop())
  download.want()
  expect(downloaded).toEqual([]) // nothing asked for at once
  await waitFor(() => copy.contiguousLength === BLOCKS, { message: 'the whole view after the deferral' })
})

test('stopped, it fetches nothing more', async () => {
  const { copy, downloaded } = await sparseCopy()
  const download = new ViewDownload(() => copy, (err) => { throw err }, { deferMs: 50, chunk: CHUNK })
  download.want()
  download.stop()
  download.pageShown()
  await new Promise((resolve) => setTimeout(resolve, 300)) // a window in which a download would have started
  expect(downloaded).toEqual([])
})

test('afterFirstPage holds other background reads only while the download is deferred', async () => {
  const { copy } = await sparseCopy()
  const settled = (p: Promise<void>): Promise<boolean> => Promise.race([p.then(() => true), Promise.resolve().then(() => Promise.resolve(false))])
  const held = new ViewDownload(() => copy, (err) => { throw err }, { deferMs: 60_000, chunk: CHUNK })
  onTestFinished(() => held.stop())
  expect(await settled(held.afterFirstPage())).toBe(true) // nothing deferred: at once
  held.want()
  const waiting = held.afterFirstPage()
  expect(await settled(waiting)).toBe(false)
  held.pageShown()
  expect(await settled(waiting)).toBe(true)
  expect(await settled(held.afterFirstPage())).toBe(true) // a page was read: never again held

  const timed = new ViewDownload(() => copy, (err) => { throw err }, { deferMs: 50, chunk: CHUNK })
  onTestFinished(() => timed.stop())
  timed.want()
  await timed.afterFirstPage() // the deferral ended without a page: released by the timer

  const stopped = new ViewDownload(() => copy, (err) => { throw err }, { deferMs: 60_000, chunk: CHUNK })
  stopped.want()
  const stopping = stopped.afterFirstPage()
  stopped.stop()
  expect(await settled(stopping)).toBe(true)
})

test('fetchNew asks at once for what a returning member is about to read: from where its reader was to the signed length', async () => {
  const { copy, downloaded } = await sparseCopy()
  const download = new ViewDownload(() => copy, (err) => { throw err }, { deferMs: 60_000, chunk: CHUNK })
  onTestFinished(() => download.stop())
  download.want() // deferred for a minute: no page is read here
  download.fetchNew(12)
  await waitFor(() => downloaded.length === BLOCKS - 12, { message: 'the blocks after the reader' })
  expect(Math.min(...downloaded)).toBe(12) // nothing below where the reader had read
  expect(new Set(downloaded).size).toBe(BLOCKS - 12)
  expect(copy.contiguousLength).toBe(0) // the rest waits for the deferred fill
})
