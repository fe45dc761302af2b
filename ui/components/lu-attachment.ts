import { LitElement, css, html, nothing } from 'lit'
import type { AppStore } from '../store.js'
import type { Message, StreamEvent } from '../types.js'
import { sizeOf } from '../format.js'

const IMAGE = /^image\/(png|jpeg|gif|webp|avif|bmp)$/
const VIDEO = /^video\//

function duration (ms: number | undefined): string {
  if (ms === undefined) return ''
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * A file or voice message's content: an image, an audio or video player, or a card to download
 * it. Media load through a signed same-origin link (ui/controllers/file-links.ts), so they stream
 * and seek; while this node fetches the bytes from a peer, a progress bar shows how far it got.
 */
export class LuAttachment extends LitElement {
  static override properties = {
    store: { attribute: false },
    room: { type: String },
    message: { attribute: false },
    url: { state: true },
    failed: { state: true },
    progress: { state: true }
  }

  declare store: AppStore
  declare room: string
  declare message: Message
  declare url: string | null
  declare failed: string | null
  declare progress: number | null
  private retried = false
  private readonly onEvent = (e: Event): void => {
    const ev = (e as CustomEvent<StreamEvent>).detail
    if (ev.type === 'download-progress' && ev.room === this.room && ev.id === this.message.id) {
      this.progress = ev.total > 0 && ev.bytes < ev.total ? ev.bytes / ev.total : null
    }
  }

  constructor () {
    super()
    this.room = ''
    this.url = null
    this.failed = null
    this.progress = null
  }

  override connectedCallback (): void {
    super.connectedCallback()
    this.store.addEventListener('room-event', this.onEvent)
    void this.load(false)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    this.store.removeEventListener('room-event', this.onEvent)
  }

  private async load (renew: boolean): Promise<void> {
    try {
      this.url = await this.store.links.get(this.room, this.message.id, renew)
      this.failed = null
    } catch (err) {
      this.failed = (err as Error).message
    }
  }

  /** A media element failed: the link may have expired, or no peer had the bytes yet. */
  private onError (): void {
    if (this.retried) { this.failed = 'Not available right now: nobody online has this file.'; return }
    this.retried = true
    void this.load(true)
  }

  static override styles = css`
    *, *::before, *::after { box-sizing: border-box; }
    :host { display: block; margin-top: 4px; max-width: min(100%, 420px); }
    /* Fixed heights: the row has its final size before the bytes arrive, so the log does not
       jump (and stays pinned to the bottom) when a picture or video loads. */
    img { display: block; height: 220px; width: auto; max-width: 100%; object-fit: contain; border-radius: 10px; border: 1px solid var(--lu-border); background: var(--lu-bg-soft); }
    video { display: block; height: 240px; width: auto; max-width: 100%; border-radius: 10px; background: #000; }
    audio { display: block; width: 100%; max-width: 360px; height: 40px; }
    .card { display: flex; align-items: center; gap: 12px; border: 1px solid var(--lu-border); border-radius: 10px; padding: 10px 12px; background: var(--lu-bg-soft); }
    .icon { width: 36px; height: 36px; border-radius: 8px; display: grid; place-items: center; background: var(--lu-accent-soft); color: var(--lu-accent); font-weight: 800; font-size: 11px; flex: none; }
    .meta { flex: 1; min-width: 0; }
    .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    small { color: var(--lu-text-muted); }
    a.download { color: var(--lu-accent); font-weight: 600; text-decoration: none; font-size: 13px; }
    a.download:hover { text-decoration: underline; }
    progress { width: 100%; height: 4px; margin-top: 4px; }
    .failed { color: var(--lu-text-muted); font-size: 13px; font-style: italic; }
  `

  private card (url: string | null) {
    const f = this.message.file
    const ext = (f?.name.split('.').pop() ?? '').slice(0, 4).toUpperCase()
    return html`<div class="card">
      <span class="icon" aria-hidden="true">${this.message.type === 'audio' ? '♪' : ext !== '' ? ext : 'FILE'}</span>
      <span class="meta"><div class="name">${f?.name ?? 'file'}</div><small>${f !== undefined ? sizeOf(f.size) : ''}</small></span>
      ${url !== null ? html`<a class="download" href=${url + '&download=true'} download=${f?.name ?? 'file'}>Download</a>` : nothing}
    </div>`
  }

  override render () {
    const f = this.message.file
    if (f === undefined) return nothing
    const url = this.url
    const bar = this.progress !== null ? html`<progress max="1" .value=${this.progress} aria-label="Fetching ${f.name}"></progress>` : nothing
    const failed = this.failed !== null ? html`<div class="failed">${this.failed}</div>` : nothing
    if (url === null) return html`${this.card(null)}${failed}`
    if (this.message.type === 'audio' || f.mime.startsWith('audio/')) {
      return html`<audio controls preload="metadata" src=${url} aria-label="Voice message ${duration(f.duration)}" @error=${this.onError}></audio>
        <small>${this.message.type === 'audio' ? `Voice message · ${duration(f.duration)}` : f.name}</small>${bar}${failed}`
    }
    if (IMAGE.test(f.mime) && this.failed === null) {
      return html`<a href=${url} target="_blank" rel="noopener noreferrer"><img src=${url} alt=${f.name} loading="lazy" @error=${this.onError}></a>${bar}`
    }
    if (VIDEO.test(f.mime) && this.failed === null) {
      return html`<video controls preload="metadata" src=${url} aria-label=${f.name} @error=${this.onError}></video>${bar}`
    }
    return html`${this.card(url)}${bar}${failed}`
  }
}

customElements.define('lu-attachment', LuAttachment)
declare global { interface HTMLElementTagNameMap { 'lu-attachment': LuAttachment } }
