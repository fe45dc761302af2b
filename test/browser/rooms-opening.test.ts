// A node of many rooms restarted, in the browser (docs/architecture.md §8): the room list shows
// every room at once while they open in the background; picking one shows its page as soon as
// it is open, with this user's own messages as their own (the room's summary is sent again
// once it is open), and writing in it works.
import path from 'path'
import { describe, expect, it } from 'vitest'
import { createLocalTestnet, tmpStorage } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { type, waitForText } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')
const ROOMS = 40

describe('many rooms in the browser', () => {
  it('lists every room at once after a restart; the one picked shows its page as it opens', async () => {
    const testnet = await createLocalTestnet()
    const storage = tmpStorage('alice')
    const first = await createNode(testnet, { storage })
    await first.client.setProfile({ name: 'Alice' })
    for (let i = 0; i < ROOMS; i++) await (await first.client.createRoom(`room ${i}`)).send(`hello from room ${i}`)
    await first.close()

    const node = await createNode(testnet, { storage })
    const browser = await launchBrowser()
    const alice = await openPage(browser, node.url)
    const list = alice.page.getByRole('navigation', { name: 'Rooms' })
    await list.getByRole('button', { name: `room ${ROOMS - 1}` }).waitFor()
    expect(await list.getByRole('button').filter({ hasText: /room \d+/ }).count()).toBe(ROOMS)
    await alice.page.screenshot({ path: path.join(SHOTS, 'rooms-opening-light.png') })

    await list.getByRole('button', { name: `room ${ROOMS - 1}` }).click()
    await waitForText(alice.page, `hello from room ${ROOMS - 1}`)
    await alice.page.locator('lu-message[own]').first().waitFor() // its writer key came with the open
    await type(alice.page, 'written after the restart')
    await waitForText(alice.page, 'written after the restart')
    expect(await alice.page.locator('lu-message[own]').count()).toBe(2)
    await node.client.roomsOpened()
    expect(node.client.rooms.every(r => r.opened)).toBe(true)
  })
})
