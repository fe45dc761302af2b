// A sender's clock is a claim (issue #13, item 3). A message stamped 9e15 ms was never rendered
// ("Invalid time value", also after a reload); far-future and epoch-0 stamps were shown as real
// times and made the day headers jump (Today → 2036 → Today → 1970). The view keeps what the
// sender said; the SDK bounds it to valid dates and adds when this device first saw a message
// whose claim is far off; the UI shows that instead, and the claim beside it.
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { roomInternals } from '../../src/room-internals.js'
import type { Room } from '../../src/index.js'
import { decodeEvent, encodeEvent } from '../../views/schema.js'
import { keys } from '../../views/keys.js'
import { TIMES } from '../../views/limits.js'
import { createClient, createLocalTestnet, tmpStorage } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { articles, waitForText } from '../browser/ui-flow.js'

const CLAIMS = {
  impossible: 9e15, // past the last valid Date (8.64e15)
  future: Date.UTC(2036, 0, 3, 9, 0),
  epoch: 0
}

/** A message with this claimed time, appended raw (the SDK always writes its own clock). */
async function stamped (room: Room, text: string, ts: number): Promise<string> {
  const seq = await roomInternals(room).writer.append({ type: 'message-posted', v: 1, text, ts })
  return `${room.writerKey}:${seq}`
}

describe('a sender\'s clock', () => {
  it('is kept in the view as sent, bounded to valid dates in the SDK, and flagged with when this device first saw it, across restarts', async () => {
    const testnet = await createLocalTestnet()
    const storage = tmpStorage('clock')
    const alice = await createClient(testnet, { name: 'alice', storage })
    const room = await alice.createRoom('clocks')
    // The decoder keeps every v1 block it always took: bounding ts there would skip blocks
    // that older builds apply, and their views would differ from ours.
    expect(decodeEvent(encodeEvent({ type: 'message-posted', v: 1, text: 'x', ts: 9e15 }))).not.toBeNull()
    const before = Date.now()
    const honest = await stamped(room, 'honest', before)
    const ids = Object.fromEntries(await Promise.all(Object.entries(CLAIMS).map(async ([name, ts]) => [name, await stamped(room, name, ts)])))
    const after = Date.now()
    await waitFor(async () => (await room.messages()).length === 4, { message: 'four messages in the view' })

    const check = async (r: Room): Promise<void> => {
      const byText = new Map((await r.messages()).map(m => [m.text, m]))
      expect(byText.get('honest')?.firstSeen).toBeUndefined()
      expect(byText.get('honest')?.timestamp).toBe(before)
      for (const [name, ts] of Object.entries(CLAIMS)) {
        const m = byText.get(name)!
        expect(m.timestamp).toBe(Math.min(ts, TIMES.lastValid))
        expect(Number.isNaN(new Date(m.timestamp).getTime())).toBe(false)
        expect(m.firstSeen).toBeGreaterThanOrEqual(before)
        expect(m.firstSeen).toBeLessThanOrEqual(after + 5000)
      }
      // What the sender said stays in the view as it was: apply reads no clock.
      const record = await roomInternals(r).base.view.get(keys.message(1))
      expect((record?.value as { ts: number }).ts).toBe(9e15)
      expect((await r.message(honest))?.firstSeen).toBeUndefined()
      expect((await r.message(ids.epoch!))?.firstSeen).toBe(byText.get('epoch')?.firstSeen)
    }
    await check(room)
    const seen = (await room.messages()).find(m => m.text === 'future')?.firstSeen
    await alice.close()
    const again = await createClient(testnet, { storage })
    await again.rooms[0]!.ready()
    await check(again.rooms[0]!)
    expect((await again.rooms[0]!.messages()).find(m => m.text === 'future')?.firstSeen).toBe(seen)
  })

  it('in the page: every message renders, day headers stay on Today, and a far-off claim shows beside when it was first seen, also after a reload', async () => {
    const testnet = await createLocalTestnet()
    const node = await createNode(testnet, { name: 'alice' })
    await node.client.setProfile({ name: 'Alice' })
    const room = await node.client.createRoom('clocks')
    await room.send('first, honest')
    for (const [name, ts] of Object.entries(CLAIMS)) await stamped(room, `claims ${name}`, ts)
    await room.send('last, honest')

    const browser = await launchBrowser()
    const alice = await openPage(browser, node.url)
    const look = async (): Promise<void> => {
      await waitForText(alice.page, 'last, honest')
      expect(await articles(alice.page).count()).toBe(5)
      const days = await alice.page.getByRole('log').getByRole('separator').allInnerTexts()
      expect(days).toEqual(['Today'])
      for (const name of Object.keys(CLAIMS)) {
        const row = articles(alice.page).filter({ hasText: `claims ${name}` })
        const note = row.locator('.claimed')
        await note.waitFor()
        expect(await note.innerText()).toMatch(/sender's clock/)
        expect((await note.boundingBox())?.width, 'the claim is in sight').toBeGreaterThan(50)
        // The time shown is when this device first saw it: today, like its neighbours.
        const shown = await row.locator('time').first().getAttribute('datetime')
        expect(new Date(shown ?? '').toDateString()).toBe(new Date().toDateString())
      }
      const honest = articles(alice.page).filter({ hasText: 'first, honest' })
      expect(await honest.locator('.claimed').count()).toBe(0)
    }
    await look()
    await alice.page.screenshot({ path: 'test/artifacts/clock-far-off.png' })
    await alice.page.reload()
    await look()
    expect(alice.errors).toEqual([])
  })
})
