/// <reference lib="dom" />
// Two people reply, mention, react, edit and delete in real Chromium, each through their own
// local node, and each sees the other's change live, without a reload (docs/architecture.md
// §13). Everything is found by role and accessible name. Also writes the screenshots of a
// thread of replies and of reactions in docs/screenshots.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import type { Locator, Page } from 'playwright-core'
import { twoInARoom } from '../helpers/nodes.js'
import { launchBrowser, openPage, pwned } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { roomOpen, type, waitForText } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

/** The message whose own text (not a quote of it above a reply) holds `text`. */
function message (page: Page, text: string): Locator {
  return page.getByRole('log').getByRole('article').filter({ has: page.locator('.md, .tombstone', { hasText: text }) }).last()
}

/** The aria-label of the element that has keyboard focus, through shadow roots. */
function focused (page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement != null) el = el.shadowRoot.activeElement
    return el?.getAttribute('aria-label') ?? null
  })
}

/** From a message with keyboard focus, Tab to its action `name` (a few stops at most). */
async function tabTo (page: Page, name: string): Promise<void> {
  for (let i = 0; i < 8 && await focused(page) !== name; i++) await page.keyboard.press('Tab')
  expect(await focused(page)).toBe(name)
}

/** Hovers a message (its actions show on hover) and clicks one of them. */
async function act (page: Page, text: string, action: 'Reply' | 'React' | 'Edit' | 'Delete'): Promise<void> {
  const article = message(page, text)
  await article.hover()
  await article.getByRole('button', { name: action, exact: true }).click()
}

describe('conversation in the browser', () => {
  it('two people reply, mention, react, edit and delete, and see each other\'s changes live', async () => {
    const { aliceNode, bobNode, room, bobRoom } = await twoInARoom('design-team', ['Alice Martin', 'Bob Okafor'])
    // some history further back than the first page, for the jump to an original below
    const first = await room.send('Kick-off: the **new header** ships this sprint. Questions in this thread.')
    await Promise.all(Array.from({ length: 70 }, (_, i) => room.send(`status ${i + 1}: all green`)))
    await waitFor(async () => (await bobRoom.messages({ limit: 1 }))[0]?.text === 'status 70: all green', { message: 'bob has the history' })

    const browser = await launchBrowser()
    const alice = await openPage(browser, aliceNode.url)
    const bob = await openPage(browser, bobNode.url, { colorScheme: 'dark' })
    await Promise.all([roomOpen(alice.page, 'design-team'), roomOpen(bob.page, 'design-team')])
    await type(alice.page, 'Who can review the header mock-ups today?')
    await waitForText(bob.page, 'Who can review the header')

    // bob replies, mentioning alice through @ completion
    await act(bob.page, 'Who can review the header', 'Reply')
    const preview = bob.page.getByRole('group', { name: 'Reply' })
    await expect(preview.textContent()).resolves.toContain('Replying to Alice Martin')
    const box = bob.page.getByRole('textbox', { name: 'Message' })
    await box.pressSequentially('@Ali')
    await bob.page.getByRole('listbox', { name: 'Members to mention' }).getByRole('option', { name: '@Alice Martin' }).waitFor()
    await box.press('Enter') // picks the member, does not send
    await box.pressSequentially('I can, after lunch')
    expect(await box.inputValue()).toBe('@Alice Martin I can, after lunch')
    await box.press('Enter')
    await preview.waitFor({ state: 'detached' })
    const reply = message(alice.page, 'I can, after lunch')
    await reply.waitFor()
    await expect(reply.getByRole('button', { name: /^Replying to Alice Martin · [0-9a-f]{4,}: Who can review the header/ }).count()).resolves.toBe(1)
    await reply.locator('.mention.me', { hasText: '@Alice Martin' }).waitFor() // a mention of alice, bound to her key
    expect(await reply.evaluate(el => el.classList.contains('mentions-me'))).toBe(true)

    // alice reacts from the picker (searching), bob sees it and adds his own with the chip
    await act(alice.page, 'I can, after lunch', 'React')
    const picker = alice.page.getByRole('dialog', { name: 'Choose a reaction' })
    await picker.getByRole('textbox', { name: 'Search emoji' }).fill('thumbs')
    await picker.getByRole('button', { name: 'thumbs up', exact: true }).click()
    await picker.waitFor({ state: 'detached' })
    const bobChip = message(bob.page, 'I can, after lunch').getByRole('button', { name: /^👍 1: Alice Martin/ })
    await bobChip.waitFor()
    expect(await bobChip.getAttribute('aria-pressed')).toBe('false')
    await bobChip.click()
    const aliceChip = message(alice.page, 'I can, after lunch').getByRole('button', { name: /^👍 2: you, Bob Okafor/ })
    await aliceChip.waitFor()
    expect(await aliceChip.getAttribute('aria-pressed')).toBe('true')
    expect(await aliceChip.getAttribute('title')).toContain('Bob Okafor')
    await act(bob.page, 'Who can review the header', 'React')
    await bob.page.getByRole('dialog', { name: 'Choose a reaction' }).getByRole('button', { name: 'eyes', exact: true }).click()
    await message(alice.page, 'Who can review the header').getByRole('button', { name: /^👀 1: Bob Okafor/ }).waitFor()

    // bob edits his reply with the Up arrow; Escape cancels, Enter saves
    await box.click()
    await box.press('ArrowUp')
    const editor = bob.page.getByRole('log').getByRole('textbox', { name: 'Edit message' })
    await editor.waitFor()
    expect(await editor.inputValue()).toBe('@Alice Martin I can, after lunch') // the newest of bob's texts
    await editor.press('Escape')
    await editor.waitFor({ state: 'detached' })
    await box.press('ArrowUp')
    await editor.fill('@Alice Martin I can, after lunch (2 pm works)')
    await editor.press('Enter')
    await editor.waitFor({ state: 'detached' })
    const edited = message(alice.page, '2 pm works')
    await edited.getByText('(edited)').waitFor()
    await edited.locator('.mention.me').waitFor() // the edit kept the mention
    await expect(edited.getByRole('button', { name: /^👍 2/ }).count()).resolves.toBe(1) // and the reactions

    // more of the thread, for the screenshot; then bob takes one back, after confirming
    await act(alice.page, '2 pm works', 'Reply')
    await type(alice.page, 'Great, thanks **Bob**! I will share the Figma link.')
    await waitForText(bob.page, 'I will share the Figma link')
    await type(bob.page, 'oops, wrong room')
    await waitForText(alice.page, 'oops, wrong room')
    await act(bob.page, 'oops, wrong room', 'Delete')
    const confirm = bob.page.getByRole('dialog', { name: 'Delete message' })
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(message(bob.page, 'oops, wrong room').count()).resolves.toBe(1)
    await act(bob.page, 'oops, wrong room', 'Delete')
    await confirm.getByRole('button', { name: 'Delete' }).click()
    await alice.page.getByRole('log').getByText('oops, wrong room').waitFor({ state: 'detached' })
    await message(alice.page, 'message deleted').waitFor()
    await message(bob.page, 'message deleted').waitFor()
    // alice, the owner, may delete bob's messages; bob may not edit or delete alice's
    const alicesHover = message(bob.page, 'I will share the Figma link')
    await alicesHover.hover()
    await expect(alicesHover.getByRole('button', { name: 'Edit' }).count()).resolves.toBe(0)
    await expect(alicesHover.getByRole('button', { name: 'Delete' }).count()).resolves.toBe(0)
    const bobsHover = message(alice.page, '2 pm works')
    await bobsHover.hover()
    await expect(bobsHover.getByRole('button', { name: 'Edit' }).count()).resolves.toBe(0)
    await expect(bobsHover.getByRole('button', { name: 'Delete' }).count()).resolves.toBe(1)

    // a reply to a message far back: clicking its quote loads that part of history
    await bobRoom.send('Does the kick-off plan still hold?', { replyTo: first.id })
    await waitForText(alice.page, 'Does the kick-off plan')
    expect(await message(alice.page, 'Kick-off: the').count()).toBe(0) // 70 messages back: not loaded
    await message(alice.page, 'Does the kick-off plan').getByRole('button', { name: /^Replying to Alice Martin · [0-9a-f]{4,}: Kick-off: the new header ships/ }).click()
    await message(alice.page, 'Kick-off: the').waitFor()
    await expect(message(alice.page, 'Kick-off: the').isVisible()).resolves.toBe(true)
    await alice.page.getByRole('button', { name: 'Jump to latest' }).click()
    await waitForText(alice.page, 'Does the kick-off plan')

    for (const w of [alice, bob]) {
      expect(w.errors).toEqual([])
      expect(w.csp).toEqual([])
      expect(await pwned(w)).toBe(false)
    }

    // the screenshots: bob's thread in dark, alice's reactions with the picker open in light
    fs.mkdirSync(SHOTS, { recursive: true })
    await act(bob.page, 'I will share the Figma link', 'Reply')
    const bobBox = bob.page.getByRole('textbox', { name: 'Message' })
    await bobBox.pressSequentially('@Ali')
    await bob.page.getByRole('listbox', { name: 'Members to mention' }).waitFor()
    await bobBox.press('Tab')
    await bobBox.pressSequentially('the link works, thanks')
    await bob.page.mouse.move(640, 790)
    await bob.page.screenshot({ path: path.join(SHOTS, 'replies-dark.png') })
    const thanks = (await room.messages({ limit: 10 })).find(m => m.text?.startsWith('Great, thanks'))!
    await bobRoom.react(thanks.id, '🎉')
    await bobRoom.react(thanks.id, '🚀')
    await room.react(thanks.id, '🎉')
    await message(alice.page, 'Great, thanks').getByRole('button', { name: /^🚀 1/ }).waitFor()
    await act(alice.page, 'Does the kick-off plan', 'React')
    await alice.page.getByRole('dialog', { name: 'Choose a reaction' }).waitFor()
    await alice.page.screenshot({ path: path.join(SHOTS, 'reactions-light.png') })
    await alice.page.keyboard.press('Escape')

    // the same by keyboard alone: focus a message, Tab to its actions, Enter
    await bob.page.getByRole('button', { name: 'Cancel reply' }).click()
    await bob.page.getByRole('group', { name: 'Reply' }).waitFor({ state: 'detached' })
    await bobBox.fill('')
    await type(bob.page, 'typed without a mouse')
    await bob.page.mouse.move(0, 0)
    const typed = message(bob.page, 'typed without a mouse')
    await typed.focus()
    await tabTo(bob.page, 'Reply')
    await bob.page.keyboard.press('Enter')
    await bob.page.getByRole('group', { name: 'Reply' }).getByText('typed without a mouse').waitFor()
    await bob.page.getByRole('button', { name: 'Cancel reply' }).click()
    await typed.focus()
    await tabTo(bob.page, 'React')
    await bob.page.keyboard.press('Enter')
    expect(await focused(bob.page)).toBe('Search emoji')
    await bob.page.keyboard.type('party')
    await bob.page.keyboard.press('Enter') // the first match
    await message(alice.page, 'typed without a mouse').getByRole('button', { name: /^🎉 1: Bob Okafor/ }).waitFor()
    await typed.focus()
    await tabTo(bob.page, 'Edit')
    await bob.page.keyboard.press('Enter')
    expect(await focused(bob.page)).toBe('Edit message')
    await bob.page.keyboard.press('End')
    await bob.page.keyboard.type(', edited')
    await bob.page.keyboard.press('Enter')
    await message(alice.page, 'typed without a mouse, edited').getByText('(edited)').waitFor()
    const edited2 = message(bob.page, 'typed without a mouse, edited')
    await edited2.focus()
    await tabTo(bob.page, 'Delete')
    await bob.page.keyboard.press('Enter')
    await bob.page.getByRole('dialog', { name: 'Delete message' }).waitFor()
    await bob.page.keyboard.press('Escape') // cancels
    await bob.page.getByRole('dialog', { name: 'Delete message' }).waitFor({ state: 'hidden' })
    await edited2.focus()
    await tabTo(bob.page, 'Delete')
    await bob.page.keyboard.press('Enter')
    await bob.page.keyboard.press('Enter') // the dialog's focus is on "Delete"
    await alice.page.getByRole('log').getByText('typed without a mouse').waitFor({ state: 'detached' })

    // made an admin, bob may delete alice's messages too: his page offers it without a reload
    await room.setRole(bobRoom.identityKey, 'admin')
    const alices = message(bob.page, 'I will share the Figma link')
    await waitFor(async () => {
      await alices.hover()
      return await alices.getByRole('button', { name: 'Delete' }).count() === 1
    }, { message: "bob's page offers Delete on alice's message" })
    await expect(alices.getByRole('button', { name: 'Edit' }).count()).resolves.toBe(0)
    await alices.getByRole('button', { name: 'Delete' }).click()
    await bob.page.getByRole('dialog', { name: 'Delete message' }).getByRole('button', { name: 'Delete' }).click()
    await alice.page.getByRole('log').getByText('I will share the Figma link').waitFor({ state: 'detached' })
    expect(alice.errors.concat(bob.errors)).toEqual([])
  }, 180_000)
})
