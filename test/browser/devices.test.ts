// Linking a device through the UI (docs/architecture.md §16.3), two nodes and two pages: the
// first shows a one-time code (text and QR) under "Your devices"; the second, on its first run,
// takes it under "Link to an existing account" and then shows the account's rooms and name; the
// first removes it, and the second says it was removed. Screenshots in docs/screenshots/.
import { describe, expect, it } from 'vitest'
import path from 'path'
import { createLocalTestnet } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { register, createRoom, type, waitForText, roomOpen } from './ui-flow.js'

const SHOTS = path.resolve('docs/screenshots')

describe('several devices in the browser', () => {
  it('links a second node with the code shown on the first, then removes it', async () => {
    const testnet = await createLocalTestnet()
    const desk = await createNode(testnet, { name: 'desk', account: true })
    const laptop = await createNode(testnet, { name: 'laptop', account: true })
    const browser = await launchBrowser()
    const one = (await openPage(browser, desk.url)).page
    await register(one, 'Ada')
    await createRoom(one, 'workshop')
    await type(one, 'notes from the desk')
    await waitForText(one, 'notes from the desk')

    await one.getByRole('button', { name: 'Your devices' }).click()
    const panel = one.getByRole('dialog', { name: 'Your devices' })
    await panel.getByRole('list', { name: 'Devices' }).getByText('this device').waitFor()
    await panel.getByRole('button', { name: 'Link a device' }).click()
    const code = (await panel.getByLabel('Link code', { exact: true }).textContent())?.trim() ?? ''
    expect(code).toMatch(/^linkup-device:/)
    await panel.getByRole('img', { name: 'Link code as a QR code' }).waitFor()
    await one.screenshot({ path: path.join(SHOTS, 'devices-link-code.png') })

    const two = (await openPage(browser, laptop.url)).page
    await two.getByRole('button', { name: 'Link to an existing account' }).click()
    await two.getByRole('textbox', { name: 'Link code' }).fill('linkup-device:not-really')
    await two.getByRole('button', { name: 'Link this device' }).click()
    await two.getByRole('alert').filter({ hasText: 'not a LinkUp device code' }).waitFor()
    await two.screenshot({ path: path.join(SHOTS, 'devices-link-refused.png') })
    await two.getByRole('textbox', { name: 'Link code' }).fill(code)
    await two.getByRole('textbox', { name: 'This device\'s name' }).fill('Laptop')
    await two.getByRole('button', { name: 'Link this device' }).click()
    await two.getByRole('navigation', { name: 'Rooms' }).waitFor({ timeout: 30_000 })
    await two.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: /workshop/ }).click({ timeout: 30_000 })
    await roomOpen(two, 'workshop')
    await waitForText(two, 'notes from the desk')
    await type(two, 'and from the laptop')
    await waitForText(one, 'and from the laptop')
    await two.screenshot({ path: path.join(SHOTS, 'devices-linked.png') })

    await panel.getByRole('list', { name: 'Devices' }).getByRole('listitem').nth(1).waitFor({ timeout: 10_000 })
    await one.screenshot({ path: path.join(SHOTS, 'devices-list.png') })
    await panel.getByRole('list', { name: 'Devices' }).getByText('Laptop').waitFor()
    await panel.getByRole('button', { name: 'Remove Laptop' }).click()
    await two.getByRole('alert').filter({ hasText: 'This device was removed from your account' }).waitFor({ timeout: 30_000 })
    await two.screenshot({ path: path.join(SHOTS, 'devices-removed.png') })
    expect((await desk.client.devices()).length).toBe(1)
  })
})
