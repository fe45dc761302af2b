/// <reference lib="dom" />
// Names you can't fake, in a real browser: four impostors of alice (an exact copy of her name
// with her public avatar, a Cyrillic "а", a zero-width space, a right-to-left override) are
// each told apart from the real alice in bob's message log and member list, in his search
// results and in the reply preview above his composer. Writes docs/screenshots/impostors.png,
// search-impostors.png and reply-impostor.png.
import { describe, expect, it } from 'vitest'
import path from 'path'
import { createLocalTestnet, createClient } from '../helpers/peers.js'
import { createNode, png } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { roomInternals } from '../../src/room-internals.js'
import { articles, roomOpen, waitForText } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

describe('impostors', () => {
  it('each of four fake alices is told apart from the real one in the log and the member list', async () => {
    const testnet = await createLocalTestnet()
    const [aliceNode, bobNode] = await Promise.all([createNode(testnet, { name: 'alice' }), createNode(testnet, { name: 'bob' })])
    const avatar = png(64, 64, [214, 64, 159])
    await aliceNode.client.setProfile({ name: 'alice', avatar: { mime: 'image/png', data: avatar } })
    await bobNode.client.setProfile({ name: 'bob' })
    const room = await aliceNode.client.createRoom('team')
    const bobRoom = await bobNode.client.joinRoom(await room.createInvite())

    // The impostors join with ordinary invites. Two names the SDK refuses go in as raw v1
    // events, as a hostile client would write them (the schema still takes v1 names: events are forever).
    const names = { copy: 'alice', cyrillic: '\u0430lice', zeroWidth: 'al\u200bice', override: '\u202eecila' }
    const fakes = await Promise.all(Object.keys(names).map(n => createClient(testnet, { name: 'x-' + n })))
    const fakeRooms = await Promise.all(fakes.map(async c => await c.joinRoom(await room.createInvite())))
    const [copy, cyrillic, zeroWidth, override] = fakeRooms as [typeof room, typeof room, typeof room, typeof room]
    await fakes[0]?.setProfile({ name: names.copy, avatar: { mime: 'image/png', data: avatar } }) // her public avatar
    await fakes[1]?.setProfile({ name: names.cyrillic, avatar: { mime: 'image/png', data: avatar } })
    await roomInternals(zeroWidth).writer.append({ type: 'profile-set', v: 1, name: names.zeroWidth })
    await roomInternals(override).writer.append({ type: 'profile-set', v: 1, name: names.override })
    await expect(fakes[2]?.setProfile({ name: names.zeroWidth })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })

    await room.send('Hi, this is the real alice.')
    const asks = []
    for (const r of [copy, cyrillic, zeroWidth, override]) asks.push(await r.send('Hi bob, it is me, alice. Send me the keys?'))
    await waitFor(async () => (await bobRoom.members()).filter(m => m.lookalikes.length > 0).length === 4, { message: 'four lookalikes in bob\'s view' })

    const browser = await launchBrowser()
    const bob = await openPage(browser, bobNode.url)
    await roomOpen(bob.page, 'team')
    await waitForText(bob.page, 'the real alice')
    await waitFor(async () => await articles(bob.page).count() === 5, { message: 'five messages' })
    const members = bob.page.getByRole('complementary', { name: 'Members' })
    await waitFor(async () => await members.getByText('same name', { exact: true }).count() === 4, { message: 'four marked lookalikes in the list' })

    // In the log: every author label differs from the real alice's, which has her fingerprint.
    const realFp = room.identityKey.slice(0, 4)
    const labels = (await bob.page.locator('lu-message .author').allInnerTexts()).map(l => l.replace(/\s+/g, ' ').trim())
    expect(labels.filter(l => l.startsWith(`alice · ${realFp}`)).length).toBe(1)
    expect(new Set(labels).size).toBe(5)
    await bob.page.getByRole('article', { name: new RegExp(`^alice · ${realFp}`) }).waitFor()
    // Each impostor's label (found by its own fingerprint: the log's order is Autobase's) is
    // marked, and never carries the real alice's fingerprint.
    const labelOf = (r: typeof room): string => labels.find(l => l.includes(' · ' + r.identityKey.slice(0, 4))) ?? ''
    for (const r of [copy, cyrillic, zeroWidth, override]) expect(labelOf(r)).not.toContain(realFp)
    expect(labelOf(copy)).toMatch(/^alice · \w+ same name$/)
    expect(labelOf(cyrillic)).toMatch(/^\u0430lice · \w+ same name$/)
    expect(labelOf(zeroWidth)).toMatch(/^alice · \w+ same name hidden characters$/)
    expect(labelOf(override)).toMatch(/^ecila · \w+ hidden characters$/) // the override is gone: it reads as written
    expect(await bob.page.evaluate(() => document.body.innerText.includes('\u202e') || document.body.innerText.includes('\u200b'))).toBe(false)

    // In the member list: five rows, five different labels, only the real one the owner.
    const rows = members.getByRole('listitem')
    const rowTexts = (await rows.allInnerTexts()).map(t => t.replace(/\s+/g, ' '))
    expect(rowTexts.filter(t => t.includes('alice') || t.includes('ecila') || t.includes('\u0430lice')).length).toBe(5)
    expect(new Set(rowTexts).size).toBe(rowTexts.length)
    expect(rowTexts.find(t => t.includes('owner'))).toContain(`alice · ${realFp}`)

    await bob.page.screenshot({ path: path.join(SHOTS, 'impostors-before.png') })

    // In search results: the same name and fingerprint as in the log, marks included.
    await waitFor(async () => (await bobNode.client.search('keys')).length === 4, { message: 'bob indexed the impostors' })
    const box = bob.page.getByRole('searchbox', { name: 'Search messages' })
    await box.fill('alice')
    const results = bob.page.getByRole('listbox', { name: 'Search results' }).getByRole('option')
    await waitFor(async () => await results.count() === 5, { message: 'five results' })
    const found = (await results.locator('.meta b').allInnerTexts()).map(l => l.replace(/\s+/g, ' ').trim())
    expect(found.filter(l => l.startsWith(`alice · ${realFp}`)).length).toBe(1)
    expect(new Set(found)).toEqual(new Set(labels))
    await bob.page.screenshot({ path: path.join(SHOTS, 'search-impostors.png') })
    await box.press('Escape')

    // In the reply preview: replying to the exact copy shows whose message it really is.
    const ask = bob.page.locator(`lu-message[data-id="${asks[0]!.id}"]`)
    await ask.hover()
    await ask.getByRole('button', { name: 'Reply', exact: true }).click()
    const preview = bob.page.getByRole('group', { name: 'Reply' })
    const previewText = (await preview.innerText()).replace(/\s+/g, ' ')
    expect(previewText.replace(' :', ':')).toContain(`Replying to ${labelOf(copy)}: Hi bob`)
    expect(previewText).not.toContain(realFp)
    await bob.page.screenshot({ path: path.join(SHOTS, 'reply-impostor.png') })
    await bob.page.getByRole('button', { name: 'Cancel reply' }).click()

    // Bob names the real alice and marks her verified: only she carries the mark.
    await bobNode.client.setNickname(room.identityKey, 'Alice (design)')
    await bobNode.client.setVerified(room.identityKey, true)
    await members.getByText('Alice (design)').waitFor()
    await bob.page.getByRole('log').getByText('Alice (design)').first().waitFor()
    expect(await members.getByRole('img', { name: 'verified' }).count()).toBe(1)
    await bob.page.screenshot({ path: path.join(SHOTS, 'impostors.png') })
    expect(bob.errors).toEqual([])
    expect(bob.csp).toEqual([])
  }, 180_000)
})
