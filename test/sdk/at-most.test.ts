// atMost (src/at-most.ts), how a Client opens its rooms at start: never more than the limit at
// once, results in the items' order, and a failure rejects only once the tasks under way settled.
import { expect, test } from 'vitest'
import { atMost } from '../../src/at-most.js'

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

test('at most `limit` tasks run at once, and the results keep the items\' order', async () => {
  let running = 0
  let most = 0
  const results = await atMost(3, [5, 1, 4, 2, 3, 0, 6], async (n) => {
    running++
    most = Math.max(most, running)
    for (let i = 0; i < n; i++) await tick() // tasks end in another order than they started
    running--
    return n * 10
  })
  expect(most).toBe(3)
  expect(results).toEqual([50, 10, 40, 20, 30, 0, 60])
})

test('a failure rejects after the tasks under way have settled, and starts no more', async () => {
  const started: number[] = []
  const settled: number[] = []
  const run = atMost(2, [0, 1, 2, 3, 4], async (n) => {
    started.push(n)
    for (let i = 0; i < 3; i++) await tick()
    settled.push(n)
    if (n === 1) throw new Error('room 1 is damaged')
    return n
  })
  await expect(run).rejects.toThrow('room 1 is damaged')
  expect(settled).toEqual(started) // nothing left running unseen
  expect(started).not.toContain(4)
})

test('no items, no tasks', async () => {
  expect(await atMost(8, [], async () => 1)).toEqual([])
})
