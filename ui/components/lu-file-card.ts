import { LitElement, css, html, type PropertyValues } from 'lit'
import { download, fileLink } from '../files-api.js'
import { sizeOf } from '../format.js'
import type { Message } from '../types.js'
import { controls } from './shared-styles.js'
import { fileIcon } from './file-icons.js'

type Kind = 'image' | 'audio' | 'video' | 'other'

function kindOf (message: Message): Kind {
  const mime = message.file?.mime ?? ''
  if (message.type === 'audio' || mime.startsWith('audio/')) return 'audio'
  if (mime.startsWith('image/') && mime !== 'image/svg+xml') return 'image'
  if (mime.startsWith('video/')) return 'video'
  return 'other'
}

function duration (ms: number | undefined): string {
  if (ms === undefined) return ''
  const s = Math.floor(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * A file or voice message's content: an image shown inline (a link opens it full size), an
 * inline audio or video player, or a card with the name, size and a Download link. Bytes come
 * from signed /media links, fetched from peers by the local node; when a link fails (expired,
 * or no peer holding the file was online) a fresh one is tried once, then an error is shown.
 */
export class LuFileCard extends LitElement {
  static override properties = {
    message: { attribute: false },
    room: { type: String },
    url: { state: true },
    failed: { state: true },
    progress: { state: true }
  }

  declare message: Message
  declare room: string
  declare url: string | null
  declare failed: string | null
  /** Bytes received while a download runs. */
  declare progress: { loaded: number, total: number } | null
  private retried = false
  private shown = ''

  constructor () {
    super()
    this.room = ''
    this.url = null
    this.failed = null
    this.progress = null
  }

  override willUpdate (changed: PropertyValues<this>): void {
    // The log hands over a new object when a message changes (seen, position): same file.
    const key = `${this.room}/${this.message?.id ?? ''}`
    if ((changed.has('message') || changed.has('room')) && key !== this.shown) {
      this.shown = key
      this.url = null
      this.failed = null
      this.retried = false
      void this.load(false)
    }
  }

  private async load (fresh: boolean): Promise<void> {
    if (this.room === '' || this.message?.file === undefined) return
    try {
      this.url = await fileLink(this.room, this.message, fresh)
    } catch (err) {
      this.failed = (err as Error).message
    }
  }

  /** A media element could not load: retry once with a new link, then say so. */
  private readonly onMediaError = (): void => {
    if (this.retried) { this.failed = 'Could not load this file: no peer holding it seems to be online.'; return }
    this.retried = true
    void this.load(true)
  }

  static override styles = [controls, css`
    :host { display: block; margin-top: 4px; }
    img { display: block; max-width: min(360px, 100%); max-height: 280px; border-radius: var(--lu-radius); border: 1px solid var(--lu-border); background: var(--lu-bg-soft); }
    video { display: block; max-width: min(480px, 100%); max-height: 320px; border-radius: var(--lu-radius); }
    audio { display: block; width: min(360px, 100%); }
    .card { display: inline-flex; gap: 12px; align-items: center; border: 1px solid var(--lu-border); border-radius: var(--lu-radius); padding: 10px 12px; background: var(--lu-bg-soft); max-width: 100%; }
    .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 40ch; }
    .meta { color: var(--lu-text-muted); font-size: 12px; }
    .icon { color: var(--lu-accent); display: grid; }
    .row { display: flex; align-items: center; gap: 8px; margin-top: 4px; }
    .fetching { display: inline-flex; align-items: center; gap: 8px; }
    progress { width: 120px; height: 6px; accent-color: var(--lu-accent); }
    a.download { font-size: 13px; font-weight: 600; color: var(--lu-accent); text-decoration: none; border: 1px solid var(--lu-border); border-radius: 8px; padding: 5px 10px; background: var(--lu-bg); }
    a.download:hover { background: var(--lu-bg-hover); }
    .error { margin-top: 4px; }
  `]

  private async save (): Promise<void> {
    const f = this.message.file
    if (this.url === null || f === undefined || this.progress !== null) return
    this.progress = { loaded: 0, total: f.size }
    this.failed = null
    try {
      await download(this.url + '&download=true', f.name, (loaded, total) => { this.progress = { loaded, total: total || f.size } })
    } catch (err) {
      this.failed = (err as Error).message
    } finally {
      this.progress = null
    }
  }

  private downloadLink () {
    const f = this.message.file
    if (this.url === null || f === undefined) return html`<span class="meta">…</span>`
    if (this.progress !== null) {
      const { loaded, total } = this.progress
      return html`<span class="fetching"><progress max=${Math.max(1, total)} value=${loaded} aria-label=${'Downloading ' + f.name}></progress>
        <span class="meta">${sizeOf(loaded)} of ${sizeOf(total)}</span></span>`
    }
    return html`<a class="download" href=${this.url + '&download=true'} download=${f.name} aria-label=${'Download ' + f.name}
      @click=${(e: Event) => { e.preventDefault(); void this.save() }}>Download</a>`
  }

  override render () {
    const f = this.message?.file
    if (f === undefined) return ''
    const kind = kindOf(this.message)
    const label = `${f.name}, ${sizeOf(f.size)}`
    const error = this.failed !== null ? html`<div class="error" role="alert">${this.failed}</div>` : ''
    if (kind === 'image' && this.url !== null && this.failed === null) {
      return html`<a href=${this.url} target="_blank" rel="noopener noreferrer" title=${label}>
        <img src=${this.url} alt=${f.name} loading="lazy" @error=${this.onMediaError}></a>`
    }
    if ((kind === 'audio' || kind === 'video') && this.failed === null) {
      const src = this.url ?? ''
      const player = kind === 'audio'
        ? html`<audio controls preload="metadata" src=${src} aria-label=${this.message.type === 'audio' ? 'Voice message' : f.name} @error=${this.onMediaError}></audio>`
        : html`<video controls preload="metadata" src=${src} aria-label=${f.name} @error=${this.onMediaError}></video>`
      return html`${this.url !== null ? player : html`<span class="meta">loading…</span>`}
        <div class="row"><span class="meta">${this.message.type === 'audio' ? `Voice message · ${duration(f.duration)}` : label}</span>${this.downloadLink()}</div>`
    }
    return html`<div class="card">
        <span class="icon">${fileIcon}</span>
        <div><div class="name" title=${f.name}>${f.name}</div><div class="meta">${sizeOf(f.size)} · ${f.mime}</div></div>
        ${this.downloadLink()}
      </div>${error}`
  }
}

customElements.define('lu-file-card', LuFileCard)
declare global { interface HTMLElementTagNameMap { 'lu-file-card': LuFileCard } }
