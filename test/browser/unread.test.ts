/// <reference lib="dom" />
// Unread that lasts, in real Chromium (docs/architecture.md §15.1): the room list's unread and
// mention counts and the tab title survive a page reload and a node restart; opening the room
// shows the "New messages" divider at the first unread, and "Jump to first unread" reaches one
// older than the rows loaded. Writes docs/screenshots/unread-light.png.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { createLocalTestnet, tmpStorage } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage, pwned } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { roomOpen } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

function roomButton (page: Page, alias: string) {
  return page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: alias })
}

describe('unread in the browser', () => {
  it('counts survive a reload and a node restart; the divider and the jump show the first unread', async () => {
    const testnet = await createLocalTestnet()
    const bobStorage = tmpStorage('bob')
    const aliceNode = await createNode(testnet, { name: 'alice' })
    let bobNode = await createNode(testnet, { name: 'bob', storage: bobStorage })
    await Promise.all([aliceNode.client.setProfile({ name: 'Alice' }), bobNode.client.setProfile({ name: 'Bob' })])
    const general = await aliceNode.client.createRoom('general')
    const random = await aliceNode.client.createRoom('random')
    const bobGeneral = await bobNode.client.joinRoom(await general.createInvite())
    const bobRandom = await bobNode.client.joinRoom(await random.createInvite())
    await Promise.all([bobGeneral.markRead(), bobRandom.markRead()])

    const browser = await launchBrowser()
    const bob = await openPage(browser, bobNode.url)
    await roomButton(bob.page, 'general').click()
    await roomOpen(bob.page, 'general')

    await random.send('lunch at noon?')
    await random.send('@Bob can you book the table?', { mentions: [bobRandom.identityKey] })
    await random.send('the usual place')
    const badge = roomButton(bob.page, 'random').getByLabel('3 unread')
    await badge.waitFor()
    await roomButton(bob.page, 'random').getByLabel('1 mention').waitFor()
    await waitFor(async () => await bob.page.title() === '(3) LinkUp', { message: 'the tab title counts 3' })

    await bob.page.reload()
    await badge.waitFor()
    expect(await bob.page.title()).toBe('(3) LinkUp')

    const port = bobNode.port
    await bobNode.close()
    await bob.page.getByText('node unreachable', { exact: true }).waitFor()
    bobNode = await createNode(testnet, { storage: bobStorage, port })
    await bob.page.locator('lu-sidebar .me small', { hasText: /^online$/ }).waitFor({ timeout: 20_000 })
    await badge.waitFor()
    await roomButton(bob.page, 'random').getByLabel('1 mention').waitFor()

    // opening the room: the divider sits above the first unread, and the room is read
    await roomButton(bob.page, 'random').click()
    await roomOpen(bob.page, 'random')
    const log = bob.page.getByRole('log')
    const divider = log.getByRole('separator', { name: 'New messages' })
    await divider.waitFor()
    const next = await divider.evaluate(el => el.nextElementSibling?.getAttribute('data-id'))
    expect(next).toBe((await bobNode.client.room(random.id)!.messages({ limit: 3 }))[0]?.id)
    await badge.waitFor({ state: 'detached' })
    await waitFor(async () => await bob.page.title() === 'LinkUp', { message: 'the title counts nothing' })
    expect(bobNode.client.room(random.id)?.unread.count).toBe(0)
    fs.mkdirSync(SHOTS, { recursive: true })

    // 80 unread in general: the first is older than the page loaded; the jump brings it
    const sent = []
    for (let i = 1; i <= 80; i++) sent.push(general.send(`update ${i}`))
    await Promise.all(sent)
    await roomButton(bob.page, 'general').getByLabel('80 unread').waitFor()
    await bob.page.screenshot({ path: path.join(SHOTS, 'unread-light.png') })
    await roomButton(bob.page, 'general').click()
    await roomOpen(bob.page, 'general')
    await log.getByText('update 80').waitFor()
    expect(await divider.count()).toBe(0) // not loaded: the newest 50 only
    await bob.page.getByRole('button', { name: 'Jump to first unread' }).click()
    await divider.waitFor()
    const firstOf80 = (await bobNode.client.room(general.id)!.messages({ limit: 80 }))[0]
    expect(firstOf80?.text).toMatch(/^update \d+$/)
    expect(await divider.evaluate(el => el.nextElementSibling?.getAttribute('data-id'))).toBe(firstOf80?.id)
    await log.getByText('update 80').waitFor() // the jump loaded what follows the first unread too
    await bob.page.screenshot({ path: path.join(SHOTS, 'unread-divider-light.png') })

    expect(bob.errors).toEqual([])
    expect(bob.csp).toEqual([])
    expect(await pwned(bob)).toBe(false)
  }, 180_000)
})
