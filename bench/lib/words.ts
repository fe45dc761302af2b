// Text that looks like chat to a search index: words drawn with a Zipf-like skew from a fixed
// vocabulary of made-up words (syllables), by a seeded generator, so every run indexes the same
// messages and asks the same questions.

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'pe', 'da', 'gu', 'ha', 'ji', 'ko', 'ma', 'no', 'ri', 'se', 'ta', 'zu', 'bre', 'cla', 'dro', 'fli', 'gro', 'pla', 'stu', 'tri']

export function rng (seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function vocabulary (size = 5000, seed = 7): string[] {
  const r = rng(seed)
  const words = new Set<string>()
  while (words.size < size) {
    const n = 2 + Math.floor(r() * 3)
    let w = ''
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)]
    words.add(w)
  }
  return [...words]
}

/** A word index skewed towards the start of the vocabulary (common words), like real text. */
export function pick (r: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(size * Math.pow(r(), 2.5)))
}

export function sentence (r: () => number, vocab: readonly string[]): string {
  const n = 6 + Math.floor(r() * 12)
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(vocab[pick(r, vocab.length)] as string)
  return out.join(' ')
}
