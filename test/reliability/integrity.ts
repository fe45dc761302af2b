// Checks that a dumped view (key=JSON lines, as test/helpers/views.ts dumpView makes them)
// is internally consistent: positions contiguous from 0, every id indexed once,
// the clocks covering every message.
import type { MessageRecord } from '../../views/records.js'

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
    if (map.get('mid/' + rec.id) !== i) problems.push(`mid/${rec.id} does not point at ${i}`)
    if (((map.get('clock/' + rec.author) as number | undefined) ?? -1) < rec.seq) problems.push(`clock behind ${rec.id}`)
  })
  const mids = [...map.keys()].filter(k => k.startsWith('mid/')).length
  if (mids !== messages.length) problems.push(`${mids} mid/ entries for ${messages.length} messages`)
  return problems
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
