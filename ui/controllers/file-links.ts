// Signed links to file messages, one per message, renewed shortly before they expire (or when
// a media element fails to load). The token never goes into a URL; a link opens one file only.
import type { Api } from '../api.js'

const MARGIN_MS = 60_000

export class FileLinks {
  private readonly links = new Map<string, Promise<{ url: string, expires: number }>>()

  constructor (private readonly api: Api) {}

  async get (room: string, id: string, renew = false): Promise<string> {
    const key = room + '/' + id
    let link = this.links.get(key)
    if (link !== undefined && !renew) {
      const known = await link.catch(() => null)
      if (known === null || known.expires - MARGIN_MS < Date.now()) link = undefined
    }
    if (link === undefined || renew) {
      link = this.api.fileLink(room, id)
      this.links.set(key, link)
      link.catch(() => { if (this.links.get(key) === link) this.links.delete(key) })
    }
    return (await link).url
  }
}
