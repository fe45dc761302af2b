// A token bucket: `capacity` replies, refilled evenly over `intervalMs`. Time is an input
// (`now`), so tests drive it without sleeping.

export interface RateLimit {
  /** Replies allowed in a burst (default 5). */
  capacity?: number
  /** Time for an empty bucket to refill completely, in ms (default 5000). */
  intervalMs?: number
}

/** ok: go ahead; notice: refused, say "slow down" once; drop: refused, stay silent. */
export type Take = 'ok' | 'notice' | 'drop'

export class TokenBucket {
  readonly capacity: number
  readonly intervalMs: number
  private tokens: number
  private last: number
  private noticed = false
  private readonly now: () => number

  constructor (opts: RateLimit = {}, now: () => number = Date.now) {
    this.capacity = opts.capacity ?? 5
    this.intervalMs = opts.intervalMs ?? 5000
    if (!(Number.isSafeInteger(this.capacity) && this.capacity >= 1)) throw new RangeError('capacity is a whole number ≥ 1')
    if (!(Number.isFinite(this.intervalMs) && this.intervalMs > 0)) throw new RangeError('intervalMs is a positive number')
    this.now = now
    this.tokens = this.capacity
    this.last = now()
  }

  /** Takes one token. The first refusal after a success is a 'notice', later ones 'drop'. */
  take (): Take {
    this.refill()
    if (this.tokens >= 1) {
      this.tokens -= 1
      this.noticed = false
      return 'ok'
    }
    if (this.noticed) return 'drop'
    this.noticed = true
    return 'notice'
  }

  get available (): number {
    this.refill()
    return Math.floor(this.tokens)
  }

  private refill (): void {
    const now = this.now()
    const elapsed = Math.max(0, now - this.last)
    this.last = now
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.capacity / this.intervalMs)
  }
}
