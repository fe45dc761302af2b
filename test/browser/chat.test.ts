// Two people chatting in real Chromium, each through their own local node, on a local testnet:
// registration, a room, an invite, messages both ways without reload. Also writes the
// screenshots in docs/screenshots (light and dark, 1280x800).
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import { createLocalTestnet } from '../helpers/peers.js'
import { createNode, twoInARoom } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { articles, bothShowing, createRoom, invite, joinRoom, logTexts, register, type, waitForText } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

describe('chat in the browser', () => {
  it('registers, creates a room, joins by invite and chats both ways live', async () => {
    const testnet = await createLocalTestnet()
    const [aliceNode, bobNode] = await Promise.all([createNode(testnet, { name: 'alice' }), createNode(testnet, { name: 'bob' })])
    const browser = await launchBrowser()
    const alice = await openPage(browser, aliceNode.url)
    const bob = await openPage(browser, bobNode.url, { colorScheme: 'dark' })

    await alice.page.getByRole('textbox', { name: 'Display name' }).fill('Alice Martin')
    fs.mkdirSync(SHOTS, { recursive: true })
    await alice.page.screenshot({ path: path.join(SHOTS, 'register-light.png') })
    await register(alice.page, 'Alice Martin')
    await register(bob.page, 'Bob Okafor', false)
    // The 400x300 picture was cropped and shrunk in the browser before upload.
    const avatar = aliceNode.client.profile?.avatar
    expect(avatar?.mime).toBe('image/webp')
    expect(avatar?.data.byteLength).toBeGreaterThan(0)
    expect(avatar?.data.byteLength).toBeLessThanOrEqual(64 * 1024)
    expect(avatar?.data.subarray(0, 4).toString()).toBe('RIFF')
    await createRoom(alice.page, 'design-team')
    const token = await invite(alice.page, alice.inflight)
    await joinRoom(bob.page, token, 'design-team', bob.inflight)

    await type(alice.page, 'Hi **Bob**! Welcome to the room :)')
    await waitForText(bob.page, 'Welcome to the room')
    await bob.page.getByRole('log').getByRole('article').filter({ hasText: 'Welcome' }).locator('lu-avatar img').waitFor()
    expect(await bob.page.getByRole('log').getByRole('article').filter({ hasText: 'Welcome' }).locator('strong').textContent()).toBe('Bob')
    await type(bob.page, 'Thanks Alice. Here is the snippet:\n```ts\nconst answer: number = 42\nconsole.log(`answer is ${answer}`)\n```')
    await waitForText(alice.page, 'Here is the snippet')
    await type(alice.page, 'Looks good. Checklist:\n- [x] review the *layout*\n- ship it → https://example.org/release')
    await type(alice.page, 'Grouped follow-up from the same author')
    await waitForText(bob.page, 'Grouped follow-up')

    // Each message once, in the same order on both sides, each an article with the author.
    const expected = ['Welcome to the room', 'Here is the snippet', 'Checklist', 'Grouped follow-up']
    for (const w of [alice, bob]) {
      const texts = await logTexts(w.page)
      expect(texts.length).toBe(4)
      expected.forEach((t, i) => expect(texts[i]).toContain(t))
      await expect(articles(w.page).first().textContent()).resolves.toContain('Alice Martin')
    }
    // A line break with Shift+Enter stays in the composer instead of sending.
    const box = bob.page.getByRole('textbox', { name: 'Message' })
    await box.fill('first line')
    await box.press('Shift+Enter')
    await box.pressSequentially('second line')
    expect(await box.inputValue()).toBe('first line\nsecond line')
    await box.press('Enter')
    await waitForText(alice.page, 'second line')
    expect(await alice.page.getByRole('status').first().textContent()).toMatch(/peer/)

    // The member list beside the log names both, the owner marked.
    const members = alice.page.getByRole('complementary', { name: 'Members' })
    await members.getByText('Bob Okafor').waitFor()
    expect(await members.getByRole('listitem').filter({ hasText: 'Alice Martin' }).textContent()).toContain('owner')

    // With Bob online, none of Alice's messages stays pending.
    await alice.page.getByRole('log').getByText('pending', { exact: true }).first().waitFor({ state: 'detached' }).catch(async (err: Error) => {
      const pending = await alice.page.getByRole('log').getByRole('article').filter({ hasText: 'pending' }).allInnerTexts()
      const sdk = (await aliceNode.client.rooms[0]?.messages({ limit: 10 }))?.map(m => [m.text?.slice(0, 12), m.seen])
      throw new Error(`still pending in the page: ${JSON.stringify(pending)}; the node says ${JSON.stringify(sdk)}: ${err.message}`)
    })

    // No script error, and nothing the CSP had to block: the UI needs no inline script or style.
    for (const w of [alice, bob]) {
      expect(w.errors).toEqual([])
      expect(w.csp).toEqual([])
    }
    fs.mkdirSync(SHOTS, { recursive: true })
    await alice.page.getByRole('button', { name: 'Dismiss' }).click()
    await alice.page.getByRole('textbox', { name: 'Message' }).click()
    await alice.page.mouse.move(640, 790)
    await bob.page.mouse.move(640, 790)
    await alice.page.screenshot({ path: path.join(SHOTS, 'chat-light.png') })
    await bob.page.screenshot({ path: path.join(SHOTS, 'chat-dark.png') })
  }, 120_000) // above the longest single wait (a join, 60 s), so a slow step fails with its own message

  it('adds a second room between two people already connected, and counts its unread messages', async () => {
    const { aliceNode, bobNode, room } = await twoInARoom('design-team')
    await room.send('second line')
    const { alice, bob } = await bothShowing(aliceNode.url, bobNode.url, 'second line')

    // Made and joined with commands; news there shows as unread on the other side.
    await type(alice.page, '~create random')
    await alice.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: 'random' }).waitFor()
    const second = await invite(alice.page, alice.inflight)
    await type(bob.page, '~join ' + second)
    await bob.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: 'random' }).waitFor({ timeout: 60_000 })
    await alice.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: 'design-team' }).click()
    await waitForText(alice.page, 'second line')
    await type(bob.page, 'Anyone up for lunch?')
    await alice.page.getByRole('navigation', { name: 'Rooms' }).getByLabel('1 unread').waitFor()
    await bob.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: 'design-team' }).click()
    await waitForText(bob.page, 'second line')

    expect(await alice.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: /random/ }).textContent()).toContain('1')
    for (const w of [alice, bob]) expect(w.errors).toEqual([])
  }, 120_000)
})
