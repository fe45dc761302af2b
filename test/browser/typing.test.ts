/// <reference lib="dom" />
// Typing indicators in real Chromium (docs/architecture.md §15.4): what bob types in his composer
// shows as "Bob is typing…" under alice's log, and goes after a few seconds of silence; sending
// ends it at once. With "Typing indicators" off (the settings under the room list) a page
// neither says its user is typing nor shows others. Writes docs/screenshots/typing-light.png and
// typing-off-light.png.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import type { EventEmitter } from 'events'
import path from 'path'
import { twoInARoom } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { roomOpen } from './ui-flow.js'
import { SHOWN_MS } from '../../src/attention/typing.js'

describe('typing in the browser', () => {
  it('shows who is typing on the other page and clears it', async () => {
    const { aliceNode, bobNode, room, bobRoom } = await twoInARoom('typing')
    await waitFor(async () => (await room.members()).some(m => m.key === bobRoom.identityKey && m.name === 'Bob'), { message: 'alice knows bob' })
    await waitFor(() => room.peers === 1, { message: 'bob online for alice' })

    const browser = await launchBrowser()
    const [alice, bob] = await Promise.all([openPage(browser, aliceNode.url), openPage(browser, bobNode.url)])
    await Promise.all([roomOpen(alice.page, 'typing'), roomOpen(bob.page, 'typing')])
    const indicator = alice.page.getByText('Bob is typing…')
    // Every typing call the page makes, counted as it makes it (the call is made in the key's input event).
    await bob.page.evaluate(() => {
      const w = window as unknown as { typingCalls: number }
      w.typingCalls = 0
      const send = window.fetch.bind(window)
      window.fetch = (input, init) => { if (String(input).endsWith('/typing')) w.typingCalls++; return send(input, init) }
    })
    const typingCalls = (): Promise<number> => bob.page.evaluate(() => (window as unknown as { typingCalls: number }).typingCalls)
    const box = bob.page.getByRole('textbox', { name: 'Message' })
    await box.pressSequentially('~nick Bobby') // a command is not a message being typed
    await box.fill('') // nor is emptying the box
    expect(await typingCalls()).toBe(0)
    await box.pressSequentially('working on it')
    await indicator.waitFor()
    expect(await typingCalls()).toBeGreaterThan(0)
    fs.mkdirSync('docs/screenshots', { recursive: true })
    await alice.page.screenshot({ path: path.join('docs/screenshots', 'typing-light.png') })
    expect(await bob.page.getByText('is typing…').count()).toBe(0) // never oneself
    const shown = Date.now()
    await indicator.waitFor({ state: 'detached', timeout: SHOWN_MS + 5000 })
    expect(Date.now() - shown).toBeGreaterThan(SHOWN_MS - 2000) // gone after the silence, not before

    // typing again, then sending: gone with the message
    await waitFor(async () => {
      await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('.')
      return await indicator.count() === 1
    }, { message: 'typing shows again', timeout: 10_000, interval: 500 })
    await bob.page.getByRole('textbox', { name: 'Message' }).press('Enter')
    await alice.page.getByRole('log').getByText('working on it').waitFor()
    await indicator.waitFor({ state: 'detached', timeout: 2000 })
    expect(alice.errors).toEqual([])
    expect(bob.errors).toEqual([])
  }, 120_000)

  it('with typing indicators off, a page neither sends nor shows typing', async () => {
    const { aliceNode, bobNode, room, bobRoom } = await twoInARoom('quiet')
    await waitFor(async () => (await room.members()).some(m => m.key === bobRoom.identityKey && m.name === 'Bob'), { message: 'alice knows bob' })
    await waitFor(async () => (await bobRoom.members()).some(m => m.key === room.identityKey && m.name === 'Alice'), { message: 'bob knows alice' })
    await waitFor(() => room.peers === 1 && bobRoom.peers === 1, { message: 'both online' })

    const browser = await launchBrowser()
    const [alice, bob] = await Promise.all([openPage(browser, aliceNode.url), openPage(browser, bobNode.url)])
    await Promise.all([roomOpen(alice.page, 'quiet'), roomOpen(bob.page, 'quiet')])
    const toggle = bob.page.getByRole('checkbox', { name: 'Typing indicators' })
    expect(await toggle.isChecked()).toBe(true)
    await toggle.uncheck()
    await waitFor(() => !bobNode.client.typingIndicators, { message: 'the node has it off' })
    fs.mkdirSync('docs/screenshots', { recursive: true })
    await bob.page.screenshot({ path: path.join('docs/screenshots', 'typing-off-light.png') })

    // bob types: alice hears nothing (checked below: her first 'typing' comes after bob turns it on)
    const aliceHeard: number[] = []
    room.on('typing', (t: unknown[]) => { if (t.length > 0) aliceHeard.push(Date.now()) })
    await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('not telling')
    // alice types: it reaches bob's node, and his page does not show it
    const arrived = new Promise<void>((resolve) => (bobNode.client as unknown as { network: EventEmitter }).network.once('typing', () => resolve()))
    await alice.page.getByRole('textbox', { name: 'Message' }).pressSequentially('hello bob')
    await arrived
    await alice.page.getByRole('textbox', { name: 'Message' }).press('Enter')
    await bob.page.getByRole('log').getByText('hello bob').waitFor() // what came after her typing is on his page
    expect(await bob.page.getByText('is typing…').count()).toBe(0)

    // on again (and it lasts a reload): bob's typing shows on alice's page
    await bob.page.reload()
    await roomOpen(bob.page, 'quiet')
    expect(await toggle.isChecked()).toBe(false)
    // The page sends typing only once the node has answered the switch (ui/attention-store.ts):
    // keys pressed before that answer send nothing, as they should, so wait for it as a person would.
    const answered = bob.page.waitForResponse(r => r.url().endsWith('/api/typing-indicators') && r.request().method() === 'PUT')
    await toggle.check()
    const onAt = Date.now()
    await answered
    await waitFor(() => bobNode.client.typingIndicators, { message: 'the node has it on' })
    await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially(' now yes')
    await alice.page.getByText('Bob is typing…').waitFor()
    expect(aliceHeard.length).toBeGreaterThan(0)
    expect(aliceHeard[0]).toBeGreaterThanOrEqual(onAt)
    expect(alice.errors).toEqual([])
    expect(bob.errors).toEqual([])
  }, 120_000)
})
