// A long room stays light in the page: the log loads a page at a time as the user scrolls up,
// never holds more than a bounded window of rows, reaches the very first message, and jumps
// back to the latest; a message arriving while the user reads far back is announced, not lost.
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { createLocalTestnet } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { articles, logTexts, waitForText } from './ui-flow.js'

const COUNT = 700
const PAGE = 50
const MAX_ROWS = 300

describe('a long room', () => {
  it('pages as the user scrolls up and keeps a bounded window', async () => {
    const testnet = await createLocalTestnet()
    const node = await createNode(testnet, { name: 'alice' })
    await node.client.setProfile({ name: 'Alice' })
    const room = await node.client.createRoom('archive')
    await Promise.all(Array.from({ length: COUNT }, (_, i) => room.send(`message ${i + 1}`)))

    const browser = await launchBrowser()
    const alice = await openPage(browser, node.url)
    await waitForText(alice.page, `message ${COUNT}`)
    expect(await articles(alice.page).count()).toBe(PAGE)

    const log = alice.page.getByRole('log')
    const box = await log.boundingBox()
    await alice.page.mouse.move((box?.x ?? 0) + 300, (box?.y ?? 0) + 200)
    let most = 0
    await waitFor(async () => {
      await alice.page.mouse.wheel(0, -4000)
      const n = await articles(alice.page).count()
      most = Math.max(most, n)
      expect(n).toBeLessThanOrEqual(MAX_ROWS)
      return await alice.page.getByText('This is the start of the room').isVisible()
    }, { timeout: 30_000, interval: 100, message: 'the first page' })
    const texts = await logTexts(alice.page)
    expect(texts[0]).toBe('message 1')
    expect(texts.length).toBeLessThanOrEqual(MAX_ROWS)
    expect(most).toBeLessThanOrEqual(MAX_ROWS)
    texts.forEach((t, i) => expect(t).toBe(`message ${i + 1}`))

    await room.send('news while reading old messages')
    const jump = alice.page.getByRole('button', { name: /1 new — jump to latest/ })
    await jump.waitFor()
    await jump.click()
    await waitForText(alice.page, 'news while reading old messages')
    const end = await logTexts(alice.page)
    expect(end.at(-1)).toBe('news while reading old messages')
    expect(end.at(-2)).toBe(`message ${COUNT}`)

    // Reading a little way up in the latest page: a new message is announced, not scrolled to.
    await alice.page.mouse.wheel(0, -1500)
    await waitFor(async () => await log.evaluate(el => el.scrollHeight - el.scrollTop - el.clientHeight > 500), { message: 'scrolled up' })
    await room.send('one more')
    const more = alice.page.getByRole('button', { name: '1 new message ↓' })
    await more.waitFor()
    await more.click()
    await more.waitFor({ state: 'detached' })
    await waitFor(async () => await log.evaluate(el => el.scrollHeight - el.scrollTop - el.clientHeight < 80), { message: 'back at the bottom' })
    expect(alice.errors).toEqual([])
  })
})
