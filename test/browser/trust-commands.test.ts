/// <reference lib="dom" />
// Removal and invites from the keyboard and by an admin, in a real browser: an admin's member
// menu offers Remove for a member but not for the owner; ~remove refuses a name two members
// share (with their fingerprints), removes by fingerprint, and refuses the owner; ~invite 1h once
// makes a single-use invite for an hour; the owner's "Only admins can invite" leaves a member
// no way to invite (no Invites or Copy invite in the header) and stops the invite the member made. Writes docs/screenshots/trust-*.png.
import { describe, expect, it } from 'vitest'
import path from 'path'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { roomOpen, type } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

describe('trust from the keyboard', () => {
  it('an admin removes with ~remove (not the owner, not a name two share); ~invite options; only admins invite', async () => {
    const testnet = await createLocalTestnet()
    const [aliceNode, bobNode, carolNode] = await Promise.all(['alice', 'bob', 'carol'].map(name => createNode(testnet, { name })))
    await Promise.all([[aliceNode, 'alice'], [bobNode, 'bob'], [carolNode, 'carol']].map(([n, name]) => (n as typeof aliceNode).client.setProfile({ name: name as string })))
    const room = await aliceNode.client.createRoom('team')
    const bobRoom = await bobNode.client.joinRoom(await room.createInvite())
    const carolRoom = await carolNode.client.joinRoom(await room.createInvite())
    // Two members both called dave (the second with a Cyrillic е): ~remove @dave could mean either.
    const [dave, fake] = await Promise.all([createClient(testnet, { name: 'dave' }), createClient(testnet, { name: 'dav\u0435' })])
    const daveRoom = await dave.joinRoom(await room.createInvite())
    const fakeRoom = await fake.joinRoom(await room.createInvite())
    await room.setRole(bobRoom.identityKey, 'admin')
    await waitFor(async () => (await bobRoom.members()).length === 5 && bobRoom.role === 'admin', { message: 'bob an admin who sees everyone' })

    const browser = await launchBrowser()
    const [alice, bob, carol] = await Promise.all([aliceNode, bobNode, carolNode].map(n => openPage(browser, n.url)))
    for (const w of [alice, bob, carol]) await roomOpen(w.page, 'team')

    // An admin's menu: Remove for a member, none for the owner.
    const bobMembers = bob.page.getByRole('complementary', { name: 'Members' })
    const menu = async (name: string, fp: string): Promise<string[]> => {
      await bobMembers.getByRole('button', { name: `Actions for ${name} · ${fp}` }).click()
      const items = await bobMembers.getByRole('menuitem').allInnerTexts()
      await bob.page.keyboard.press('Escape')
      return items.map(s => s.trim())
    }
    expect(await menu('alice', room.identityKey.slice(0, 4))).not.toContain('Remove…')
    expect(await menu('carol', carolRoom.identityKey.slice(0, 4))).toContain('Remove…')

    // ~remove @dave is refused with both fingerprints; the fingerprint picks the real one.
    const notice = bob.page.locator('lu-notice')
    await type(bob.page, '~remove @dave')
    await notice.getByRole('alert').filter({ hasText: /^2 members could be "dave": .*Say which with the fingerprint/ }).waitFor()
    const alert = await notice.getByRole('alert').innerText()
    const shown = await bobRoom.members()
    const [daveFp, fakeFp] = [daveRoom, fakeRoom].map(r => shown.find(m => m.key === r.identityKey)?.fingerprint ?? '')
    expect(alert).toContain(`dave · ${daveFp}`)
    expect(alert).toContain(`dav\u0435 · ${fakeFp}`)
    await bob.page.screenshot({ path: path.join(SHOTS, 'trust-remove-command.png') })
    await type(bob.page, `~remove @${daveFp}`)
    await notice.getByText(`Removed dave · ${daveFp} from this room.`).waitFor()
    await waitFor(async () => !(await room.members()).some(m => m.key === daveRoom.identityKey), { message: 'dave gone from alice\'s list' })
    expect((await room.members()).some(m => m.key === fakeRoom.identityKey)).toBe(true)

    // The owner cannot be removed by an admin, whatever is typed.
    await type(bob.page, '~remove @alice')
    await notice.getByRole('alert').filter({ hasText: 'The owner cannot be removed' }).waitFor()

    // A member's ~invite 1h once: a single-use invite for an hour. (The removal made invites
    // admins-only; the owner turns that off first, then on again from the Invites dialog.)
    await room.setInvitePolicy({ adminsOnly: false })
    await waitFor(async () => !(await carolRoom.invitePolicy()).adminsOnly, { message: 'carol to see members may invite' })
    await type(carol.page, '~invite 1h once')
    const made = carol.page.locator('lu-notice')
    await made.getByText('single use, expires in 60 minutes').waitFor()
    const token = (await made.locator('code').textContent())?.trim() ?? ''
    expect(token).toMatch(/^linkup:/)
    const mine = (await carolRoom.invites()).find(i => i.by.key === carolRoom.identityKey)
    expect(mine).toMatchObject({ uses: 1, usesLeft: 1 })

    // Only admins invite: the owner's switch; carol's page offers no invite any more (Invites and
    // Copy invite are gone from her header), ~invite is refused, and the invite she made stops
    // letting anyone in.
    const offered = (page: typeof carol.page) => page.locator('lu-room-view header').getByRole('button', { name: /^(Invites|Copy invite)$/ }) // the room's header, not a notice's Copy invite
    await waitFor(async () => await offered(carol.page).count() === 2, { message: 'invites offered to carol while members may invite' })
    await alice.page.getByRole('button', { name: 'Invites', exact: true }).click()
    const aliceDialog = alice.page.getByRole('dialog', { name: 'Invites' })
    await aliceDialog.getByRole('checkbox', { name: 'Only admins can invite' }).check()
    await waitFor(async () => (await carolRoom.invitePolicy()).adminsOnly, { message: 'carol to see only admins invite' })
    await waitFor(async () => await offered(carol.page).count() === 0, { message: 'no invite offered to carol' })
    expect(await offered(bob.page).count()).toBe(2) // an admin still may
    await type(carol.page, '~invite')
    await made.getByRole('alert').filter({ hasText: /Only admins can invite/ }).waitFor()
    await carol.page.screenshot({ path: path.join(SHOTS, 'trust-admins-only.png') })
    const erin = await createClient(testnet, { name: 'erin', joinTimeout: 20_000 })
    await expect(erin.joinRoom(token)).rejects.toMatchObject({ code: 'INVITE_NOT_ADMIN' })

    for (const w of [alice, bob, carol]) {
      expect(w.errors).toEqual([])
      expect(w.csp).toEqual([])
    }
  }, 240_000)
})
