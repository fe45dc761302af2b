// Search (docs/architecture.md §15.2): a room of chat-like messages (bench/lib/words.ts) is
// written by one process and opened by a fresh one, which builds the index (timed: the build
// rate), then answers 200 queries (words, prefixes, two words, near misses) through
// client.search with limit 20. The floor is the index alone (MiniSearch, every hit, no reads
// of the view), query by query in the same run: the ratio is the cost of reading and checking
// each hit from its room. Also the index file's size on disk and the node's RSS before and
// after the build. Then a restart: a third, fresh process opens the storage and loads the
// index from search-index.json (timed, beside the build from the view in the same run: the
// rebuild a load saves), with its RSS; it must read nothing from the view and answer every
// query as the built index did.
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
    const r = await reader.call<{ buildMs: number, docs: number, rssBeforeMiB: number, rssAfterMiB: number, heapBeforeMiB: number, heapAfterMiB: number, indexBytes: number, writeMs: number, serialiseMs: number, search: number[], floor: number[], hits: number[] }>(
      'sdk.searchBench', { storage, net: ctx.net, queries: qs }, ctx.params.figureMs * 2)
    await reader.stop()
    const loader = new Worker('search-loader')
    const l = await loader.call<{ loadMs: number, docs: number, read: number, rssBeforeMiB: number, rssAfterMiB: number, heapBeforeMiB: number, heapAfterMiB: number, hits: number[] }>(
      'sdk.searchLoad', { storage, net: ctx.net, queries: qs }, ctx.params.figureMs * 2).finally(async () => await loader.stop())
    const same = l.hits.every((h, i) => h === r.hits[i])
    if (!same || l.docs !== r.docs) throw new Error(`the loaded index answers differently: ${l.docs} documents for ${r.docs}, same results ${same}`)
    const p = (xs: number[], q: number): number => percentile(xs, q)
    const floor50 = { name: 'the index alone, p50', value: p(r.floor, 50), unit: 'ms' }
    const floor99 = { name: 'the index alone, p99', value: p(r.floor, 99), unit: 'ms' }
    ctx.detail.search = { messages: n, queries: qs.length, ...r, load: l }
    const label = `${n.toLocaleString('en-US')}-message room`
    return [
      row({ figure: `search p50 (client.search, limit 20, ${label})`, value: p(r.search, 50), unit: 'ms', floor: floor50, target: '≤ 20 ms', met: p(r.search, 50) <= 20, note: `${qs.length} queries: words, prefixes, pairs, near misses; median ${p(r.hits, 50)} results` }),
      row({ figure: `search p99 (${label})`, value: p(r.search, 99), unit: 'ms', floor: floor99, target: '', met: null }),
      row({ figure: 'search index build rate (fresh process, from the view)', value: rate(r.docs, r.buildMs), unit: 'msg/s', floor: null, target: '', met: null, note: `${r.docs.toLocaleString('en-US')} messages in ${(r.buildMs / 1000).toFixed(1)} s, in the background from 2 s after open` }),
      row({ figure: 'search index file on disk (search-index.json)', value: r.indexBytes / 2 ** 20, unit: 'MiB', floor: null, target: '', met: null, note: `${(r.indexBytes / r.docs).toFixed(0)} B per message; written whole in ${r.writeMs.toFixed(0)} ms (the longest stretch holding the event loop: ${r.serialiseMs.toFixed(0)} ms, the snapshot), 30 s after a change and at close` }),
      row({ figure: 'node RSS with the index built', value: r.rssAfterMiB, unit: 'MiB', floor: { name: 'the same process before the build', value: r.rssBeforeMiB, unit: 'MiB' }, target: '', met: null, note: `JS heap in use after a full GC ${r.heapBeforeMiB.toFixed(0)} → ${r.heapAfterMiB.toFixed(0)} MiB: the index keeps ${((r.heapAfterMiB - r.heapBeforeMiB) * 2 ** 20 / r.docs).toFixed(0)} B per message` }),
      row({ figure: `search index load at a restart (${label})`, value: l.loadMs, unit: 'ms', floor: { name: 'building it from the view, same run', value: r.buildMs, unit: 'ms' }, target: '', met: null, note: `${l.read} messages read from the view to catch up; all ${qs.length} queries answered as by the built index` }),
      row({ figure: 'node RSS with the index loaded', value: l.rssAfterMiB, unit: 'MiB', floor: { name: 'the same process before the load', value: l.rssBeforeMiB, unit: 'MiB' }, target: '', met: null, note: `JS heap in use after a full GC ${l.heapBeforeMiB.toFixed(0)} → ${l.heapAfterMiB.toFixed(0)} MiB` })
    ]
  } finally {
    await reader.stop()
  }
}
