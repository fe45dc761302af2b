/// <reference lib="dom" />
// Steps a user takes in the UI, shared by the browser tests. Locators go by accessible role and
// name (the landmarks of docs/architecture.md §10.4), the way a person using a screen reader would find them.
import { expect } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { png } from '../helpers/nodes.js'
import { launchBrowser, openPage, type Watched } from '../helpers/browser.js'

export async function register (page: Page, name: string, avatar = true): Promise<void> {
  await page.getByRole('textbox', { name: 'Display name' }).fill(name)
  if (avatar) {
    await page.getByLabel('Avatar').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png(400, 300, [91, 91, 214]) })
    await page.locator('lu-register lu-avatar img').waitFor()
  }
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('navigation', { name: 'Rooms' }).waitFor()
}

export async function createRoom (page: Page, alias: string): Promise<void> {
  await page.getByRole('button', { name: 'New room' }).click()
  await page.getByRole('textbox', { name: 'Room name' }).fill(alias)
  await page.getByRole('button', { name: 'Create', exact: true }).click()
  await roomOpen(page, alias)
}

/**
 * Waits until the room is open (its name heads the page), as a person would before typing in
 * it: the live stream lists a new room a moment before the node's answer opens it.
 */
export async function roomOpen (page: Page, alias: string, timeout = 30_000): Promise<void> {
  await page.getByRole('heading', { level: 1, name: alias }).waitFor({ timeout })
}

export async function type (page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
}

/** Runs ~invite and reads the invite shown in the page. */
export async function invite (page: Page, inflight?: Map<string, number>): Promise<string> {
  await type(page, '~invite')
  const code = page.locator('lu-notice code')
  await code.waitFor().catch(async (err: Error) => {
    const shown = await page.locator('lu-notice').allInnerTexts()
    throw new Error(`no invite shown (notices: ${JSON.stringify(shown)}; ${await pageState(page, inflight)}): ${err.message}`)
  })
  const text = (await code.textContent())?.trim() ?? ''
  expect(text).toMatch(/^linkup:\S+$/)
  return text
}

export async function joinRoom (page: Page, token: string, alias: string, inflight?: Map<string, number>): Promise<void> {
  await page.getByRole('button', { name: 'Join room' }).click()
  await page.getByRole('textbox', { name: 'Invite' }).fill(token)
  await page.getByRole('button', { name: 'Join', exact: true }).click()
  await roomOpen(page, alias, 60_000).catch(async (err: Error) => {
    const shown = await page.locator('lu-room-form').getByRole('alert').allInnerTexts()
    throw new Error(`# ${alias} did not open (form errors: ${JSON.stringify(shown)}; ${await pageState(page, inflight)}): ${err.message}`)
  })
}

/** What a failure message needs: the composer, the store, and the API requests unanswered. */
async function pageState (page: Page, inflight?: Map<string, number>): Promise<string> {
  const state = await page.evaluate(() => {
    const store = (document.querySelector('lu-app') as unknown as { store: { active: string | null, link: string, rooms: Array<{ summary: { alias: string, status: unknown } }> } }).store
    return { active: store.active, link: store.link, rooms: store.rooms.map(r => [r.summary.alias, r.summary.status]) }
  })
  const waiting = [...(inflight ?? new Map<string, number>()).entries()].map(([k, t]) => `${k} for ${Date.now() - t} ms`)
  const composer = await page.getByRole('textbox', { name: 'Message' }).inputValue()
  return `composer: ${JSON.stringify(composer)}; unanswered: ${JSON.stringify(waiting)}; store: ${JSON.stringify(state)}`
}

export function articles (page: Page) {
  return page.getByRole('log').getByRole('article')
}

/**
 * The text of every message in the log, in order. textContent, not innerText: a message body
 * off screen is not rendered (content-visibility: auto), and innerText reads it as ''.
 */
export async function logTexts (page: Page): Promise<string[]> {
  return (await page.locator('lu-message .md').allTextContents()).map(t => t.trim())
}

export async function waitForText (page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.getByRole('log').getByRole('article').filter({ hasText: text }).first().waitFor({ timeout })
}

/** Alice's and Bob's pages in one browser, once each shows `text` (a message both nodes have). */
export async function bothShowing (aliceUrl: string, bobUrl: string, text: string): Promise<{ browser: Browser, alice: Watched, bob: Watched }> {
  const browser = await launchBrowser()
  const alice = await openPage(browser, aliceUrl)
  const bob = await openPage(browser, bobUrl)
  await waitForText(alice.page, text)
  await waitForText(bob.page, text)
  return { browser, alice, bob }
}
