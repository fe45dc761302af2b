import { describe, expect, it } from 'vitest'
import { highlight } from '../../ui/highlight.js'

const marked = (text: string, terms: string[]): string => highlight(text, terms).map(p => p.hit ? `[${p.text}]` : p.text).join('')

describe('search highlights', () => {
  it('marks whole words that matched, in any case, and nothing inside other words', () => {
    expect(marked('The Header and the header-bar; headers too', ['header'])).toBe('The [Header] and the [header]-bar; headers too')
    expect(marked('release notes: Release!', ['release', 'notes'])).toBe('[release] [notes]: [Release]!')
  })

  it('shows a window around the first match, with cuts marked', () => {
    const long = 'word '.repeat(40) + 'needle ' + 'tail '.repeat(60)
    const pieces = highlight(long, ['needle'])
    const text = pieces.map(p => p.text).join('')
    expect(text.startsWith('…')).toBe(true)
    expect(text.endsWith('…')).toBe(true)
    expect(pieces.filter(p => p.hit).map(p => p.text)).toEqual(['needle'])
  })

  it('takes terms as text, never as patterns', () => {
    expect(marked('a+b (c) [d] .*', ['a+b', '(c)', '.*'])).toBe('a+b (c) [d] .*'.replace('a+b', '[a+b]').replace('(c)', '[(c)]').replace('.*', '[.*]'))
    expect(marked('nothing here', [])).toBe('nothing here')
  })
})
