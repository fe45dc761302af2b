/// <reference lib="dom" />
// Typing indicators in real Chromium (docs/architecture.md §15.4): what bob types in his composer
// shows as "Bob is typing…" under alice's log, and goes after a few seconds of silence; sending
// ends it at once. Writes docs/screenshots/typing-light.png.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { roomOpen } from './ui-flow.js'
import { SHOWN_MS } from '../../src/attention/typing.js'

describe('typing in the browser', () => {
  it('shows who is typing on the other page and clears it', async () => {
    const testnet = await createLocalTestnet()
    const [aliceNode, bobNode] = await Promise.all([createNode(testnet, { name: 'alice' }), createNode(testnet, { name: 'bob' })])
    await Promise.all([aliceNode.client.setProfile({ name: 'Alice' }), bobNode.client.setProfile({ name: 'Bob' })])
    const room = await aliceNode.client.createRoom('typing')
    const bobRoom = await bobNode.client.joinRoom(await room.createInvite())
    await waitFor(async () => (await room.members()).some(m => m.key === bobRoom.writerKey && m.name === 'Bob'), { message: 'alice knows bob' })
    await waitFor(() => room.peers === 1, { message: 'bob online for alice' })

    const browser = await launchBrowser()
    const [alice, bob] = await Promise.all([openPage(browser, aliceNode.url), openPage(browser, bobNode.url)])
    await Promise.all([roomOpen(alice.page, 'typing'), roomOpen(bob.page, 'typing')])
    const indicator = alice.page.getByText('Bob is typing…')
    await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('working on it')
    await indicator.waitFor()
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
})
