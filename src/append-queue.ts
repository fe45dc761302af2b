// Group commit: every event appended while a write is in flight goes out in the next single
// base.append(batch), so a burst of sends costs one apply and one flush instead of one each.
import type Autobase from 'autobase'

interface Pending {
  block: Buffer
  resolve: (seq: number) => void
  reject: (err: unknown) => void
}

export class AppendQueue {
  private readonly base: Autobase
  private queue: Pending[] = []
  private flushing: Promise<void> | null = null

  constructor (base: Autobase) {
    this.base = base
  }

  /** Appends one block; resolves to its seq in the local writer core. */
  append (block: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ block, resolve, reject })
      if (this.flushing === null) this.flushing = this.drain()
    })
  }

  /** Resolves when everything queued so far has been appended. */
  async drained (): Promise<void> {
    while (this.flushing !== null) await this.flushing
  }

  private async drain (): Promise<void> {
    await Promise.resolve() // let the rest of this tick's sends join the batch
    while (this.queue.length > 0) {
      const batch = this.queue
      this.queue = []
      try {
        const length = await this.base.append(batch.map(p => p.block))
        batch.forEach((p, i) => p.resolve(length - batch.length + i))
      } catch (err) {
        for (const p of batch) p.reject(err)
      }
    }
    this.flushing = null
  }
}
