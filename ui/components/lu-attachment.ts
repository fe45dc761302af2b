import { LitElement, css, html } from 'lit'
import { uploadFile, type Upload } from '../files-api.js'
import { sizeOf } from '../format.js'
import type { Message } from '../types.js'
import { controls } from './shared-styles.js'
import { cross, paperclip } from './file-icons.js'

interface Pending { id: number, name: string, size: number, loaded: number, upload: Upload, error: string | null }

let nextId = 0

/**
 * Attaching files to the room: a button "Attach a file", dropping files anywhere on the page,
 * or pasting them (a screenshot) while the page has focus. Each upload shows a progress bar
 * with a Cancel button; a failed one shows why until dismissed.
 * @fires lu-file-sent - detail: the posted Message, once an upload is done
 */
export class LuAttachment extends LitElement {
  static override properties = {
    room: { type: String },
    pending: { state: true },
    dragging: { state: true }
  }

  declare room: string
  declare pending: Pending[]
  declare dragging: boolean

  constructor () {
    super()
    this.room = ''
    this.pending = []
    this.dragging = false
  }

  override connectedCallback (): void {
    super.connectedCallback()
    window.addEventListener('dragover', this.onDragOver)
    window.addEventListener('dragleave', this.onDragLeave)
    window.addEventListener('drop', this.onDrop)
    window.addEventListener('paste', this.onPaste)
  }

  override disconnectedCallback (): void {
    window.removeEventListener('dragover', this.onDragOver)
    window.removeEventListener('dragleave', this.onDragLeave)
    window.removeEventListener('drop', this.onDrop)
    window.removeEventListener('paste', this.onPaste)
    super.disconnectedCallback()
  }

  /** Uploads files to the room, each with its own progress bar. */
  send (files: Iterable<File>): void {
    if (this.room === '') return
    for (const file of files) {
      const id = nextId++
      const upload = uploadFile(this.room, file, (loaded) => this.patch(id, { loaded }))
      this.pending = [...this.pending, { id, name: file.name || 'pasted', size: file.size, loaded: 0, upload, error: null }]
      upload.done.then((message: Message) => {
        this.pending = this.pending.filter(p => p.id !== id)
        this.dispatchEvent(new CustomEvent<Message>('lu-file-sent', { detail: message, bubbles: true, composed: true }))
      }, (err: Error) => this.patch(id, { error: err.message }))
    }
  }

  private patch (id: number, change: Partial<Pending>): void {
    this.pending = this.pending.map(p => p.id === id ? { ...p, ...change } : p)
  }

  private hasFiles (e: DragEvent): boolean {
    return e.dataTransfer?.types.includes('Files') === true
  }

  private readonly onDragOver = (e: DragEvent): void => {
    if (!this.hasFiles(e) || this.room === '') return
    e.preventDefault()
    if (e.dataTransfer !== null) e.dataTransfer.dropEffect = 'copy'
    this.dragging = true
  }

  private readonly onDragLeave = (e: DragEvent): void => {
    if (e.relatedTarget === null) this.dragging = false
  }

  private readonly onDrop = (e: DragEvent): void => {
    this.dragging = false
    if (!this.hasFiles(e) || this.room === '') return
    e.preventDefault()
    this.send(e.dataTransfer?.files ?? [])
  }

  private readonly onPaste = (e: ClipboardEvent): void => {
    const files = [...(e.clipboardData?.files ?? [])]
    if (files.length === 0 || this.room === '') return
    e.preventDefault()
    this.send(files)
  }

  private onPick (e: Event): void {
    const input = e.target as HTMLInputElement
    this.send([...(input.files ?? [])])
    input.value = ''
  }

  static override styles = [controls, css`
    :host { position: relative; display: inline-flex; }
    button.icon { display: inline-grid; place-items: center; }
    .uploads { position: absolute; left: 0; width: min(420px, 70vw); bottom: calc(100% + 12px); display: flex; flex-direction: column; gap: 6px; padding-bottom: 6px; pointer-events: none; }
    .upload { pointer-events: auto; display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 4px 10px; align-items: center; background: var(--lu-bg); border: 1px solid var(--lu-border); border-radius: var(--lu-radius); padding: 8px 10px; box-shadow: var(--lu-shadow); font-size: 13px; }
    .upload .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    progress { grid-column: 1 / -1; width: 100%; height: 6px; accent-color: var(--lu-accent); }
    .drop { position: fixed; inset: 0; z-index: 10; display: grid; place-items: center; background: rgb(91 91 214 / 14%); border: 3px dashed var(--lu-accent); font-size: 20px; font-weight: 700; color: var(--lu-accent-strong); pointer-events: none; }
  `]

  override render () {
    return html`
      <button type="button" class="icon" aria-label="Attach a file" title="Attach a file (or drop / paste it)"
        @click=${() => this.renderRoot.querySelector('input')?.click()}>${paperclip}</button>
      <input type="file" multiple hidden aria-hidden="true" tabindex="-1" @change=${this.onPick}>
      ${this.dragging ? html`<div class="drop">Drop to send to this room</div>` : ''}
      ${this.pending.length > 0
        ? html`<div class="uploads" role="status" aria-label="Uploads">${this.pending.map(p => html`
          <div class="upload">
            <span class="name">${p.name} · ${p.error ?? `${sizeOf(p.loaded)} of ${sizeOf(p.size)}`}</span>
            ${p.error === null
              ? html`<button type="button" class="icon" aria-label=${'Cancel upload of ' + p.name} @click=${() => p.upload.abort()}>${cross}</button>`
              : html`<button type="button" class="icon" aria-label="Dismiss" @click=${() => { this.pending = this.pending.filter(x => x.id !== p.id) }}>${cross}</button>`}
            ${p.error === null ? html`<progress max=${Math.max(1, p.size)} value=${p.loaded} aria-label=${'Uploading ' + p.name}></progress>` : ''}
          </div>`)}</div>`
        : ''}`
  }
}

customElements.define('lu-attachment', LuAttachment)
declare global { interface HTMLElementTagNameMap { 'lu-attachment': LuAttachment } }
