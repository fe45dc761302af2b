// The access token ended up on disk in the browser's history (issue #13, item 8): the page took
// `#token=` out of the address bar, but the browser had recorded the URL already, and the token
// in it opened the node for ever. The printed URL now carries a one-time login code that the
// page trades for a session cookie: the URL in the history opens nothing.
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest'
import { createLocalTestnet, tmpStorage } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'

describe('logging in from the printed URL', () => {
  it('a URL found in the browser\'s history opens nothing; the page that used it keeps its session, also across a restart of the node', async () => {
    const testnet = await createLocalTestnet()
    const storage = tmpStorage('login')
    const node = await createNode(testnet, { name: 'alice', storage })
    await node.client.setProfile({ name: 'Alice' })
    await node.client.createRoom('secrets')
    const browser = await launchBrowser()
    const printed = node.url

    const alice = await openPage(browser, printed)
    await alice.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: 'secrets' }).waitFor()
    expect(alice.page.url()).toBe(`http://127.0.0.1:${node.port}/`) // the code is out of the address bar
    const cookies = await alice.context.cookies()
    expect(cookies).toHaveLength(1)
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', domain: '127.0.0.1' })
    expect(await alice.page.evaluate(() => document.cookie)).toBe('') // no script can read it
    expect(JSON.stringify(cookies)).not.toContain(node.token)
    expect(await alice.page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain(node.token)

    // Someone with the browser's history opens the same URL, in another profile.
    const snoop = await openPage(browser, printed)
    await snoop.page.getByRole('alert').filter({ hasText: 'This link has been used or has expired' }).waitFor()
    expect(await snoop.page.getByRole('navigation', { name: 'Rooms' }).count()).toBe(0)
    const answer = await snoop.page.evaluate(async () => (await fetch('/api/rooms')).status)
    expect(answer).toBe(401)
    await snoop.page.screenshot({ path: 'test/artifacts/login-used-link.png' })

    // The node restarts (same storage, same port): the page's cookie still works.
    const port = node.port
    await node.close()
    const again = await createNode(testnet, { storage, port })
    await alice.page.reload()
    await alice.page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: 'secrets' }).waitFor()
    expect(again.client.rooms).toHaveLength(1)
    expect(alice.errors.filter(e => !/Failed to fetch|network/i.test(e))).toEqual([])
  })
})
