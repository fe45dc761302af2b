// Finding the member a command names (~remove @alice). Pure, so it is unit tested
// (test/ui/resolve-member.test.ts). A name that more than one member could be read as (the same
// name, or one that looks the same: the directory's lookalikes) is refused with the
// fingerprints to tell them apart; a fingerprint, or a name with one, picks one member.
import { nameText } from './identity.js'
import type { Member } from './types.js'

export type Resolved = { ok: true, member: Member } | { ok: false, message: string }

const fold = (s: string): string => s.normalize('NFKC').toLowerCase().trim()

export function resolveMember (members: readonly Member[], query: string): Resolved {
  const q = query.trim().replace(/^@/, '').trim()
  if (q === '') return { ok: false, message: 'Name a member: ~remove @name' }
  // "alice · 5495" or "alice·5495": a name with its fingerprint; "5495" alone: a fingerprint.
  const [namePart, fpPart] = q.includes('·') ? q.split('·').map(s => s.trim()) as [string, string] : [q, undefined]
  if (fpPart === undefined && /^[0-9a-f]{4,64}$/.test(q)) {
    const byKey = members.filter(m => m.key.startsWith(q))
    if (byKey.length === 1 && byKey[0] !== undefined) return { ok: true, member: byKey[0] }
  }
  const named = members.filter(m => fold(m.nickname ?? '') === fold(namePart) || fold(m.name ?? '') === fold(namePart))
  const picked = fpPart === undefined ? named : named.filter(m => m.key.startsWith(fpPart.toLowerCase()))
  if (picked.length === 0) {
    return { ok: false, message: fpPart === undefined ? `No member is called ${namePart}` : `No member called ${namePart} has the fingerprint ${fpPart}` }
  }
  // Everyone the name could mean: those called so, and the members whose names look the same.
  const keys = new Set(picked.map(m => m.key))
  if (fpPart === undefined) for (const m of picked) for (const k of m.lookalikes) keys.add(k)
  const could = members.filter(m => keys.has(m.key))
  if (could.length === 1 && could[0] !== undefined) return { ok: true, member: could[0] }
  const list = could.map(nameText).join(', ')
  return { ok: false, message: `${could.length} members could be "${namePart}": ${list}. Say which with the fingerprint, e.g. ~remove @${could[0]?.fingerprint ?? ''}` }
}
