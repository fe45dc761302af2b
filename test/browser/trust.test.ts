/// <reference lib="dom" />
// Roles, removal and invites in a real browser: the owner makes bob an admin from the member
// list, removes carol after the confirmation (carol's own page says she was removed), makes and
// revokes an invite in the Invites dialog (the live list right on bob's page too), and a
// newcomer's page refuses revoked, used-up and expired invites with the right words.
// Writes docs/screenshots/trust-*.png.
import { describe, expect, it } from 'vitest'
import path from 'path'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor, once } from '../helpers/wait.js'
import { roomOpen, waitForText } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

describe('trust in the browser', () => {
  it('promotes, removes with a confirmation, revokes an invite, and refuses dead invites', async () => {
    const testnet = await createLocalTestnet()
    const [aliceNode, bobNode, carolNode, daveNode] = await Promise.all(['alice', 'bob', 'carol', 'dave'].map(name => createNode(testnet, { name })))
    await Promise.all([[aliceNode, 'alice'], [bobNode, 'bob'], [carolNode, 'carol'], [daveNode, 'dave']].map(([n, name]) => (n as typeof aliceNode).client.setProfile({ name: name as string })))
    const room = await aliceNode.client.createRoom('team')
    const bobRoom = await bobNode.client.joinRoom(await room.createInvite({ uses: 1 }))
    const carolRoom = await carolNode.client.joinRoom(await room.createInvite({ uses: 1 }))
    await carolRoom.send('hello from carol')

    const browser = await launchBrowser()
    const [alice, bob, carol] = await Promise.all([aliceNode, bobNode, carolNode].map(n => openPage(browser, n.url)))
    for (const w of [alice, bob, carol]) await roomOpen(w.page, 'team')
    const aliceMembers = alice.page.getByRole('complementary', { name: 'Members' })
    const bobFp = bobRoom.identityKey.slice(0, 4)
    const carolFp = carolRoom.identityKey.slice(0, 4)

    // Promote: the owner opens bob's actions and makes him an admin; both pages show it.
    await aliceMembers.getByRole('button', { name: `Actions for bob · ${bobFp}` }).click()
    await aliceMembers.getByRole('menuitem', { name: 'Make admin' }).click()
    await aliceMembers.getByRole('listitem').filter({ hasText: `bob · ${bobFp}` }).getByText('admin', { exact: true }).waitFor()
    await bob.page.getByRole('complementary', { name: 'Members' }).getByRole('listitem').filter({ hasText: 'you' }).getByText('admin', { exact: true }).waitFor()
    expect((await room.members()).find(m => m.key === bobRoom.identityKey)?.role).toBe('admin')
    await alice.page.screenshot({ path: path.join(SHOTS, 'trust-promoted.png') })

    // Remove: a confirmation first; cancelling keeps carol, confirming removes her.
    await aliceMembers.getByRole('button', { name: `Actions for carol · ${carolFp}` }).click()
    await aliceMembers.getByRole('menuitem', { name: 'Remove…' }).click()
    const confirm = alice.page.getByRole('dialog', { name: 'Remove' })
    await confirm.waitFor()
    await alice.page.screenshot({ path: path.join(SHOTS, 'trust-remove-confirm.png') })
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await confirm.waitFor({ state: 'hidden' })
    expect((await room.members()).some(m => m.key === carolRoom.identityKey)).toBe(true)
    await aliceMembers.getByRole('button', { name: `Actions for carol · ${carolFp}` }).click()
    await aliceMembers.getByRole('menuitem', { name: 'Remove…' }).click()
    const removed = once(carolRoom, 'removed', 60_000)
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click()
    await aliceMembers.getByText(`carol`).waitFor({ state: 'detached' })
    await removed
    await carol.page.getByRole('alert').filter({ hasText: 'You were removed from this room' }).waitFor()
    await carol.page.getByRole('button', { name: /^Actions for alice/ }).waitFor({ state: 'detached' }) // nothing left to do there
    // Nobody is online for carol any more: no peer of the room serves her.
    const carolMembers = carol.page.getByRole('complementary', { name: 'Members' })
    for (const [name, fp] of [['alice', room.identityKey.slice(0, 4)], ['bob', bobFp]]) {
      await carolMembers.getByRole('listitem').filter({ hasText: `${name} · ${fp}` }).getByText('offline', { exact: true }).waitFor({ timeout: 10_000 })
    }
    await carol.page.screenshot({ path: path.join(SHOTS, 'trust-removed.png') })

    // Invites: alice makes a single-use invite for an hour; bob's dialog lists it; alice revokes it.
    await alice.page.getByRole('button', { name: 'Invites', exact: true }).click()
    const aliceDialog = alice.page.getByRole('dialog', { name: 'Invites' })
    await aliceDialog.getByLabel('Expires after').selectOption('1h')
    await aliceDialog.getByLabel('Single use').check()
    await aliceDialog.getByRole('button', { name: 'Create invite' }).click()
    const token = (await aliceDialog.locator('.made code').textContent())?.trim() ?? ''
    expect(token).toMatch(/^linkup:/)
    const live = aliceDialog.getByRole('list', { name: 'Live invites' }).getByRole('listitem')
    await live.filter({ hasText: '1 use left' }).filter({ hasText: /expires in (59|60) minutes/ }).waitFor()
    await bob.page.getByRole('button', { name: 'Invites', exact: true }).click()
    const bobDialog = bob.page.getByRole('dialog', { name: 'Invites' })
    await bobDialog.getByRole('list', { name: 'Live invites' }).getByRole('listitem').filter({ hasText: '1 use left' }).waitFor()
    await alice.page.screenshot({ path: path.join(SHOTS, 'trust-invites.png') })
    await live.filter({ hasText: '1 use left' }).getByRole('button', { name: /^Revoke the invite by alice/ }).click()
    await aliceDialog.getByText('No invite can let anyone in right now.').waitFor()
    await bobDialog.getByText('No invite can let anyone in right now.').waitFor() // bob's list follows

    // A newcomer's page refuses each dead invite with the right words.
    const used = await room.createInvite({ uses: 1 })
    await (await createClient(testnet, { name: 'erin' })).joinRoom(used)
    const expired = await room.createInvite({ expiresInMs: 1 })
    const made = Date.now()
    await waitFor(() => Date.now() > made + 1, { message: 'the invite to expire' })
    const dave = await openPage(browser, daveNode.url)
    // An expired invite is refused at once, in the form; the others once the node has asked the
    // room's members, in the room list's joins (src/server/joins.ts).
    const rooms = dave.page.getByRole('navigation', { name: 'Rooms' })
    const tryJoin = async (invite: string, words: RegExp, where: 'form' | 'joins'): Promise<void> => {
      const box = dave.page.getByRole('textbox', { name: 'Invite' })
      if (!(await box.isVisible())) await dave.page.getByRole('button', { name: 'Join room', exact: true }).click() // the form stays open after a refusal
      await box.fill(invite)
      await dave.page.getByRole('button', { name: 'Join', exact: true }).click()
      const shown = where === 'form'
        ? dave.page.locator('lu-room-form').getByRole('alert')
        : rooms.getByRole('list', { name: 'Joins' }).getByRole('listitem').filter({ hasText: 'Could not join' })
      await shown.filter({ hasText: words }).waitFor({ timeout: 60_000 })
    }
    await tryJoin(token, /revoked/, 'joins')
    await tryJoin(expired, /expired/, 'form')
    await tryJoin(used, /used as many times as it allows/, 'joins')
    await dave.page.screenshot({ path: path.join(SHOTS, 'trust-invite-refused.png') })
    await waitForText(alice.page, 'hello from carol') // history stays for the others
    for (const w of [alice, bob, carol, dave]) {
      expect(w.errors).toEqual([])
      expect(w.csp).toEqual([])
    }
  }, 240_000)
})
