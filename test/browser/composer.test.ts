// The composer as a person types into it: typing goes on while a command is on its way and
// across the room it opens (the box is one element, so nothing typed is lost and it keeps the
// focus), and each room keeps its own unsent text. The node's answer to ~create is held back
// by the test, so the room is listed (the live stream reported it) but not yet open while the
// person types: the window in which, before, a command typed then vanished.
import { describe, expect, it } from 'vitest'
import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { createLocalTestnet } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { register, roomOpen, waitForText } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

/** Holds the answer to the next POST /api/rooms (the node has done the work) until released. */
async function holdCreate (page: Page): Promise<() => void> {
  let release = (): void => {}
  const held = new Promise<void>(resolve => { release = resolve })
  await page.route('**/api/rooms', async (route) => {
    if (route.request().method() !== 'POST') return await route.fallback()
    const response = await route.fetch()
    await held
    await route.fulfill({ response })
  }, { times: 1 })
  return release
}

const focused = (page: Page): Promise<boolean> =>
  page.getByRole('textbox', { name: 'Message' }).evaluate(el => (el.getRootNode() as ShadowRoot).activeElement === el)

describe('the composer', () => {
  it('keeps what is typed, and the focus, while a command is on its way and across the room it opens', async () => {
    const testnet = await createLocalTestnet()
    const node = await createNode(testnet, { name: 'alice' })
    const browser = await launchBrowser()
    const { page, errors } = await openPage(browser, node.url)
    await register(page, 'Alice', false)
    const box = page.getByRole('textbox', { name: 'Message' })
    const rooms = page.getByRole('navigation', { name: 'Rooms' })

    const release = await holdCreate(page)
    await box.click()
    await page.keyboard.type('~create general')
    await page.keyboard.press('Enter')
    await rooms.getByRole('button', { name: 'general' }).waitFor() // listed, not open: its answer is held
    expect(await box.inputValue()).toBe('')
    await page.keyboard.type('~invite')
    await page.keyboard.press('Enter') // queued behind ~create: it runs in the room that opens
    await page.keyboard.type('draf')
    expect(await page.getByRole('heading', { level: 1, name: 'Welcome, Alice' }).count()).toBe(1)
    fs.mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: path.join(SHOTS, 'composer-waiting-light.png') })

    release()
    await roomOpen(page, 'general')
    await page.keyboard.type('t kept')
    expect(await box.inputValue()).toBe('draft kept')
    expect(await focused(page)).toBe(true)
    expect(await page.locator('lu-notice code').textContent()).toMatch(/^linkup:\S+$/)
    await page.keyboard.press('Enter')
    await waitForText(page, 'draft kept')
    expect(await box.inputValue()).toBe('')
    expect(errors).toEqual([])
  })

  it('keeps each room\'s unsent text when switching rooms', async () => {
    const testnet = await createLocalTestnet()
    const node = await createNode(testnet, { name: 'alice' })
    await node.client.setProfile({ name: 'Alice' })
    await node.client.createRoom('general')
    await node.client.createRoom('random')
    const browser = await launchBrowser()
    const { page, errors } = await openPage(browser, node.url)
    const box = page.getByRole('textbox', { name: 'Message' })
    const room = (alias: string) => page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: alias })

    await room('general').click()
    await roomOpen(page, 'general')
    await box.fill('half a thought for general')
    await room('random').click()
    await roomOpen(page, 'random')
    expect(await box.inputValue()).toBe('')
    await box.fill('and one for random')
    await room('general').click()
    await roomOpen(page, 'general')
    expect(await box.inputValue()).toBe('half a thought for general')
    await room('random').click()
    await roomOpen(page, 'random')
    expect(await box.inputValue()).toBe('and one for random')
    await box.press('Enter')
    await waitForText(page, 'and one for random')
    await room('general').click()
    await roomOpen(page, 'general')
    expect(await box.inputValue()).toBe('half a thought for general')
    const general = node.client.rooms.find(r => r.alias === 'general')
    expect((await general?.messages())?.length).toBe(0) // the text went to the room it was written in
    expect(errors).toEqual([])
  })
})
