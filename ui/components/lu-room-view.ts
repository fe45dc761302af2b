import { LitElement, css, html, nothing } from 'lit'
import { StoreController } from '../controllers/store-controller.js'
import { Uploads } from '../controllers/uploads.js'
import { parseInput } from '../commands.js'
import { runCommand } from '../run-command.js'
import type { AppStore, RoomState } from '../store.js'
import type { Message, StreamEvent } from '../types.js'
import { controls } from './shared-styles.js'
import type { Notice } from './lu-notice.js'
import type { LuMessageLog } from './lu-message-log.js'
import type { LuComposer } from './lu-composer.js'
import './lu-message-log.js'
import './lu-composer.js'
import './lu-reply-preview.js'
import './lu-room-header.js'
import type { RoomPanel } from './lu-room-header.js'
import './lu-notice.js'
import './lu-members.js'
import './lu-invites.js'
import type { LuInvites } from './lu-invites.js'
import { nameText, shownAuthor } from '../identity.js'
import './lu-seeders.js'

/** The main column: the active room's header and status, its message log and the composer. */
export class LuRoomView extends LitElement {
  static override properties = {
    store: { attribute: false },
    notice: { state: true },
    showMembers: { state: true },
    showSeeders: { state: true },
    dragging: { state: true },
    replyTo: { state: true }
  }

  declare store: AppStore
  declare notice: Notice | null
  declare showMembers: boolean
  declare showSeeders: boolean
  declare dragging: boolean
  /** The message the next one answers (the reply preview above the composer), or null. */
  declare replyTo: Message | null
  private ctl: StoreController | undefined
  private readonly onMembers = (): void => { this.requestUpdate() }
  private shownRoom: string | null = null
  private readonly uploads = new Uploads(() => { this.requestUpdate() }, {
    send: (room, file, progress) => this.store.api.upload(room, file, file.name, progress),
    sent: (room, message) => { if (this.store.active === room) this.log?.addOwn(message) },
    error: (text) => { this.notice = { kind: 'error', text } }
  })

  constructor () {
    super()
    this.notice = null
    this.showMembers = true
    this.showSeeders = false
    this.dragging = false
    this.replyTo = null
  }

  override connectedCallback (): void {
    this.ctl ??= new StoreController(this, this.store)
    super.connectedCallback()
    this.store.addEventListener('room-event', this.onRemoved)
    this.store.directory.addEventListener('change', this.onMembers)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    this.store.removeEventListener('room-event', this.onRemoved)
    this.store.directory.removeEventListener('change', this.onMembers)
  }

  protected override willUpdate (): void {
    if (this.store.active !== this.shownRoom) {
      // Switching rooms drops the last room's notice (an invite is for one room only) and reply.
      this.notice = null
      this.replyTo = null
      this.shownRoom = this.store.active
    }
  }

  private get composer (): LuComposer | null {
    return this.renderRoot.querySelector<LuComposer>('lu-composer')
  }

  /** Whom `@` offers in the composer: the room's members but this user, by the names they gave. */
  private mentionable (): Array<{ key: string, name: string }> {
    const room = this.store.room?.summary
    if (room === undefined) return []
    return this.store.directory.members(room.id).filter(m => m.key !== room.identityKey)
      .map(m => ({ key: m.key, name: m.name ?? 'peer-' + m.key.slice(0, 6) }))
  }

  private readonly onReply = (e: Event): void => {
    this.replyTo = (e as CustomEvent<{ message: Message }>).detail.message
    this.composer?.focus()
  }

  /** Handles what the composer sends: a ~command, or a message to the active room. */
  private readonly submit = async (text: string, extra: { mentions: string[] } = { mentions: [] }): Promise<boolean> => {
    const parsed = parseInput(text)
    const room = this.store.active
    const replyTo = this.replyTo
    try {
      switch (parsed.kind) {
        case 'empty': return false
        case 'error': this.notice = { kind: 'error', text: parsed.message }; return false
        case 'command': {
          const notice = await runCommand(this.store, room, parsed.command)
          this.notice = notice
          this.shownRoom = this.store.active
          // A room the command opened is rendered (and handed to the composer) before it hears back.
          await this.updateComplete
          return true
        }
        case 'message': {
          if (room === null) { this.notice = { kind: 'error', text: 'Create or join a room first (~create <name>).' }; return false }
          const message = await this.store.api.send(room, parsed.text, {
            ...(replyTo !== null && replyTo !== undefined ? { replyTo: replyTo.id } : {}),
            mentions: extra.mentions
          })
          if (this.replyTo?.id === replyTo?.id) this.replyTo = null
          this.log?.addOwn(message)
          if (this.notice?.kind === 'error') this.notice = null
          return true
        }
      }
    } catch (err) {
      this.notice = { kind: 'error', text: (err as Error).message }
      return false
    }
  }

  private get log (): LuMessageLog | null {
    return this.renderRoot.querySelector<LuMessageLog>('lu-message-log')
  }

  /** Uploads files one after another, each as a message, showing how far each has got. */
  private readonly attach = (files: File[]): void => {
    const room = this.store.active
    if (room === null) { this.notice = { kind: 'error', text: 'Open a room first, then share files there.' }; return }
    this.uploads.add(room, files)
  }

  private readonly record = async (recording: Blob, durationMs: number): Promise<boolean> => {
    const room = this.store.active
    if (room === null) return false
    try {
      const message = await this.store.api.sendAudio(room, recording, durationMs)
      this.log?.addOwn(message)
      return true
    } catch (err) {
      this.notice = { kind: 'error', text: 'The voice message was not sent: ' + (err as Error).message }
      return false
    }
  }

  private onDrag (e: DragEvent): void {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return
    e.preventDefault()
    this.dragging = e.type !== 'dragleave'
  }

  private onDrop (e: DragEvent): void {
    const files = [...(e.dataTransfer?.files ?? [])]
    if (files.length === 0) return
    e.preventDefault()
    this.dragging = false
    this.attach(files)
  }

  static override styles = [controls, css`
    :host { display: flex; flex-direction: column; min-width: 0; min-height: 0; height: 100%; background: var(--lu-bg); }
    lu-message-log { flex: 1; }
    .body { flex: 1; display: flex; min-height: 0; }
    .main { flex: 1; display: flex; flex-direction: column; min-width: 0; min-height: 0; position: relative; }
    .main.dragging::after { content: "Drop to share in this room"; position: absolute; inset: 8px; display: grid; place-items: center;
      border: 2px dashed var(--lu-accent); border-radius: 14px; background: color-mix(in srgb, var(--lu-accent-soft) 85%, transparent);
      color: var(--lu-accent); font-weight: 700; font-size: 18px; pointer-events: none; }
    .typing { min-height: 18px; margin: -4px 22px 2px; font-size: 12px; color: var(--lu-text-muted); font-style: italic; }
    .uploads { display: grid; gap: 6px; margin: 0 20px 8px; }
    .upload { display: grid; grid-template-columns: minmax(0, 1fr) 160px 40px; align-items: center; gap: 10px; font-size: 13px; color: var(--lu-text-muted); }
    .upload span:first-child { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .upload progress { width: 100%; }
    @media (max-width: 1000px) { lu-members, lu-seeders { display: none; } }
    .banner { margin: 10px 20px 0; padding: 10px 14px; border-radius: var(--lu-radius); background: var(--lu-danger-soft); color: var(--lu-danger); font-size: 14px; }
    .empty { flex: 1; display: grid; place-items: center; text-align: center; padding: 40px; color: var(--lu-text-muted); }
    .empty h2 { color: var(--lu-text); margin: 0 0 8px; }
    .empty p { margin: 4px 0; }
    code { font-family: var(--lu-mono); background: var(--lu-code-bg); border: 1px solid var(--lu-border); border-radius: 5px; padding: 1px 5px; }
  `]

  /** The header, then why this room is read-only, if it is. */
  private renderHeader (r: RoomState | undefined) {
    return html`
      <lu-room-header .store=${this.store} ?showMembers=${this.showMembers} ?showSeeders=${this.showSeeders}
        @lu-toggle-panel=${(e: CustomEvent<RoomPanel>) => { if (e.detail === 'members') this.showMembers = !this.showMembers; else this.showSeeders = !this.showSeeders }}
        @lu-show-invites=${() => { void this.renderRoot.querySelector<LuInvites>('lu-invites')?.show() }}
        @lu-notice=${(e: CustomEvent<Notice>) => { this.notice = e.detail }}></lu-room-header>
      ${r !== undefined && r.summary.removed ? this.renderRemoved(r) : nothing}
      ${r !== undefined && r.summary.interrupted !== null
        ? html`<div class="banner" role="alert"><strong>Update LinkUp to keep reading this room.</strong> ${r.summary.interrupted}</div>`
        : nothing}`
  }

  /** "bob is typing…" under the log: announced politely, never a landmark of its own. */
  private renderTyping (room: string) {
    const names = this.store.typists(room).map(t => t.name)
    const text = names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : 'Several people are typing…'
    return html`<div class="typing" aria-live="polite">${text}</div>`
  }

  // The room stays in the list, read-only, so the person sees what happened to it.
  private renderRemoved (r: RoomState) {
    const by = this.removedBy.get(r.summary.id)
    const who = by === undefined || by === null ? 'an admin' : nameText(this.store.directory.member(r.summary.id, by) ?? { key: by, name: null })
    return html`<div class="banner" role="alert"><strong>You were removed from this room</strong> by ${who}. What you already had stays on
      this device; nothing new reaches you, and you cannot write here. Type <code>~leave</code> to take it off your list.</div>`
  }

  /** Who removed this user from a room, as the node said ('removed' events). */
  private readonly removedBy = new Map<string, string | null>()
  private readonly onRemoved = (e: Event): void => {
    const ev = (e as CustomEvent<StreamEvent>).detail
    if (ev.type === 'removed') { this.removedBy.set(ev.room, ev.by); this.requestUpdate() }
  }

  private renderUploads () {
    const uploads = this.uploads.entries
    if (uploads.length === 0) return nothing
    return html`<div class="uploads">${uploads.map(u => html`<div class="upload">
      <span>Uploading ${u.file.name}</span>
      <progress max=${Math.max(1, u.total)} .value=${u.sent} aria-label="Uploading ${u.file.name}"></progress>
      <span>${u.total > 0 ? Math.floor(u.sent / u.total * 100) : 0}%</span></div>`)}</div>`
  }

  // One template whatever the state: the composer is the same element with no room open and in
  // every room, so what is being typed survives a room opening (and each room keeps its draft).
  override render () {
    const s = this.store
    const r = s.room
    const empty = html`<div class="empty"><div><h2>No room open</h2>
      <p>Create a room with <b>+ New room</b>, or join one with an invite someone sent you.</p>
      <p>You can also type <code>~create team</code> or <code>~join linkup:…</code> below.</p></div></div>`
    return html`
      ${this.renderHeader(r)}
      <div class="body">
        <div class="main ${this.dragging ? 'dragging' : ''}" @dragover=${this.onDrag} @dragenter=${this.onDrag}
          @dragleave=${this.onDrag} @drop=${this.onDrop}>
          ${r === undefined
            ? empty
            : html`<lu-message-log .store=${s} room=${r.summary.id}
                ?canModerate=${r.summary.role === 'owner' || r.summary.role === 'admin'}
                @lu-reply=${this.onReply} @lu-error=${(e: CustomEvent<string>) => { this.notice = { kind: 'error', text: e.detail } }}
                @lu-edit-done=${() => this.composer?.focus()}></lu-message-log>`}
          ${r !== undefined ? this.renderTyping(r.summary.id) : nothing}
          ${this.notice !== null ? html`<lu-notice .notice=${this.notice} @lu-dismiss=${() => { this.notice = null }}></lu-notice>` : nothing}
          ${this.renderUploads()}
          ${this.replyTo !== null ? html`<lu-reply-preview .message=${this.replyTo} .author=${shownAuthor(this.replyTo.author, r === undefined ? undefined : this.store.directory.member(r.summary.id, this.replyTo.author.key))} @lu-cancel-reply=${() => { this.replyTo = null; this.composer?.focus() }}></lu-reply-preview>` : nothing}
          <lu-composer @input=${(e: Event) => { if (r !== undefined && isMessageText(e)) this.store.typing(r.summary.id) }} .room=${r?.summary.id ?? null} .submit=${this.submit} .attach=${this.attach} .record=${this.record}
            .members=${this.mentionable()} @lu-edit-last=${() => { this.log?.editLast() }}
            @lu-error=${(e: CustomEvent<string>) => { this.notice = { kind: 'error', text: e.detail } }}
            placeholder=${r !== undefined ? `Message # ${r.summary.alias}` : 'Type ~create <name> to start a room'}></lu-composer>
        </div>
        ${r !== undefined && this.showMembers ? html`<lu-members .store=${s} room=${r.summary.id}></lu-members>` : nothing}
        ${r !== undefined && this.showSeeders ? html`<lu-seeders .store=${s} room=${r.summary.id}></lu-seeders>` : nothing}
      </div>
      ${r !== undefined ? html`<lu-invites .store=${s} room=${r.summary.id}></lu-invites>` : nothing}`
  }
}

customElements.define('lu-room-view', LuRoomView)
declare global { interface HTMLElementTagNameMap { 'lu-room-view': LuRoomView } }

/** Whether an input event left the composer holding a message, so its user is typing one: not
 * a `~` command (it posts nothing to the room) and not an emptied box. */
function isMessageText (e: Event): boolean {
  const field = e.composedPath()[0]
  const text = field instanceof HTMLTextAreaElement ? field.value : ''
  return text !== '' && !text.startsWith('~')
}
