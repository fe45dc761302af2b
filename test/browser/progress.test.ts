// Download progress reaches only what shows it: while Bob's node fetches an 8 MiB file from
// Alice, the stream sends a download-progress event per 1 % or so; none of them may re-render
// the store-bound components (app, sidebar, room view) or rewrite the title. Every 'change' the
// store dispatches meanwhile must be explained by another kind of event (a status, say).
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { twoInARoom } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitForText } from './ui-flow.js'

describe('download progress', () => {
  it('re-renders nothing store-bound and leaves the title alone', async () => {
    const { aliceNode, bobNode, room } = await twoInARoom()
    await room.send('a big file follows')
    const browser = await launchBrowser()
    const bob = await openPage(browser, bobNode.url)
    await waitForText(bob.page, 'a big file follows')
    await room.sendFile('big.bin', Buffer.alloc(8 * 1024 * 1024, 7))
    const link = bob.page.getByRole('log').getByRole('article').filter({ hasText: 'big.bin' }).getByRole('link', { name: 'Download' })
    await link.waitFor({ timeout: 30_000 })
    const href = await link.getAttribute('href') ?? ''

    const counts = await bob.page.evaluate(async (url) => {
      const store = (document.querySelector('lu-app') as unknown as { store: EventTarget }).store
      const c = { changes: 0, progress: 0, others: 0, titles: 0, bytes: 0 }
      store.addEventListener('change', () => { c.changes++ })
      store.addEventListener('room-event', (e) => {
        if ((e as CustomEvent<{ type: string }>).detail.type === 'download-progress') c.progress++
        else c.others++
      })
      new MutationObserver(() => { c.titles++ }).observe(document.head, { childList: true, characterData: true, subtree: true })
      c.bytes = (await (await fetch(url)).arrayBuffer()).byteLength
      // The last progress events may trail the body by a moment: wait for a quiet 300 ms.
      let seen = -1
      while (seen !== c.progress) { seen = c.progress; await new Promise(resolve => setTimeout(resolve, 300)) }
      return c
    }, href)
    console.log(`download progress: ${JSON.stringify(counts)}`)
    expect(counts.bytes).toBe(8 * 1024 * 1024)
    expect(counts.progress).toBeGreaterThan(10)
    expect(counts.changes).toBeLessThanOrEqual(counts.others)
    expect(counts.titles).toBeLessThanOrEqual(counts.others)
    expect(bob.errors).toEqual([])
  }, 120_000)
})
