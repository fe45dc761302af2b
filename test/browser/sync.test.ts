// Local-only clearing and catching up after being offline, seen in the browser.
import { describe, expect, it } from 'vitest'
import { createLocalTestnet, tmpStorage } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { articles, logTexts, type, waitForText } from './ui-flow.js'

async function twoInARoom () {
  const testnet = await createLocalTestnet()
  const storage = { alice: tmpStorage('alice'), bob: tmpStorage('bob') }
  const [aliceNode, bobNode] = await Promise.all([createNode(testnet, { storage: storage.alice }), createNode(testnet, { storage: storage.bob })])
  await Promise.all([aliceNode.client.setProfile({ name: 'Alice' }), bobNode.client.setProfile({ name: 'Bob' })])
  const room = await aliceNode.client.createRoom('general')
  await bobNode.client.joinRoom(await room.createInvite())
  return { testnet, storage, aliceNode, bobNode, room }
}

describe('sync in the browser', () => {
  it('~clear empties only this user\'s log, and it stays empty after a restart', async () => {
    const { testnet, storage, aliceNode, bobNode, room } = await twoInARoom()
    await room.send('first from alice')
    await bobNode.client.room(room.id)?.send('reply from bob')
    const browser = await launchBrowser()
    const alice = await openPage(browser, aliceNode.url)
    const bob = await openPage(browser, bobNode.url)
    await waitForText(alice.page, 'reply from bob')
    await waitForText(bob.page, 'reply from bob')
    await waitForText(bob.page, 'first from alice')

    await type(alice.page, '~clear')
    await alice.page.getByText('History cleared on this device').waitFor()
    await articles(alice.page).first().waitFor({ state: 'detached' })
    expect(await articles(alice.page).count()).toBe(0)
    expect(await articles(bob.page).count()).toBe(2)

    await aliceNode.close()
    const again = await createNode(testnet, { storage: storage.alice })
    const alice2 = await openPage(browser, again.url)
    await bobNode.client.room(room.id)?.send('after the restart')
    await waitForText(alice2.page, 'after the restart', 60_000)
    expect(await logTexts(alice2.page)).toEqual(['after the restart'])
    expect(await articles(bob.page).count()).toBe(3)
  })

  it('a node that was stopped catches up on what it missed, in order', async () => {
    const { testnet, storage, aliceNode, bobNode, room } = await twoInARoom()
    const browser = await launchBrowser()
    const alice = await openPage(browser, aliceNode.url)
    await type(alice.page, 'before bob left')
    const bobFirst = await openPage(browser, bobNode.url)
    await waitForText(bobFirst.page, 'before bob left')
    await bobFirst.context.close()
    await bobNode.close()

    for (const text of ['missed one', 'missed two', 'missed three']) {
      await type(alice.page, text)
      await waitForText(alice.page, text)
    }
    // Nobody else has these yet: they show as pending on Alice's side.
    const pending = alice.page.getByRole('log').getByText('pending', { exact: true })
    expect(await pending.count()).toBe(3)
    const bobAgain = await createNode(testnet, { storage: storage.bob })
    const bob = await openPage(browser, bobAgain.url)
    await waitForText(bob.page, 'missed three', 60_000)
    expect(await logTexts(bob.page)).toEqual(['before bob left', 'missed one', 'missed two', 'missed three'])
    // Bob has them now, so they stop being pending for Alice, without a reload.
    await pending.first().waitFor({ state: 'detached', timeout: 30_000 })
    expect(await pending.count()).toBe(0)
    expect(bob.errors).toEqual([])
    expect(room.id).toBe(bobAgain.client.rooms[0]?.id)
  })
})
