// Search (docs/architecture.md §15.2): a room of chat-like messages (bench/lib/words.ts) is
// written by one process and opened by a fresh one, which builds the index (timed: the build
// rate), then answers 200 queries (words, prefixes, two words, near misses) through
// client.search with limit 20. The floor is the index alone (MiniSearch, every hit, no reads
// of the view), query by query in the same run: the ratio is the cost of reading and checking
// each hit from its room. Also the index's size as it would be written (JSON: it is kept in
// memory, never written) and the node's RSS before and after the build.
import type { Figure } from '../lib/context.js'
import { row } from '../lib/table.js'
import { Worker } from '../lib/worker.js'
import { tmpDir } from '../lib/tmp.js'
import { openClient } from '../product/pair.js'
import { percentile, rate } from '../lib/stats.js'
import { rng, vocabulary, pick } from '../lib/words.js'

function queries (): string[] {
  const vocab = vocabulary()
  const r = rng(99)
  const word = (): string => vocab[pick(r, vocab.length)] as string
  const out: string[] = []
  for (let i = 0; i < 100; i++) out.push(word())
  for (let i = 0; i < 50; i++) out.push(word().slice(0, 3))
  for (let i = 0; i < 30; i++) out.push(`${word()} ${word()}`)
  for (let i = 0; i < 20; i++) {
    const w = vocab[Math.floor(r() * vocab.length)] as string
    const at = 1 + Math.floor(r() * (w.length - 2))
    out.push(w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2)) // two letters swapped
  }
  return out
}

export const search: Figure = async (ctx) => {
  const n = ctx.params.openMessages
  const storage = tmpDir('search')
  const writer = new Worker('search-writer')
  try {
    await openClient(writer, ctx, storage)
    const { id } = await writer.call<{ id: string }>('sdk.create', { alias: 'words' })
    const w = await writer.call<{ ms: number }>('sdk.sendWords', { room: id, count: n, window: 256, seed: 1 }, ctx.params.figureMs * 2)
    ctx.log(`search: wrote ${n} messages in ${(w.ms / 1000).toFixed(1)} s`)
  } finally {
    await writer.stop()
  }
  const reader = new Worker('search-reader')
  try {
    const qs = queries()
    const r = await reader.call<{ buildMs: number, docs: number, rssBeforeMiB: number, rssAfterMiB: number, heapBeforeMiB: number, heapAfterMiB: number, indexBytes: number, search: number[], floor: number[], hits: number[] }>(
      'sdk.searchBench', { storage, net: ctx.net, queries: qs }, ctx.params.figureMs * 2)
    const p = (xs: number[], q: number): number => percentile(xs, q)
    const floor50 = { name: 'the index alone, p50', value: p(r.floor, 50), unit: 'ms' }
    const floor99 = { name: 'the index alone, p99', value: p(r.floor, 99), unit: 'ms' }
    ctx.detail.search = { messages: n, queries: qs.length, ...r }
    const label = `${n.toLocaleString('en-US')}-message room`
    return [
      row({ figure: `search p50 (client.search, limit 20, ${label})`, value: p(r.search, 50), unit: 'ms', floor: floor50, target: '≤ 20 ms', met: p(r.search, 50) <= 20, note: `${qs.length} queries: words, prefixes, pairs, near misses; median ${p(r.hits, 50)} results` }),
      row({ figure: `search p99 (${label})`, value: p(r.search, 99), unit: 'ms', floor: floor99, target: '', met: null }),
      row({ figure: 'search index build rate (fresh process, from the view)', value: rate(r.docs, r.buildMs), unit: 'msg/s', floor: null, target: '', met: null, note: `${r.docs.toLocaleString('en-US')} messages in ${(r.buildMs / 1000).toFixed(1)} s, in the background from 2 s after open` }),
      row({ figure: 'search index size, serialised (kept in memory, never written)', value: r.indexBytes / 2 ** 20, unit: 'MiB', floor: null, target: '', met: null, note: `${(r.indexBytes / r.docs).toFixed(0)} B per message` }),
      row({ figure: 'node RSS with the index built', value: r.rssAfterMiB, unit: 'MiB', floor: { name: 'the same process before the build', value: r.rssBeforeMiB, unit: 'MiB' }, target: '', met: null, note: `JS heap in use after a full GC ${r.heapBeforeMiB.toFixed(0)} → ${r.heapAfterMiB.toFixed(0)} MiB: the index keeps ${((r.heapAfterMiB - r.heapBeforeMiB) * 2 ** 20 / r.docs).toFixed(0)} B per message` })
    ]
  } finally {
    await reader.stop()
  }
}
