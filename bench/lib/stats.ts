// Small statistics over samples: percentiles (nearest rank), mean, rates.

export function percentile (samples: number[], p: number): number {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

export function mean (samples: number[]): number {
  if (samples.length === 0) return NaN
  return samples.reduce((a, b) => a + b, 0) / samples.length
}

/** Items per second, given a count and a duration in milliseconds. */
export function rate (count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : NaN
}

/** Milliseconds between two process.hrtime.bigint() readings. */
export function msBetween (start: bigint, end: bigint): number {
  return Number(end - start) / 1e6
}

/**
 * Monotonic time in nanoseconds as a decimal string (JSON cannot carry a bigint).
 * On Linux this is CLOCK_MONOTONIC, shared by every process on the machine, so a
 * reading taken in one process can be compared with one taken in another.
 */
export function now (): string {
  return process.hrtime.bigint().toString()
}

export function since (start: string, end: string = now()): number {
  return msBetween(BigInt(start), BigInt(end))
}
