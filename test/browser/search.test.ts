/// <reference lib="dom" />
// Search in real Chromium (docs/architecture.md §15.2): Ctrl+K focuses the search box (role
// searchbox, "Search messages"); results show room, author, time and the matched words marked;
// choosing one opens its room at that message with its context loaded, also one far older than
// the rows on screen; "From" narrows them to one member of the open room. Writes
// docs/screenshots/search-light.png and search-from-light.png.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage, pwned } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { roomOpen } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

describe('search in the browser', () => {
  it('finds messages across rooms and opens one far back in its room', async () => {
    const testnet = await createLocalTestnet()
    const [aliceNode, bobNode] = await Promise.all([createNode(testnet, { name: 'alice' }), createNode(testnet, { name: 'bob' })])
    await Promise.all([aliceNode.client.setProfile({ name: 'Alice Martin' }), bobNode.client.setProfile({ name: 'Bob Okafor' })])
    const ops = await aliceNode.client.createRoom('ops')
    const design = await aliceNode.client.createRoom('design')
    const bobOps = await bobNode.client.joinRoom(await ops.createInvite())
    await bobNode.client.joinRoom(await design.createInvite())
    const old = await ops.send('Migrating the **database** to the new cluster on Friday')
    for (let i = 1; i <= 80; i++) await ops.send(`ops chatter ${i}`)
    await bobOps.send('Database backups are verified, restore tested')
    await design.send('The dashboard needs a database status widget')
    await waitFor(async () => (await bobNode.client.search('widget')).length === 1, { message: 'bob indexed everything' })

    const browser = await launchBrowser()
    const bob = await openPage(browser, bobNode.url)
    await bob.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: 'design' }).click()
    await roomOpen(bob.page, 'design')
    await bob.page.getByRole('textbox', { name: 'Message' }).click()
    await bob.page.keyboard.press('Control+K')
    const box = bob.page.getByRole('searchbox', { name: 'Search messages' })
    expect(await box.evaluate(el => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true)
    await box.pressSequentially('datab')
    const results = bob.page.getByRole('listbox', { name: 'Search results' }).getByRole('option')
    await waitFor(async () => await results.count() === 3, { message: 'three results' })
    const texts = await results.allInnerTexts()
    expect(texts[0]).toContain('# design')
    expect(texts[0]).toContain('Alice Martin')
    expect(texts[1]).toContain('Bob Okafor')
    expect(texts[2]).toContain('# ops')
    expect(await results.nth(2).locator('mark').allInnerTexts()).toEqual(['database'])
    expect(await results.nth(1).locator('mark').allInnerTexts()).toEqual(['Database'])
    fs.mkdirSync(SHOTS, { recursive: true })
    await bob.page.screenshot({ path: path.join(SHOTS, 'search-light.png') })

    // the oldest, 81 messages back in another room: Arrow keys, then Enter
    await box.press('ArrowDown')
    await box.press('ArrowDown')
    await box.press('Enter')
    await roomOpen(bob.page, 'ops')
    const row = bob.page.locator(`lu-message[data-id="${old.id}"]`)
    await row.waitFor()
    await expect(row.isVisible()).resolves.toBe(true)
    await bob.page.getByRole('log').getByText('ops chatter 5', { exact: true }).waitFor() // what follows it is loaded too
    expect(await row.getAttribute('flash')).toBe('')

    // a deleted message is not found; the box narrows to this room on request
    await ops.delete(old.id)
    await waitFor(async () => (await bobNode.client.search('migrating')).length === 0, { message: 'the deletion reached bob' })
    await box.fill('migrating')
    await bob.page.getByText('No messages match.').waitFor()

    // From: one member of the open room (ops)
    await ops.send('The database failover drill is next week')
    await waitFor(async () => (await bobNode.client.search('failover')).length === 1, { message: 'bob indexed the drill' })
    await box.fill('database')
    await waitFor(async () => await results.count() === 3, { message: 'three results from anyone' })
    const from = bob.page.getByRole('combobox', { name: 'From' })
    await from.selectOption(ops.identityKey)
    // Without an account alice is a key per room: only her ops message. With one she is one
    // person everywhere (docs/architecture.md §16.5): her design message too.
    const alices = ops.identityKey === ops.writerKey ? 1 : 2
    await waitFor(async () => await results.count() === alices, { message: 'only alice\'s' })
    const fromAlice = (await results.first().innerText()).replace(/\s+/g, ' ')
    expect(fromAlice).toContain('failover drill')
    expect(fromAlice).toContain(`Alice Martin · ${ops.identityKey.slice(0, 4)}`) // the fingerprint, as in the log
    await bob.page.screenshot({ path: path.join(SHOTS, 'search-from-light.png') })
    await from.selectOption(bobOps.identityKey)
    await waitFor(async () => (await results.allInnerTexts()).join('|').includes('backups are verified') && await results.count() === 1, { message: 'only bob\'s' })
    await from.selectOption('')
    await waitFor(async () => await results.count() === 3, { message: 'anyone again' })

    expect(bob.errors).toEqual([])
    expect(bob.csp).toEqual([])
    expect(await pwned(bob)).toBe(false)
  }, 180_000)
})
