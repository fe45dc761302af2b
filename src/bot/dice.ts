// Dice for `!roll [NdM]`. Parsing is pure; the random source is passed in (crypto by default).
import { randomInt } from 'crypto'

export const DICE_LIMITS = { count: 100, sides: 1000 } as const

export interface Dice { count: number, sides: number }
export interface Roll extends Dice { rolls: number[], total: number }

/** A random whole number in [0, max). */
export type RandomInt = (max: number) => number

const SPEC = /^(\d{1,9})?d(\d{1,9})$/i

/**
 * "2d6" → { count: 2, sides: 6 }; "d20" → one die; no spec → 1d6. Returns a short reason (a
 * string) when the spec is malformed or beyond the limits (N ≤ 100 dice, M ≤ 1000 sides).
 */
export function parseDice (spec: string | undefined): Dice | string {
  if (spec === undefined || spec === '') return { count: 1, sides: 6 }
  const m = SPEC.exec(spec.trim())
  if (m === null) return 'write the dice as NdM, e.g. 2d6'
  const count = m[1] === undefined ? 1 : Number(m[1])
  const sides = Number(m[2])
  if (count < 1 || count > DICE_LIMITS.count) return `roll 1 to ${DICE_LIMITS.count} dice`
  if (sides < 2 || sides > DICE_LIMITS.sides) return `dice have 2 to ${DICE_LIMITS.sides} sides`
  return { count, sides }
}

export function roll (dice: Dice, random: RandomInt = randomInt): Roll {
  const rolls = Array.from({ length: dice.count }, () => random(dice.sides) + 1)
  return { ...dice, rolls, total: rolls.reduce((a, b) => a + b, 0) }
}

/** "2d6: 3 + 5 = 8", or "1d20: 17". */
export function formatRoll (r: Roll): string {
  const spec = `${r.count}d${r.sides}`
  return r.rolls.length === 1 ? `${spec}: ${r.total}` : `${spec}: ${r.rolls.join(' + ')} = ${r.total}`
}
