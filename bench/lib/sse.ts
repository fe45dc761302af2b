// A reader of the local node's live stream (GET /api/events, Server-Sent Events framing), as the
// web UI reads it: fetch with the access token, split frames on blank lines. Each event is
// emitted as { data, at }, `at` being when its frame was read (process.hrtime.bigint()).
import { EventEmitter } from 'node:events'

export class EventStream extends EventEmitter {
  private readonly abort = new AbortController()

  /** Resolves once the stream's first event (hello) has arrived. */
  async open (base: string, token: string): Promise<void> {
    const res = await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: this.abort.signal })
    if (!res.ok || res.body === null) throw new Error(`live stream answered ${res.status}`)
    const hello = new Promise<void>((resolve) => this.once('hello', () => resolve()))
    this.read(res.body).catch((err: Error) => { if (err.name !== 'AbortError') this.emit('error', err) })
    await hello
  }

  close (): void {
    this.abort.abort()
  }

  private async read (body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buf = ''
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true })
      let end: number
      while ((end = buf.indexOf('\n\n')) !== -1) {
        const frame = buf.slice(0, end)
        buf = buf.slice(end + 2)
        const at = process.hrtime.bigint()
        const type = /^event: (.*)$/m.exec(frame)?.[1]
        const data = /^data: (.*)$/m.exec(frame)?.[1]
        if (type !== undefined && data !== undefined) this.emit(type, { data: JSON.parse(data) as unknown, at })
      }
    }
  }
}
