// Resident set size, in MiB, and a sampler that keeps the peak while work runs.

export function rssMiB (): number {
  return process.memoryUsage().rss / (1024 * 1024)
}

export class RssSampler {
  peak = 0
  private timer: NodeJS.Timeout | null = null

  start (everyMs = 50): this {
    this.peak = rssMiB()
    this.timer = setInterval(() => { this.peak = Math.max(this.peak, rssMiB()) }, everyMs)
    this.timer.unref()
    return this
  }

  stop (): number {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.peak = Math.max(this.peak, rssMiB())
    return this.peak
  }
}

/** CPU time (user + system) in milliseconds since `from`. */
export function cpuMs (from?: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from)
  return (u.user + u.system) / 1000
}

/**
 * Waits until this process used at most `maxPercent` of one core over a window of `windowMs`
 * (RocksDB's background compactions count: process.cpuUsage covers every thread), or until
 * `deadlineMs`. Returns how long it waited and the last window's share, for the log.
 */
export async function quiet (opts: { windowMs: number, maxPercent: number, deadlineMs: number }): Promise<{ waitedMs: number, percent: number }> {
  const start = Date.now()
  let percent = Infinity
  while (Date.now() - start < opts.deadlineMs) {
    const from = process.cpuUsage()
    await new Promise((resolve) => setTimeout(resolve, opts.windowMs))
    percent = cpuMs(from) / opts.windowMs * 100
    if (percent <= opts.maxPercent) break
  }
  return { waitedMs: Date.now() - start, percent }
}
