// Checks that a dumped view (key=JSON lines, as test/helpers/views.ts dumpView makes them)
// is internally consistent: positions contiguous from 0, every id found by the id runs,
// the clocks covering every message.
import type { MessageRecord, IdRunRecord } from '../../views/records.js'

export function viewProblems (entries: string[]): string[] {
  const map = new Map<string, unknown>()
  for (const line of entries) {
    const at = line.indexOf('=')
    map.set(line.slice(0, at), JSON.parse(line.slice(at + 1)))
  }
  const problems: string[] = []
  const messages = [...map].filter(([k]) => k.startsWith('msg/'))
  const ids = new Set<string>()
  messages.forEach(([k, v], i) => {
    const rec = v as MessageRecord
    if (Number(k.slice(4)) !== i) problems.push(`position gap at ${k}`)
    if (ids.has(rec.id)) problems.push(`duplicate id ${rec.id}`)
    ids.add(rec.id)
    if (positionById(map, rec.author, rec.seq, rec.part) !== i) problems.push(`the id runs do not point ${rec.id} at ${i}`)
    if (((map.get('clock/' + rec.author) as number | undefined) ?? -1) < rec.seq) problems.push(`clock behind ${rec.id}`)
  })
  const runs = [...map].filter(([k]) => k.startsWith('ids/')).map(([, v]) => v as IdRunRecord)
  const indexed = runs.reduce((n, r) => n + (r.parts ?? r.count), 0)
  if (indexed !== messages.length) problems.push(`id runs cover ${indexed} positions for ${messages.length} messages`)
  return problems
}

/** Where the writer's id runs put its block `seq` (and part), as the SDK finds it (the last run at or before it). */
function positionById (map: Map<string, unknown>, writer: string, seq: number, part: number | undefined): number | null {
  let best: { first: number, run: IdRunRecord } | null = null
  for (const [k, v] of map) {
    if (!k.startsWith(`ids/${writer}/`)) continue
    const first = Number(k.slice(k.lastIndexOf('/') + 1))
    if (first <= seq && (best === null || first > best.first)) best = { first, run: v as IdRunRecord }
  }
  if (best === null || seq - best.first >= best.run.count) return null
  const { run } = best
  if (run.parts === undefined) return part === undefined ? run.position + seq - best.first : null
  return part !== undefined && part < run.parts ? run.position + part : null
}

export function messageIdsOf (entries: string[]): string[] {
  return entries.filter(l => l.startsWith('msg/')).map(l => (JSON.parse(l.slice(l.indexOf('=') + 1)) as MessageRecord).id)
}

/** A small seeded generator, so a failing run can be repeated with LINKUP_SEED. */
export function seeded (seed: number): (n: number) => number {
  let s = seed >>> 0
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s % n
  }
}
