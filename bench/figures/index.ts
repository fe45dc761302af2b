// Every figure, in the order they run and print.
import type { Figure } from '../lib/context.js'
import { latency } from './latency.js'
import { rates } from './rates.js'

export const figures: Record<string, Figure> = {
  latency,
  rates
}
