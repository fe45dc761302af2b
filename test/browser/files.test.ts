// Files and voice messages in the browser: Alice attaches a picture and a document and records
// a voice message (Chromium's fake microphone); Bob's page shows the picture, offers the
// document for download with the same bytes, and plays the recording.
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { png, twoInARoom } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { articles, waitForText } from './ui-flow.js'

describe('files in the browser', () => {
  it('shares a picture, a document and a voice message', async () => {
    const { aliceNode, bobNode, room } = await twoInARoom()
    await room.send('files coming')
    const browser = await launchBrowser({ media: true })
    const alice = await openPage(browser, aliceNode.url)
    const bob = await openPage(browser, bobNode.url)
    await waitForText(bob.page, 'files coming')

    const notes = 'Meeting notes\n- ship it\n'
    await alice.page.locator('lu-composer input[type=file]').setInputFiles([
      { name: 'sunset.png', mimeType: 'image/png', buffer: png(320, 200, [230, 120, 40]) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(notes) }
    ])

    // The picture shows inline, loaded through a signed link.
    const img = bob.page.getByRole('log').getByRole('img', { name: 'sunset.png' })
    await img.waitFor({ timeout: 30_000 })
    await waitFor(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth), { message: 'the picture to load' })
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320)
    expect(await img.getAttribute('src')).toMatch(/^\/media\//)

    // The document is a card whose Download link returns the same bytes, as an attachment.
    const download = bob.page.getByRole('log').getByRole('article').filter({ hasText: 'notes.txt' }).getByRole('link', { name: 'Download' })
    await download.waitFor()
    const href = await download.getAttribute('href') ?? ''
    const got = await bob.page.evaluate(async (url) => {
      const res = await fetch(url)
      return { status: res.status, text: await res.text(), disposition: res.headers.get('content-disposition') }
    }, href)
    expect(got.status).toBe(200)
    expect(got.text).toBe(notes)
    expect(got.disposition).toMatch(/^attachment/)

    // A voice message from the fake microphone.
    await alice.page.getByRole('button', { name: 'Record a voice message' }).click()
    await alice.page.getByText(/Recording 0:01/).waitFor()
    await alice.page.getByRole('button', { name: 'Send voice message' }).click()
    const audio = bob.page.locator('lu-attachment audio')
    await audio.waitFor({ timeout: 30_000 })
    const src = await audio.getAttribute('src') ?? ''
    const head = await bob.page.evaluate(async (url) => {
      const res = await fetch(url, { headers: { range: 'bytes=0-3' } })
      return { status: res.status, type: res.headers.get('content-type'), size: (await res.arrayBuffer()).byteLength }
    }, src)
    expect(head).toEqual({ status: 206, type: 'audio/webm', size: 4 })
    await waitFor(() => audio.evaluate((el) => (el as HTMLAudioElement).readyState >= 1), { message: 'the recording to load' })
    // Bob plays it: the player advances through the recording.
    await audio.evaluate((el) => (el as HTMLAudioElement).play())
    await waitFor(() => audio.evaluate((el) => (el as HTMLAudioElement).currentTime > 0), { message: 'the recording to play' })
    expect(await audio.evaluate((el) => (el as HTMLAudioElement).error)).toBeNull()

    // A larger upload on a slow link shows its progress bar until it is sent.
    const cdp = await alice.context.newCDPSession(alice.page)
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 512 * 1024 })
    await alice.page.locator('lu-composer input[type=file]').setInputFiles([
      { name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(1536 * 1024, 7) }
    ])
    const bar = alice.page.getByRole('progressbar', { name: 'Uploading big.bin' })
    await bar.waitFor({ timeout: 10_000 })
    await bob.page.getByRole('log').getByRole('article').filter({ hasText: 'big.bin' }).waitFor({ timeout: 30_000 })
    await bar.waitFor({ state: 'detached', timeout: 10_000 })
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    expect(await articles(bob.page).count()).toBe(5)
    await bob.page.mouse.move(640, 790)
    await bob.page.screenshot({ path: 'docs/screenshots/files-light.png' })
    for (const w of [alice, bob]) {
      expect(w.errors).toEqual([])
      expect(w.csp).toEqual([])
    }
  })
})
