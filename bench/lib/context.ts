// What every figure gets: the run's sizes, the testnet, the two long-lived peers A and B, and
// per-figure storage.
import type { Params } from './params.js'
import type { NetOptions } from './swarm.js'
import type { Worker } from './worker.js'
import type { Row } from './table.js'

export interface Context {
  quick: boolean
  params: Params
  net: NetOptions
  /** A second, separate testnet: a node on it runs normally but cannot find the others. */
  island: NetOptions
  /** Peers in two separate processes, kept for the whole run (latency and the replication floors). */
  a: Worker
  b: Worker
  /** Storage directories of A's and B's clients (kept across restarts within the run). */
  storage: { a: string, b: string }
  /** The room A created and B joined, once the first product figure has made it. */
  room: SharedRoom | null
  /** Extra raw numbers for the JSON report, by figure. */
  detail: Record<string, unknown>
  log: (msg: string) => void
}

export type Figure = (ctx: Context) => Promise<Row[]>

export interface SharedRoom { id: string, writerA: string, writerB: string }
