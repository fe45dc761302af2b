// The hyperdht LAN-shortcut race that our patch fixes (patches/hyperdht+*.patch).
//
// Two peers on one address: the client pings the server's LAN address and, in parallel, starts a
// holepunch through the DHT. On a small DHT the server cannot finish its NAT analysis and aborts
// that holepunch. Unpatched, that abort (1) destroys the server's raw stream, so the client's LAN
// route lands nowhere: the client has an open connection, the server never sees it, and it dies
// on the UDX timeout ~13 s later; and (2) if the abort reaches the client before the LAN ping's
// answer, the client gives up a connection the LAN route would have made.
// Here the LAN ping's answer is held back a little, so the abort always comes first, as it does
// on a slower LAN: the race is made certain instead of timed. No Hyperswarm retries are involved
// (plain dht.connect), so without the patch the server never gets this connection.
import { test, expect, onTestFinished } from 'vitest'
import HyperDHT from 'hyperdht'
import createTestnet from 'hyperdht/testnet.js'

const LAN_PING_DELAY_MS = 300

test('a holepunch the server gives up does not break the LAN route', async () => {
  const testnet = await createTestnet(3, { host: '127.0.0.1' })
  onTestFinished(() => testnet.destroy())
  const serverNode = new HyperDHT({ bootstrap: testnet.bootstrap, host: '127.0.0.1' })
  const clientNode = new HyperDHT({ bootstrap: testnet.bootstrap, host: '127.0.0.1' })
  onTestFinished(async () => { await clientNode.destroy(); await serverNode.destroy() })

  const ping = clientNode.ping.bind(clientNode)
  clientNode.ping = async (addr) => {
    const reply = await ping(addr)
    await new Promise(resolve => setTimeout(resolve, LAN_PING_DELAY_MS))
    return reply
  }

  const server = serverNode.createServer()
  const received = new Promise<string>((resolve) => {
    server.on('connection', (socket: HyperDHT.Socket) => {
      socket.on('error', () => {})
      socket.once('data', (data: Buffer) => resolve(data.toString()))
    })
  })
  await server.listen()

  const socket = clientNode.connect(server.publicKey)
  const failed = new Promise<never>((_resolve, reject) => {
    socket.on('error', (err: Error & { code?: string }) => reject(new Error(`client connection failed: ${err.code ?? err.message}`)))
  })
  socket.write('hello over the LAN route')
  onTestFinished(() => { socket.destroy() })

  // A deadline well under the ~13 s a half-open connection takes to die, not a timing claim.
  const deadline = new Promise<never>((_resolve, reject) => {
    setTimeout(() => reject(new Error('the server never received the client\'s first message')), 8000).unref()
  })
  const text = await Promise.race([received, failed, deadline])
  expect(text).toBe('hello over the LAN route')
})
