// Sizes of each figure: the full run (the figures) and the quick smoke run for CI.

export interface Params {
  latencyMessages: number
  /** Room sizes of the fan-out figure (members, each a process), and messages sent in each. */
  fanOutMembers: number[]
  fanOutMessages: number
  /** Messages sent to each fan-out room before measuring, and the least time between messages. */
  fanOutWarmup: number
  fanOutSpacingMs: number
  /** Room sizes of the join figure, joins into each, and messages per append when filling. */
  joinSizes: number[]
  joinTrials: number
  joinFillBatch: number
  /** Rooms of a node the rooms figure opens, and messages in each. */
  roomCounts: number[]
  roomMessages: number
  oneWriterMessages: number
  fiveWriterMessages: number
  localOps: number
  catchUpMessages: number
  /** Catch-ups of the catch-up figure, each alternated with its floor. */
  catchUpRounds: number
  mergeMessages: number
  openMessages: number
  /** Restarts of the open figure, each a fresh process (the figure is their median). */
  openRounds: number
  fileMB: number
  /** Reads of the file figure, each alternated with its floor. */
  fileRounds: number
  memoryRooms: number
  memoryMessages: number
  /** Rooms one seeder keeps in the seeder figure. */
  seederRooms: number
  /** Deadline for one peer connection (first connections here can be half-open for ~13 s). */
  connectMs: number
  /** Deadline for one figure's main wait. */
  figureMs: number
}

export const full: Params = {
  latencyMessages: 500,
  fanOutMembers: [2, 4, 8],
  fanOutMessages: 150,
  fanOutWarmup: 20,
  fanOutSpacingMs: 250,
  joinSizes: [1000, 10_000, 100_000],
  joinTrials: 7,
  joinFillBatch: 32,
  roomCounts: [10, 50, 100],
  roomMessages: 50,
  oneWriterMessages: 5000,
  fiveWriterMessages: 5000,
  localOps: 10_000,
  catchUpMessages: 10_000,
  catchUpRounds: 3,
  mergeMessages: 1000,
  openMessages: 100_000,
  openRounds: 5,
  fileMB: 50,
  fileRounds: 5,
  memoryRooms: 20,
  memoryMessages: 10_000,
  seederRooms: 100,
  connectMs: 60_000,
  figureMs: 600_000
}

export const quick: Params = {
  latencyMessages: 100,
  fanOutMembers: [2, 3],
  fanOutMessages: 10,
  fanOutWarmup: 5,
  fanOutSpacingMs: 0,
  joinSizes: [300],
  joinTrials: 1,
  joinFillBatch: 8,
  roomCounts: [10],
  roomMessages: 10,
  oneWriterMessages: 300,
  fiveWriterMessages: 300,
  localOps: 1000,
  catchUpMessages: 500,
  catchUpRounds: 1,
  mergeMessages: 100,
  openMessages: 1000,
  openRounds: 1,
  fileMB: 4,
  fileRounds: 1,
  memoryRooms: 4,
  memoryMessages: 100,
  seederRooms: 5,
  connectMs: 120_000,
  figureMs: 45_000
}

/** A chat line's size in bytes, for floors that stand in for messages. */
export const MESSAGE_BYTES = 80
/** Block size of a Hyperdrive blob core. */
export const FILE_BLOCK_BYTES = 64 * 1024
