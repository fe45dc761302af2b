// Raw HTTP over a TCP socket, for requests no well-behaved client would send: forged Host
// lines, duplicate headers, bodies that trickle in or never end.
import net from 'net'

export interface RawResponse {
  status: number
  head: string
  body: string
  /** ms from connect until the server closed the socket (or we gave up). */
  closedAfter: number
}

/** Sends `request` (already formatted) and reads until the server closes or `timeout` passes. */
export function raw (port: number, request: string | Buffer, timeout = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => socket.destroy(), timeout)
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(parse(Buffer.concat(chunks).toString('latin1'), Date.now() - started))
    })
    socket.on('connect', () => socket.write(request))
    socket.on('timeout', () => reject(new Error('timeout')))
  })
}

function parse (text: string, closedAfter: number): RawResponse {
  const end = text.indexOf('\r\n\r\n')
  const head = end === -1 ? text : text.slice(0, end)
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0)
  return { status, head, body: end === -1 ? '' : text.slice(end + 4), closedAfter }
}

export function get (path: string, headers: Record<string, string | string[]>): string {
  const lines = [`GET ${path} HTTP/1.1`]
  for (const [k, v] of Object.entries(headers)) for (const one of [v].flat()) lines.push(`${k}: ${one}`)
  lines.push('Connection: close', '', '')
  return lines.join('\r\n')
}

/**
 * Opens a socket and feeds it `head` then `drip` one byte at a time every `every` ms, the way
 * a slowloris client holds a connection. Resolves with how long the server let it live.
 */
export function trickle (port: number, head: string, drip: string, every: number, giveUp: number, send = true): Promise<{ closedAfter: number, sent: number, reply: string }> {
  return new Promise((resolve) => {
    const started = Date.now()
    const socket = net.connect(port, '127.0.0.1')
    let sent = 0
    let reply = ''
    let timer: NodeJS.Timeout | null = null
    const stop = (): void => {
      if (timer !== null) clearInterval(timer)
      resolve({ closedAfter: Date.now() - started, sent, reply })
    }
    socket.on('data', (d: Buffer) => { reply += d.toString('latin1') })
    socket.on('error', () => {})
    socket.on('close', stop)
    socket.on('connect', () => {
      socket.write(head)
      timer = setInterval(() => {
        if (Date.now() - started > giveUp) { socket.destroy(); return }
        if (send && socket.writable) socket.write(drip[sent++ % drip.length] as string)
      }, every)
    })
  })
}
