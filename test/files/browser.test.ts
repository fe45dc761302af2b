// Files in real Chromium through the local node: attach an image with the button (progress,
// then shown inline), receive a peer's voice message (an inline player that loads over a signed
// link) and a peer's HTML file (a card whose Download link is an attachment, never a page),
// and record a voice message with the (fake) microphone.
import { describe, expect, it, onTestFinished } from 'vitest'
import fs from 'fs'
import path from 'path'
import { chromium } from 'playwright-core'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { createNode, png } from '../helpers/nodes.js'
import { CHROMIUM, openPage } from '../helpers/browser.js'
import { register, createRoom } from '../browser/ui-flow.js'
import { waitFor } from '../helpers/wait.js'

const SHOTS = path.resolve('docs/screenshots')
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required']

/** A short 8 kHz mono WAV tone: audio Chromium can decode. */
function wav (ms: number): Buffer {
  const samples = Math.round(8 * ms)
  const data = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin(i / 8000 * 2 * Math.PI * 440) * 8000), i * 2)
  const h = Buffer.alloc(44)
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8); h.write('fmt ', 12)
  h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22); h.writeUInt32LE(8000, 24)
  h.writeUInt32LE(16000, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34); h.write('data', 36); h.writeUInt32LE(data.length, 40)
  return Buffer.concat([h, data])
}

describe('files in the browser', () => {
  it('attaches, shows and plays files, and records a voice message', async () => {
    const testnet = await createLocalTestnet()
    const node = await createNode(testnet, { name: 'alice' })
    const bob = await createClient(testnet, { name: 'Bob' })
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
    onTestFinished(() => browser.close())
    const alice = await openPage(browser, node.url)
    await register(alice.page, 'Alice', false)
    await createRoom(alice.page, 'media')
    const aliceRoom = await waitFor(() => node.client.rooms.find(r => r.alias === 'media'))
    const bobRoom = await bob.joinRoom(await aliceRoom.createInvite())

    // Attach an image with the button: it is posted and shown inline.
    const picture = png(320, 200, [214, 64, 159])
    await alice.page.getByLabel('Attach a file').click()
    await alice.page.locator('lu-attachment input[type=file]').setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: picture })
    const img = alice.page.getByRole('log').getByRole('img', { name: 'sunset.png' })
    await img.waitFor({ timeout: 20_000 })
    await waitFor(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { message: 'the image decoded' })
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(320)
    const posted = await waitFor(async () => (await bobRoom.messages()).find(m => m.file?.name === 'sunset.png'))
    expect((await bobRoom.readFile(posted, { timeout: 10_000 })).equals(picture)).toBe(true)

    // A peer's voice message and HTML file.
    await bobRoom.sendAudio(wav(1500), 'audio/wav', 1500)
    await bobRoom.sendFile('report.html', Buffer.from('<script>window.__pwned = 1</script>'), 'text/html')
    const audio = alice.page.getByRole('log').locator('audio')
    await audio.waitFor({ timeout: 20_000 })
    await waitFor(() => audio.evaluate((el) => (el as HTMLAudioElement).readyState >= 1 && (el as HTMLAudioElement).duration), { message: 'audio metadata' })
    expect(await audio.evaluate((el) => Math.round((el as HTMLAudioElement).duration * 10) / 10)).toBe(1.5)
    const download = alice.page.getByRole('link', { name: 'Download report.html' })
    await download.waitFor({ timeout: 20_000 })
    const href = await download.getAttribute('href') ?? ''
    expect(href).toMatch(/^\/media\/.*download=true$/)
    const res = await alice.page.evaluate(async (url) => {
      const r = await fetch(url)
      return { type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), sniff: r.headers.get('x-content-type-options') }
    }, href)
    expect(res).toEqual({ type: 'application/octet-stream', disposition: expect.stringMatching(/^attachment;/), sniff: 'nosniff' })

    // Record a voice message with Chromium's fake microphone.
    await alice.page.getByRole('button', { name: 'Record a voice message' }).click()
    await alice.page.getByRole('timer', { name: 'Recording time' }).filter({ hasText: '0:01' }).waitFor({ timeout: 10_000 })
    await alice.page.getByRole('button', { name: 'Send voice message' }).click()
    const voice = await waitFor(async () => (await bobRoom.messages()).find(m => m.type === 'audio' && m.author.name === 'Alice'), { message: 'the recorded voice message' })
    expect(voice.file?.duration).toBeGreaterThanOrEqual(1000)
    expect(voice.file?.mime).toMatch(/^audio\//)
    expect((await bobRoom.readFile(voice, { timeout: 10_000 })).byteLength).toBeGreaterThan(100)
    await alice.page.getByRole('log').locator('audio').nth(1).waitFor({ timeout: 20_000 })

    fs.mkdirSync(SHOTS, { recursive: true })
    await alice.page.screenshot({ path: path.join(SHOTS, 'files-light.png') })

    // Dropping a file on the page, and pasting one, send them too.
    await alice.page.evaluate(() => {
      const dt = new DataTransfer()
      dt.items.add(new File(['dropped bytes'], 'dropped.txt', { type: 'text/plain' }))
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }))
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }))
      const pasted = new DataTransfer()
      pasted.items.add(new File(['pasted bytes'], 'pasted.txt', { type: 'text/plain' }))
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, cancelable: true }))
    })
    for (const name of ['dropped.txt', 'pasted.txt']) {
      await alice.page.getByRole('link', { name: 'Download ' + name }).waitFor({ timeout: 20_000 })
      const m = await waitFor(async () => (await bobRoom.messages()).find(x => x.file?.name === name), { message: name })
      expect((await bobRoom.readFile(m, { timeout: 10_000 })).toString()).toBe(name.replace('.txt', ' bytes'))
    }

    // A large attachment shows its upload progress, then a download card.
    await alice.page.locator('lu-attachment input[type=file]').setInputFiles({ name: 'dataset.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(20 * 1024 * 1024, 1) })
    await alice.page.getByRole('progressbar', { name: 'Uploading dataset.bin' }).waitFor({ timeout: 10_000 })
    await alice.page.screenshot({ path: path.join(SHOTS, 'files-upload-light.png') })
    const big = alice.page.getByRole('link', { name: 'Download dataset.bin' })
    await big.waitFor({ timeout: 30_000 })
    expect(await alice.page.getByRole('progressbar').count()).toBe(0)

    // Downloading shows progress, then hands the file to the browser under its name.
    const saving = alice.page.waitForEvent('download')
    await big.click()
    const saved = await saving
    expect(saved.suggestedFilename()).toBe('dataset.bin')
    const savedPath = await saved.path()
    expect(fs.statSync(savedPath).size).toBe(20 * 1024 * 1024)
    expect(alice.dialogs).toEqual([])
    expect(alice.errors).toEqual([])
    expect(alice.csp).toEqual([])
    expect(await alice.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
  })
})
