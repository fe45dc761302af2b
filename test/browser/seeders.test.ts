// Seeders in the browser (docs/architecture.md §14): the room's Seeders panel adds a seeder by
// its key, and the status line says the room is kept by it; ~seed lists it.
import { describe, expect, it, onTestFinished } from 'vitest'
import path from 'path'
import { createLocalTestnet, tmpStorage } from '../helpers/peers.js'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser, openPage } from '../helpers/browser.js'
import { type, waitForText } from './ui-flow.js'
import { Seeder } from '../../src/seed/seeder.js'

const SHOTS = path.resolve('docs/screenshots')

describe('seeders in the browser', () => {
  it('the Seeders panel adds a seeder; the status says "kept by 1 seeder"; a bad key is refused with why', async () => {
    const testnet = await createLocalTestnet()
    const seeder = new Seeder({ storage: tmpStorage('seeder'), bootstrap: testnet.bootstrap, dhtHost: '127.0.0.1' })
    await seeder.ready()
    onTestFinished(() => seeder.close())
    const node = await createNode(testnet, { name: 'ann' })
    await node.client.setProfile({ name: 'Ann' })
    const room = await node.client.createRoom('night shift')
    await room.send('handing over at 6')
    const browser = await launchBrowser()
    const { page } = await openPage(browser, node.url)
    await waitForText(page, 'handing over at 6')

    await page.getByRole('button', { name: 'Seeders' }).click()
    const panel = page.getByRole('complementary', { name: 'Seeders' })
    await panel.getByRole('textbox', { name: 'Seeder key' }).fill('not-a-key')
    await panel.getByRole('button', { name: 'Add seeder' }).click()
    await panel.getByRole('alert').filter({ hasText: '64 hexadecimal' }).waitFor()
    await panel.getByRole('textbox', { name: 'Seeder key' }).fill(seeder.key)
    await panel.getByRole('button', { name: 'Add seeder' }).click()
    await panel.getByText(seeder.key).waitFor()
    await page.getByRole('status').filter({ hasText: 'kept by 1 seeder' }).waitFor({ timeout: 30_000 })
    await page.screenshot({ path: path.join(SHOTS, 'seeders-light.png') })

    await type(page, '~seed')
    await page.getByText('Seeders keeping this room').waitFor()
    expect(room.seeders).toEqual([seeder.key])
  })
})
