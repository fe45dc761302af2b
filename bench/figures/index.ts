// Every figure, in the order they run and print.
import type { Figure } from '../lib/context.js'
import { latency } from './latency.js'
import { fanOut } from './fan-out.js'
import { join } from './join.js'
import { rooms } from './rooms.js'
import { file } from './file.js'
import { serverLatency } from './server-latency.js'
import { rates } from './rates.js'
import { catchUp } from './catch-up.js'
import { merge } from './merge.js'
import { open } from './open.js'
import { memory } from './memory.js'
import { encryption } from './encryption.js'
import { seederFigure } from './seeder.js'
import { conversation } from './conversation.js'
import { search } from './search.js'

export const figures: Record<string, Figure> = {
  latency,
  'fan-out': fanOut,
  'server-latency': serverLatency,
  rates,
  'catch-up': catchUp,
  merge,
  open,
  join,
  rooms,
  file,
  memory,
  conversation,
  encryption,
  seeder: seederFigure,
  search
}
