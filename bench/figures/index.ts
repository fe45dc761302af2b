// Every figure, in the order they run and print.
import type { Figure } from '../lib/context.js'
import { latency } from './latency.js'
import { file } from './file.js'
import { serverLatency } from './server-latency.js'
import { rates } from './rates.js'
import { catchUp } from './catch-up.js'
import { merge } from './merge.js'
import { open } from './open.js'
import { memory } from './memory.js'
import { conversation } from './conversation.js'
import { search } from './search.js'

export const figures: Record<string, Figure> = {
  latency,
  'server-latency': serverLatency,
  rates,
  'catch-up': catchUp,
  merge,
  open,
  file,
  memory,
  conversation,
  search
}
