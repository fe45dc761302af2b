// Closed-loop latency: send one, wait until it has arrived (and whatever else `step` waits for),
// then send the next. A few warm-up rounds are discarded so JIT and buffers settle first.
import { percentile, mean } from './stats.js'

export interface LatencyStats { count: number, p50: number, p99: number, mean: number, max: number, samples: number[] }

export function summarise (samples: number[]): LatencyStats {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: mean(samples),
    max: Math.max(...samples),
    samples
  }
}

export async function closedLoop (count: number, warmup: number, step: (i: number) => Promise<number>): Promise<LatencyStats> {
  const samples: number[] = []
  for (let i = 0; i < warmup + count; i++) {
    const ms = await step(i)
    if (i >= warmup) samples.push(ms)
  }
  return summarise(samples)
}

/** A message body of about a chat line's size, carrying its index so arrivals can be matched. */
export function body (tag: string, i: number, size = 80): string {
  const head = `${tag} ${i} `
  return head + 'x'.repeat(Math.max(0, size - head.length))
}
