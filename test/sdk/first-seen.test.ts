// When this device first saw far-off messages (src/first-seen.ts): runs per writer, kept on
// disk, bounded per room, and a damaged file started afresh.
import fs from 'fs'
import path from 'path'
import { describe, expect, it } from 'vitest'
import { FirstSeen } from '../../src/first-seen.js'
import { tmpStorage } from '../helpers/peers.js'

const W = 'ab'.repeat(32)

describe('FirstSeen', () => {
  it('keeps runs of seqs seen close in time, in either order, and the first time for each', async () => {
    const dir = tmpStorage('first-seen')
    const log = new FirstSeen(dir)
    expect(await log.load()).toBeNull()
    log.record('r', W, 9, 1000) // a page is read newest first
    log.record('r', W, 7, 1010)
    log.record('r', W, 12, 2000)
    log.record('r', W, 40, 1000 + 3_600_000) // an hour later: a run of its own
    log.record('r', W, 9, 5_000_000) // seen before: unchanged
    expect([7, 8, 9, 12].map(s => log.at('r', W, s))).toEqual([1000, 1000, 1000, 1000])
    expect(log.at('r', W, 40)).toBe(1000 + 3_600_000)
    expect(log.at('r', W, 6)).toBeNull()
    expect(log.at('r', W, 20)).toBeNull()
    expect(log.at('other', W, 9)).toBeNull()
    await log.flushed()
    const again = new FirstSeen(dir)
    expect(await again.load()).toBeNull()
    expect(again.at('r', W, 8)).toBe(1000)
    again.forget('r')
    await again.flushed()
    const after = new FirstSeen(dir)
    await after.load()
    expect(after.at('r', W, 8)).toBeNull()
  })

  it('holds at most 1,000 runs a room, dropping the one seen longest ago', async () => {
    const log = new FirstSeen(tmpStorage('first-seen'))
    for (let i = 0; i < 1200; i++) log.record('r', W, i * 10, i * 120_000)
    expect(log.at('r', W, 0)).toBeNull()
    expect(log.at('r', W, 1990)).toBeNull()
    expect(log.at('r', W, 2000)).toBe(200 * 120_000)
    expect(log.at('r', W, 11990)).toBe(1199 * 120_000)
    await log.flushed()
  })

  it('starts afresh from a damaged file, and says so', async () => {
    const dir = tmpStorage('first-seen')
    fs.writeFileSync(path.join(dir, 'first-seen.json'), '{"version":1,"rooms":{"r"')
    const log = new FirstSeen(dir)
    expect(await log.load()).toBeInstanceOf(Error)
    expect(log.at('r', W, 0)).toBeNull()
    log.record('r', W, 0, 1)
    await log.flushed()
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'first-seen.json'), 'utf-8'))).toEqual({ version: 1, rooms: { r: { [W]: [[0, 0, 1]] } } })
  })
})
