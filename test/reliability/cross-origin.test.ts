/// <reference lib="dom" />
// A page from another local port, in a real Chromium whose user is logged in to the node (its
// session cookie is in the browser, and is sent along: cookies ignore ports, and SameSite counts
// another port of this machine as the same site), attacks the node: reads, simple POSTs that
// need no preflight, forms, a guessed token and a guessed login code, script, image and frame
// includes. Nothing may be read or changed; the node's own log shows what it answered to each.
import { test, expect, onTestFinished } from 'vitest'
import http from 'http'
import type { AddressInfo } from 'net'
import { createNode } from '../helpers/nodes.js'
import { launchBrowser } from '../helpers/browser.js'
import { waitFor } from '../helpers/wait.js'
import { createLocalTestnet } from '../helpers/peers.js'

function attackPage (target: string): string {
  return `<!doctype html><meta charset=utf-8><iframe name=sink></iframe><script>
const T = ${JSON.stringify(target)}
const out = []
const note = (name, p) => p.then(r => out.push([name, r.type, r.status]), e => out.push([name, 'error', String(e)]))
// Every request asks for the browser's cookies for the node, as an attacker would.
const fetch = (url, init = {}) => window.fetch(url, { credentials: 'include', ...init })
window.run = async () => {
  await note('read', fetch(T + '/api/rooms'))
  await note('read no-cors', fetch(T + '/api/rooms', { mode: 'no-cors' }))
  await note('create simple', fetch(T + '/api/rooms', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"alias":"pwned"}' }))
  await note('create guessed token', fetch(T + '/api/rooms', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + 'a'.repeat(64) }, body: '{"alias":"pwned"}' }))
  await note('profile put', fetch(T + '/api/profile', { method: 'PUT', mode: 'no-cors', body: '{"name":"pwned"}' }))
  await note('ui page', fetch(T + '/', { mode: 'no-cors' }))
  await note('events', fetch(T + '/api/events'))
  await note('login guess', fetch(T + '/session', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"code":"' + 'f'.repeat(32) + '"}' }))
  await new Promise(done => { const f = document.createElement('iframe'); f.src = T + '/api/rooms'; f.onload = f.onerror = done; document.body.append(f) })
  await new Promise(done => { const s = document.createElement('script'); s.src = T + '/api/rooms'; s.onload = s.onerror = done; document.body.append(s) })
  await new Promise(done => { const i = new Image(); i.onload = i.onerror = done; i.src = T + '/api/rooms' })
  const f = document.createElement('form')
  f.method = 'POST'; f.action = T + '/api/rooms'; f.enctype = 'text/plain'; f.target = 'sink'
  const input = document.createElement('input'); input.name = '{"alias":"pwned","x":"'; input.value = '"}'; f.append(input)
  document.body.append(f); f.submit()
  return out
}
</script>`
}

test('a page on another local port can neither read from nor act on the node, with the user logged in', async () => {
  const testnet = await createLocalTestnet()
  const node = await createNode(testnet, { name: 'victim' })
  const browser = await launchBrowser()
  let tried = 0
  for (const host of ['127.0.0.1', 'localhost']) {
    const target = `http://${host}:${node.port}`
    const evil = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attackPage(target)))
    await new Promise<void>(resolve => evil.listen(0, '127.0.0.1', resolve))
    onTestFinished(() => new Promise<void>(resolve => evil.close(() => resolve())))
    // The user opened the node's link in this browser: it holds a session cookie for the node.
    const context = await browser.newContext()
    const ui = await context.newPage()
    await ui.goto(node.url.replace('127.0.0.1', host))
    await ui.getByRole('textbox', { name: 'Display name' }).waitFor()
    const cookies = await context.cookies(target)
    expect(cookies.map(c => [c.httpOnly, c.sameSite, c.path])).toEqual([[true, 'Strict', '/']])
    const page = await context.newPage()
    // what the node answered, seen from its own HTTP server (the page may see nothing at all)
    const answers: Array<[string, string, number]> = []
    let withCookie = 0
    const log = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      if (req.headers.cookie?.includes('linkup_') === true) withCookie++
      res.on('finish', () => answers.push([req.method ?? '', req.url ?? '', res.statusCode]))
    }
    node.app.server.on('request', log)
    onTestFinished(() => { node.app.server.off('request', log) })
    await page.goto(`http://${host}:${(evil.address() as AddressInfo).port}/`)
    const results = await page.evaluate(() => (window as unknown as { run: () => Promise<Array<[string, string, unknown]>> }).run())
    // the form goes out last: wait until the node has answered it
    await waitFor(() => answers.filter(a => a[0] === 'POST' && a[1] === '/api/rooms').length >= 2, { timeout: 10_000, message: 'the form post to be answered' }).catch((e: Error) => { throw new Error(e.message + JSON.stringify(answers)) })
    for (const [name, type, status] of results) {
      // nothing readable: a CORS failure, or an opaque response whose status the page cannot see
      expect(type === 'error' || (type === 'opaque' && status === 0), `${host} ${name}: ${type} ${String(status)}`).toBe(true)
    }
    // (the guessed-token POST never leaves the browser: its preflight gets 403)
    for (const [method, path, status] of answers) {
      // the UI's own page is public, and unreadable here (Cross-Origin-Resource-Policy)
      if (method === 'GET' && path === '/') continue
      expect([401, 403], `${host} ${method} ${path} → ${status}`).toContain(status)
    }
    expect(answers.filter(a => a[0] === 'OPTIONS').map(a => a[2])).toEqual([403])
    expect(answers.filter(a => a[1].startsWith('/api/')).length, 'the page\'s requests reached the node').toBeGreaterThanOrEqual(6)
    expect(withCookie, 'the session cookie went along with the page\'s requests').toBeGreaterThanOrEqual(10)
    tried += answers.length
    console.log(`cross-origin from ${host} (${withCookie} requests carried the session cookie): page saw ${JSON.stringify(results.map(r => r.slice(0, 2)))}; node answered ${JSON.stringify(answers)}`)
  }
  expect(node.client.rooms).toEqual([])
  expect(node.client.profile?.name).toBe(undefined)
  // and the user's own page still works with its cookie
  const session = (await browser.contexts()[0]!.cookies(`http://127.0.0.1:${node.port}`))[0]
  const own = await fetch(`http://127.0.0.1:${node.port}/api/rooms`, { headers: { cookie: `${session?.name}=${session?.value}` } })
  expect(own.status).toBe(200)
  console.log(`cross-origin: ${tried} requests reached the node from foreign pages: all refused (401/403) but the public UI page, which the page could not read either`)
}, 60_000)
