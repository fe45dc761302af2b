// Trust in the browser (docs/architecture.md §3, §6.7): ~leave by the owner refuses and says how
// to hand over; a removed member's page says it was removed, offers no invites, and nothing new reaches it.
import { describe, expect, it } from 'vitest'
import path from 'path'
import { twoInARoom } from '../helpers/nodes.js'
import { waitFor } from '../helpers/wait.js'
import { bothShowing, logTexts, type } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

describe('trust in the browser', () => {
  it('~leave by the owner refuses with how to hand over; a removed member is told, offered no invites, and sees nothing new', async () => {
    const { aliceNode, bobNode, room, bobRoom } = await twoInARoom()
    await room.send('welcome, bob')
    const { alice, bob } = await bothShowing(aliceNode.url, bobNode.url, 'welcome, bob')

    await type(alice.page, '~leave')
    await alice.page.getByText('You own this room').waitFor()
    expect(await alice.page.getByText(/Make another member the owner first.*~leave anyway/).count()).toBe(1)
    await alice.page.screenshot({ path: path.join(SHOTS, 'leave-owner-light.png') })
    expect(aliceNode.client.rooms).toHaveLength(1)

    const invites = (page: typeof bob.page) => page.locator('lu-room-view header').getByRole('button', { name: /^(Invites|Copy invite)$/ }) // the room's header, not a notice's Copy invite
    expect(await invites(bob.page).count()).toBe(2)
    await room.removeMember(bobRoom.identityKey)
    const banner = bob.page.getByRole('alert').filter({ hasText: 'You were removed from this room' })
    await banner.waitFor()
    await waitFor(async () => await invites(bob.page).count() === 0, { message: 'no invite buttons for a removed member' })
    expect(await invites(alice.page).count()).toBe(2) // the owner still may
    await room.send('after bob left: the merger closes Friday')
    await waitFor(async () => (await room.messages()).length === 2, { message: 'alice to have her message' })
    await type(bob.page, 'can I still write?')
    await bob.page.getByText('You are not (or no longer) a member who can write in this room').waitFor()
    // Nobody serves bob the room now: his member list shows Alice offline (not from a stale presence).
    await waitFor(async () => await bob.page.locator('lu-members li').filter({ hasText: 'Alice' }).getByText('offline', { exact: true }).count() === 1, { message: 'Alice offline in the removed member\'s list' })
    await bob.page.screenshot({ path: path.join(SHOTS, 'removed-light.png') })
    expect(await logTexts(bob.page)).toEqual(['welcome, bob'])
  })
})
