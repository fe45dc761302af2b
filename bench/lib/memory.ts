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
