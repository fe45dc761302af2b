// An event this build cannot read (a newer version, written by a member) stops the room, and
// the page says to update instead of showing a silently wrong history. The event is appended
// through the real room, so the real apply interrupts the real Autobase.
import { describe, expect, it } from 'vitest'
import { createLocalTestnet } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { waitForText } from './ui-flow.js'
import { roomInternals } from '../../src/room-internals.js'
import { EVENT_VERSION, encodeEvent, type RoomEvent } from '../../views/schema.js'

describe('a newer event', () => {
  it('shows an update banner when the room stops on it', async () => {
    const testnet = await createLocalTestnet()
    const node = await createNode(testnet)
    await node.client.setProfile({ name: 'Alice' })
    const room = await node.client.createRoom('general')
    await room.send('hello from the present')
    const browser = await launchBrowser()
    const alice = await openPage(browser, node.url)
    await waitForText(alice.page, 'hello from the present')
    expect(await alice.page.getByText('Update LinkUp').count()).toBe(0)

    // Straight to the writer core: the SDK's own writer refuses an event its schema does not know.
    const future = { type: 'message-posted', v: EVENT_VERSION + 1, text: 'from the future', ts: Date.now() } as unknown as RoomEvent
    await roomInternals(room).base.append(encodeEvent(future)).catch(() => {}) // the append itself fails: the base stops under it
    await waitFor(() => room.interrupted, { message: 'the room to stop' })
    await alice.page.getByRole('alert').filter({ hasText: 'Update LinkUp to keep reading this room' }).waitFor()
    // A reload still shows it: the room summary carries the reason.
    await alice.page.reload()
    await alice.page.getByRole('alert').filter({ hasText: 'Update LinkUp to keep reading this room' }).waitFor()
    expect(alice.errors).toEqual([])
  })
})
