// Which time a message shows (ui/message-time.ts): the sender's claim only when believable.
import { describe, expect, it } from 'vitest'
import { describeClaim, shownTime } from '../../ui/message-time.js'
import { TIMES } from '../../views/limits.js'

const NOW = Date.UTC(2026, 10, 25, 12, 0)
const MIN = 60_000

describe('shownTime', () => {
  it('believes a claim from 2025 up to ten minutes after first sight', () => {
    expect(shownTime({ timestamp: NOW - 5 * MIN }, NOW)).toEqual({ at: NOW - 5 * MIN, claimed: null })
    expect(shownTime({ timestamp: Date.UTC(2025, 3, 1) }, NOW)).toEqual({ at: Date.UTC(2025, 3, 1), claimed: null })
    expect(shownTime({ timestamp: NOW + 9 * MIN }, NOW)).toEqual({ at: NOW + 9 * MIN, claimed: null })
  })

  it('shows the first sight instead of a claim in the future, before 2025 or past any date', () => {
    for (const claim of [NOW + 11 * MIN, Date.UTC(2036, 0, 3), 0, TIMES.floor - 1, TIMES.lastValid, Number.NaN]) {
      expect(shownTime({ timestamp: claim, firstSeen: NOW }, NOW + 1000)).toEqual({ at: NOW, claimed: claim })
    }
  })

  it('without a first sight, judges by this tab\'s clock and shows no time for a far-off claim', () => {
    expect(shownTime({ timestamp: NOW + 60 * MIN }, NOW)).toEqual({ at: null, claimed: NOW + 60 * MIN })
    expect(shownTime({ timestamp: 0 }, NOW)).toEqual({ at: null, claimed: 0 })
  })

  it('judges a claim against the first sight, not against now (history read later)', () => {
    const seen = NOW - 30 * 24 * 60 * MIN
    expect(shownTime({ timestamp: seen + 60 * MIN, firstSeen: seen }, NOW)).toEqual({ at: seen, claimed: seen + 60 * MIN })
  })

  it('describes an impossible claim in words', () => {
    expect(describeClaim(TIMES.lastValid)).toBe('an impossible date')
    expect(describeClaim(Number.NaN)).toBe('an impossible date')
    expect(describeClaim(Date.UTC(2036, 0, 3))).toMatch(/2036/)
  })
})
