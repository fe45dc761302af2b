/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// A peer's text is inert in the other user's page: Markdown and HTML payloads that try to run
// script (script tags, javascript: links, event-handler attributes, SVG, iframes) execute
// nothing, and a very long message does not break the layout.
import { describe, expect, it } from 'vitest'
import { createLocalTestnet } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage, pwned } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { articles, waitForText } from './ui-flow.js'

const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '[click me](javascript:window.__pwned=3)',
  '[mixed case](JaVaScRiPt:window.__pwned=4)',
  '[tabbed](java\tscript:window.__pwned=5)',
  '<javascript:window.__pwned=6>',
  '![img](javascript:window.__pwned=7)',
  '![pixel](https://evil.example/track.png)',
  '<svg onload="window.__pwned=8"><script>window.__pwned=9</script></svg>',
  '<iframe srcdoc="<script>parent.__pwned=10</script>"></iframe>',
  '<a href="javascript:window.__pwned=11">html link</a>',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<details open ontoggle="alert(12)">x</details>',
  '<div style="position:fixed;inset:0;background:red;z-index:99">cover</div>',
  '<style>body { display: none }</style>',
  '```html\n</code></pre><script>window.__pwned=13</script>\n```',
  '`<img src=x onerror=alert(14)>`',
  '[x](vbscript:msgbox(15))',
  '<math><mi xlink:href="javascript:alert(16)">m</mi></math>'
]

describe('hostile messages', () => {
  it('render as inert text and leave the layout intact', async () => {
    const testnet = await createLocalTestnet()
    const [aliceNode, malloryNode] = await Promise.all([createNode(testnet, { name: 'alice' }), createNode(testnet, { name: 'mallory' })])
    await aliceNode.client.setProfile({ name: 'Alice' })
    await malloryNode.client.setProfile({ name: '<img src=x onerror=alert("name")>' })
    const room = await aliceNode.client.createRoom('general')
    const evil = await malloryNode.client.joinRoom(await room.createInvite())

    const browser = await launchBrowser()
    const alice = await openPage(browser, aliceNode.url)
    for (const p of PAYLOADS) await evil.send(p)
    const long = 'A'.repeat(15_000)
    await evil.send(long)
    await evil.send('https://example.org/' + 'very-long-path-segment/'.repeat(200))
    // Files that would be dangerous as pages: never shown inline, only offered as downloads.
    await evil.sendFile('evil.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="parent.__pwned=20"><script>parent.__pwned=21</script></svg>'), 'image/svg+xml')
    await evil.sendFile('<img src=x onerror=alert(22)>.html', Buffer.from('<script>alert(23)</script>'), 'text/html')
    await evil.send('end of payloads')
    await waitForText(alice.page, 'end of payloads')

    // Every payload arrived and shows as a message.
    expect(await articles(alice.page).count()).toBe(PAYLOADS.length + 5)
    expect(await alice.page.locator('lu-attachment img, lu-attachment iframe, lu-attachment object').count()).toBe(0)
    const downloads = alice.page.locator('lu-attachment a.download')
    await waitFor(async () => await downloads.count() === 2, { message: 'two download cards' })
    for (const href of await downloads.evaluateAll(els => els.map(e => e.getAttribute('href') ?? ''))) {
      const res = await alice.page.evaluate(async (url) => {
        const r = await fetch(url)
        return { type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition') }
      }, href)
      expect(res.type).toBe('application/octet-stream')
      expect(res.disposition).toMatch(/^attachment/)
    }
    // Clicking every link that is not plain http(s) runs nothing.
    const links = alice.page.locator('lu-message .md a')
    for (let i = 0; i < await links.count(); i++) {
      const href = await links.nth(i).getAttribute('href') ?? ''
      if (!/^https?:/.test(href)) await links.nth(i).click()
    }
    const dangerous = await alice.page.locator('lu-message .md').evaluateAll((nodes) => nodes.flatMap((n) =>
      [...n.querySelectorAll('script, iframe, svg, math, img, style, [onerror], [onload], [ontoggle], [style], a[href^="javascript" i], a[href^="data" i], a[href^="vbscript" i]')].map(e => e.outerHTML)))
    expect(dangerous).toEqual([])
    expect(await pwned(alice)).toBe(false)
    expect(alice.dialogs).toEqual([])
    expect(alice.errors).toEqual([])

    // Layout: nothing wider than the window, the composer still on screen and usable.
    const widths = await alice.page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: innerWidth }))
    expect(widths.doc).toBeLessThanOrEqual(widths.win)
    const log = alice.page.getByRole('log')
    expect(await log.evaluate(el => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
    const box = await alice.page.getByRole('textbox', { name: 'Message' }).boundingBox()
    expect(box).not.toBeNull()
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(800)
    expect(await alice.page.locator('lu-message').filter({ hasText: 'AAAA' }).evaluate(el => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1280)
    // The page is still alive: Alice can answer.
    await alice.page.getByRole('textbox', { name: 'Message' }).fill('still here')
    await alice.page.getByRole('textbox', { name: 'Message' }).press('Enter')
    await waitForText(alice.page, 'still here')
    expect(await pwned(alice)).toBe(false)
  })
})
