// Composer commands in the browser: ~help, an unknown command (error, nothing sent), ~ping,
// ~nick (the new name reaches the other user), ~leave.
import { describe, expect, it } from 'vitest'
import { twoInARoom } from '../helpers/nodes.js'
import { articles, bothShowing, type } from './ui-flow.js'

describe('composer commands', () => {
  it('runs ~help, ~ping, ~nick and ~leave, and refuses a bad command without sending', async () => {
    const { aliceNode, bobNode, room } = await twoInARoom()
    await room.send('hello')
    const { alice, bob } = await bothShowing(aliceNode.url, bobNode.url, 'hello')

    await type(alice.page, '~help')
    await alice.page.getByText('hide this room\'s history on this device only').waitFor()

    const box = alice.page.getByRole('textbox', { name: 'Message' })
    await type(alice.page, '~dance wildly')
    await alice.page.getByRole('alert').filter({ hasText: 'Unknown command ~dance' }).waitFor()
    expect(await box.inputValue()).toBe('~dance wildly')
    await type(alice.page, '~join not-an-invite')
    await alice.page.getByRole('alert').filter({ hasText: 'not an invite' }).waitFor()
    expect(await articles(alice.page).count()).toBe(1)

    await box.fill('')
    await type(alice.page, '~ping')
    await alice.page.getByText('Round trip to connected peers').waitFor()
    expect(await alice.page.locator('lu-notice dt').textContent()).toMatch(/^peer [0-9a-f]{8}$/)
    expect(await alice.page.locator('lu-notice dd').textContent()).toMatch(/^\d+ ms$/)

    await type(alice.page, '~nick Alice Cooper')
    await alice.page.getByText('You are now Alice Cooper').waitFor()
    await bob.page.getByRole('log').getByRole('article').filter({ hasText: 'Alice Cooper' }).waitFor()

    // The profile editor (the pencil in the sidebar) renames too.
    await alice.page.getByRole('button', { name: 'Edit profile' }).click()
    const dialog = alice.page.getByRole('dialog', { name: 'Edit profile' })
    await dialog.getByRole('textbox', { name: 'Display name' }).fill('Alice C.')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.waitFor({ state: 'detached' })
    await bob.page.getByRole('log').getByRole('article').filter({ hasText: 'Alice C.' }).waitFor()
    expect(aliceNode.client.profile?.name).toBe('Alice C.')

    await type(bob.page, '~leave')
    await bob.page.getByText('You left # general').waitFor()
    expect(await bob.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: 'general' }).count()).toBe(0)
    expect(bobNode.client.rooms.length).toBe(0)
    for (const w of [alice, bob]) expect(w.errors).toEqual([])
  })
})
