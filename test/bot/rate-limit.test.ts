import { expect, it } from 'vitest'
import { TokenBucket } from '../../src/bot/rate-limit.js'

it('allows a burst, then one notice, then silence, and refills over time', () => {
  let now = 1_000
  const bucket = new TokenBucket({ capacity: 5, intervalMs: 5000 }, () => now)
  expect(Array.from({ length: 5 }, () => bucket.take())).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
  expect(bucket.take()).toBe('notice')
  expect(bucket.take()).toBe('drop')
  expect(bucket.take()).toBe('drop')
  now += 999
  expect(bucket.take()).toBe('drop') // not yet a whole token
  now += 1
  expect(bucket.take()).toBe('ok') // one token per second
  expect(bucket.take()).toBe('notice') // a new notice after a success
  now += 60_000
  expect(bucket.available).toBe(5) // never more than the capacity
})

it('does not go wrong when the clock steps back', () => {
  let now = 10_000
  const bucket = new TokenBucket({ capacity: 2, intervalMs: 1000 }, () => now)
  bucket.take()
  bucket.take()
  now = 0
  expect(bucket.take()).toBe('notice')
  now = 500
  expect(bucket.take()).toBe('ok')
})

it('refuses a bad configuration', () => {
  expect(() => new TokenBucket({ capacity: 0 })).toThrow(RangeError)
  expect(() => new TokenBucket({ intervalMs: -1 })).toThrow(RangeError)
})
