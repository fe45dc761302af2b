/// <reference lib="dom" />
// Desktop notifications in real Chromium (docs/architecture.md §15.3). The permission is
// granted to the page's origin; every Notification the page makes is recorded (the real one is
// still made). The page is made hidden by an init script that answers document.visibilityState
// as the test says (headless Chromium has no window to hide) and fires visibilitychange.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import type { Page } from 'playwright-core'
import { createLocalTestnet, createClient, tmpStorage } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage, pwned } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { roomOpen } from './ui-flow.js'

const NOWHERE = ['127.0.0.1:9']
const offline = { bootstrap: NOWHERE, destroy: async () => {} }
const BOT_MARKER = '\u2063'

interface Note { title: string, body: string, tag: string }

function record (): void {
  const w = window as unknown as { __notes: Note[], __shown: Notification[], __hidden: boolean }
  w.__notes = []
  w.__shown = []
  w.__hidden = false
  const Real = window.Notification
  class Recording extends Real {
    constructor (title: string, opts: NotificationOptions = {}) {
      super(title, opts)
      w.__notes.push({ title, body: opts.body ?? '', tag: opts.tag ?? '' })
      w.__shown.push(this)
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recording, configurable: true, writable: true })
  Object.defineProperty(document, 'visibilityState', { get: () => w.__hidden ? 'hidden' : 'visible', configurable: true })
  Object.defineProperty(document, 'hidden', { get: () => w.__hidden, configurable: true })
}

const notes = async (page: Page): Promise<Note[]> => await page.evaluate(() => (window as unknown as { __notes: Note[] }).__notes)
async function hide (page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    (window as unknown as { __hidden: boolean }).__hidden = h
    document.dispatchEvent(new Event('visibilitychange'))
  }, hidden)
}

describe('desktop notifications', () => {
  it('notifies of a mention while hidden or in another room, never of own or bot messages, and a catch-up of 500 as one summary', async () => {
    const testnet = await createLocalTestnet()
    const [aliceNode, bobNode] = await Promise.all([createNode(testnet, { name: 'alice' }), createNode(testnet, { name: 'bob' })])
    await Promise.all([aliceNode.client.setProfile({ name: 'Alice' }), bobNode.client.setProfile({ name: 'Bob' })])
    const general = await aliceNode.client.createRoom('general')
    const random = await aliceNode.client.createRoom('random')
    const bobGeneral = await bobNode.client.joinRoom(await general.createInvite())
    await bobNode.client.joinRoom(await random.createInvite())
    const carolStorage = tmpStorage('carol')
    let carol = await createClient(testnet, { name: 'Carol', storage: carolStorage })
    await carol.joinRoom(await general.createInvite())
    await carol.close()
    const bobKey = bobGeneral.identityKey

    const browser = await launchBrowser()
    const bob = await openPage(browser, bobNode.url, { init: record })
    await bob.context.grantPermissions(['notifications'], { origin: new URL(bobNode.url).origin })
    await bob.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: 'general' }).click()
    await roomOpen(bob.page, 'general')
    expect(await bob.page.evaluate(() => Notification.permission)).toBe('granted')
    const log = bob.page.getByRole('log')

    // visible, this room open: nothing; another room: the mention notifies
    await general.send('@Bob morning', { mentions: [bobKey] })
    await log.getByText('@Bob morning').waitFor()
    const deploy = await random.send('@Bob the deploy is yours', { mentions: [bobNode.client.room(random.id)!.identityKey] })
    await waitFor(async () => (await notes(bob.page)).length === 1, { message: 'one notification, for the other room' })
    expect(await notes(bob.page)).toEqual([{ title: 'Alice in #random', body: '@Bob the deploy is yours', tag: `linkup-${deploy.id}` }])

    // hidden: plain messages do not notify (mentions only), nor a bot's mention, nor bob's own
    await hide(bob.page, true)
    await general.send('lunch anyone?')
    await general.send(BOT_MARKER + '@Bob a bot reminder', { mentions: [bobKey] })
    await bobGeneral.send('@Bob note to self', { mentions: [bobKey] })
    const marker = await general.send('@Bob are you there?', { mentions: [bobKey] })
    await waitFor(async () => (await notes(bob.page)).length === 2, { message: 'the hidden mention notifies' })
    expect((await notes(bob.page))[1]).toEqual({ title: 'Alice in #general', body: '@Bob are you there?', tag: `linkup-${marker.id}` })

    // 'All messages' for this room, chosen in its header
    await hide(bob.page, false)
    // The node takes the level in memory at once but says so on the live stream only once it is
    // stored, just before it answers the PUT: a message sent before then could reach the page
    // ahead of the new level (seen under load). After the answer, the stream's order holds.
    await Promise.all([
      bob.page.waitForResponse(r => r.url().endsWith('/api/notifications') && r.request().method() === 'PUT'),
      bob.page.getByRole('combobox', { name: 'Notifications for this room' }).selectOption('all')
    ])
    expect(bobNode.client.notifications.rooms[general.id]).toBe('all')
    await hide(bob.page, true)
    await general.send('a plain message, all of them now')
    await waitFor(async () => (await notes(bob.page)).length === 3, { message: 'a plain message notifies' })

    // carol catches up 500 messages written offline: one summary, not 500
    carol = await createClient(offline, { storage: carolStorage })
    const carolRoom = carol.room(general.id)!
    for (let i = 0; i < 500; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => carolRoom.send(`offline note ${i + j}`, i + j === 7 ? { mentions: [bobKey] } : {})))
    }
    await carol.close()
    carol = await createClient(testnet, { storage: carolStorage })
    await waitFor(async () => (await bobGeneral.messages({ limit: 1 }))[0]?.text === 'offline note 499', { message: 'bob has carol\'s 500', timeout: 60_000 })
    // The page hears of them as bob's node applies them: a pause of a second in that (a loaded
    // machine) ends one summary and starts another, so wait until the summaries count all 500.
    const counted = (summaries: Note[]): number => summaries.reduce((n, s) => n + Number(/^(\d+)/.exec(s.title)?.[1] ?? 0), 0)
    await waitFor(async () => counted((await notes(bob.page)).slice(3)) >= 500, { message: 'the catch-up summaries count all 500' })
    await bob.page.getByRole('heading', { level: 1, name: 'general' }).waitFor()
    const summaries = (await notes(bob.page)).slice(3)
    expect(summaries.length).toBeLessThanOrEqual(2) // one, or two if the sync paused for a second
    for (const s of summaries) expect(s).toMatchObject({ title: expect.stringMatching(/^\d+ new messages in #general$/) as unknown, tag: `linkup-${general.id}` })
    expect(counted(summaries)).toBe(500)

    // clicking the notification of the other room opens it at that message
    await hide(bob.page, false)
    await bob.page.evaluate(() => { (window as unknown as { __shown: Notification[] }).__shown[0]?.onclick?.(new Event('click')) })
    await roomOpen(bob.page, 'random')
    await bob.page.locator(`lu-message[data-id="${deploy.id}"]`).waitFor()
    expect(await bob.page.getByRole('combobox', { name: 'Notifications for this room' }).inputValue()).toBe('default') // random's own level: none

    fs.mkdirSync('docs/screenshots', { recursive: true })
    await bob.page.screenshot({ path: 'docs/screenshots/notifications-light.png' })
    expect(bob.errors).toEqual([])
    expect(await pwned(bob)).toBe(false)
  }, 180_000)
})
