// Local-only clearing and catching up after being offline, seen in the browser.
import { describe, expect, it } from 'vitest'
import { createNode, twoInARoom } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { articles, bothShowing, logTexts, type, waitForText } from './ui-flow.js'

describe('sync in the browser', () => {
  it('~clear empties only this user\'s log, and it stays empty after a restart', async () => {
    const { testnet, storage, aliceNode, bobNode, room } = await twoInARoom()
    await room.send('first from alice')
    await bobNode.client.room(room.id)?.send('reply from bob')
    const { browser, alice, bob } = await bothShowing(aliceNode.url, bobNode.url, 'reply from bob')
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

  it('after writing apart, both pages show the merged history once, in the same order', async () => {
    const { testnet, storage, aliceNode, bobNode, room } = await twoInARoom()
    await room.send('shared start')
    const browser = await launchBrowser()
    let alice = await openPage(browser, aliceNode.url)
    const bobFirst = await openPage(browser, bobNode.url)
    await waitForText(bobFirst.page, 'shared start')

    // Bob is away while Alice (the owner) writes; then Alice is away while Bob writes.
    await bobFirst.context.close()
    await bobNode.close()
    await type(alice.page, 'alice wrote alone 1')
    await type(alice.page, 'alice wrote alone 2')
    await waitForText(alice.page, 'alice wrote alone 2')
    await alice.context.close()
    await aliceNode.close()
    const bob2 = await createNode(testnet, { storage: storage.bob })
    let resets = 0
    bob2.client.rooms[0]?.on('reset', () => { resets++ })
    const bob = await openPage(browser, bob2.url)
    await waitForText(bob.page, 'shared start')
    await type(bob.page, 'bob wrote alone 1')
    await type(bob.page, 'bob wrote alone 2')
    await waitForText(bob.page, 'bob wrote alone 2')

    // Together again: the owner's messages are ordered before Bob's, under Bob's open page.
    const alice2 = await createNode(testnet, { storage: storage.alice })
    alice = await openPage(browser, alice2.url)
    const all = ['shared start', 'alice wrote alone 1', 'alice wrote alone 2', 'bob wrote alone 1', 'bob wrote alone 2']
    for (const w of [alice, bob]) {
      await waitFor(async () => (await logTexts(w.page)).length === all.length && (await logTexts(w.page)), { timeout: 60_000, message: 'the merged history' })
    }
    const a = await logTexts(alice.page)
    expect([...a].sort()).toEqual([...all].sort())
    // Bob's page shows his view's order, after the merge, with no duplicate or stale row.
    const view = (await bob2.client.rooms[0]?.messages({ limit: 10 }))?.map(m => m.text)
    await waitFor(async () => JSON.stringify(await logTexts(bob.page)) === JSON.stringify(view), { message: 'Bob\'s page to match his view' })
    expect(await logTexts(bob.page)).toEqual(view)
    expect(resets, 'the merge reordered Bob\'s view under his open page').toBeGreaterThan(0)
    for (const w of [alice, bob]) expect(w.errors).toEqual([])
  })
})
