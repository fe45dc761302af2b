import type { Message } from '../types.js'

export interface Upload { readonly file: File, sent: number, total: number }

/**
 * Files being shared in a room (ui/components/lu-room-view.ts): uploaded one after another, each
 * as a message, with how far each has got for the host to show.
 */
export class Uploads {
  entries: Upload[] = []
  private queue: Promise<void> = Promise.resolve()

  constructor (
    /** What is shown changed: a file added, progress, a file done. */
    private readonly changed: () => void,
    private readonly on: {
      /** Uploads one file as a message (the API's upload), telling how far it has got. */
      send: (room: string, file: File, progress: (sent: number, total: number) => void) => Promise<Message>
      sent: (room: string, message: Message) => void
      error: (text: string) => void
    }
  ) {}

  add (room: string, files: File[]): void {
    const entries = files.map(file => ({ file, sent: 0, total: file.size }))
    this.entries = [...this.entries, ...entries]
    this.changed()
    this.queue = this.queue.then(async () => {
      for (const entry of entries) await this.upload(room, entry)
    })
  }

  private async upload (room: string, entry: Upload): Promise<void> {
    try {
      const message = await this.on.send(room, entry.file, (sent, total) => {
        entry.sent = sent
        entry.total = total
        this.changed()
      })
      this.on.sent(room, message)
    } catch (err) {
      this.on.error(`${entry.file.name}: ${(err as Error).message}`)
    } finally {
      this.entries = this.entries.filter(u => u !== entry)
      this.changed()
    }
  }
}
