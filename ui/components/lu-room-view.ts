import { LitElement, css, html } from 'lit'
import { StoreController } from '../controllers/store-controller.js'
import { parseInput } from '../commands.js'
import { runCommand } from '../run-command.js'
import type { AppStore } from '../store.js'
import { controls } from './shared-styles.js'
import type { Notice } from './lu-notice.js'
import type { LuMessageLog } from './lu-message-log.js'
import './lu-message-log.js'
import './lu-composer.js'
import './lu-status.js'
import './lu-notice.js'

/** The main column: the active room's header and status, its message log and the composer. */
export class LuRoomView extends LitElement {
  static override properties = {
    store: { attribute: false },
    notice: { state: true }
  }

  declare store: AppStore
  declare notice: Notice | null
  private ctl: StoreController | undefined
  private shownRoom: string | null = null

  constructor () {
    super()
    this.notice = null
  }

  override connectedCallback (): void {
    this.ctl ??= new StoreController(this, this.store)
    super.connectedCallback()
  }

  protected override willUpdate (): void {
    if (this.store.active !== this.shownRoom) {
      // Switching rooms drops the last room's notice (an invite is for one room only).
      this.notice = null
      this.shownRoom = this.store.active
    }
  }

  /** Handles what the composer sends: a ~command, or a message to the active room. */
  private readonly submit = async (text: string): Promise<boolean> => {
    const parsed = parseInput(text)
    const room = this.store.active
    try {
      switch (parsed.kind) {
        case 'empty': return false
        case 'error': this.notice = { kind: 'error', text: parsed.message }; return false
        case 'command': {
          const notice = await runCommand(this.store, room, parsed.command)
          this.notice = notice
          this.shownRoom = this.store.active
          return true
        }
        case 'message': {
          if (room === null) { this.notice = { kind: 'error', text: 'Create or join a room first (~create <name>).' }; return false }
          const message = await this.store.api.send(room, parsed.text)
          this.renderRoot.querySelector<LuMessageLog>('lu-message-log')?.addOwn(message)
          if (this.notice?.kind === 'error') this.notice = null
          return true
        }
      }
    } catch (err) {
      this.notice = { kind: 'error', text: (err as Error).message }
      return false
    }
  }

  private async invite (): Promise<void> {
    const room = this.store.active
    if (room === null) return
    try {
      const text = await this.store.api.createInvite(room)
      const copied = await navigator.clipboard.writeText(text).then(() => true, () => false)
      this.notice = { kind: 'invite', text, copied }
    } catch (err) {
      this.notice = { kind: 'error', text: (err as Error).message }
    }
  }

  static override styles = [controls, css`
    :host { display: flex; flex-direction: column; min-width: 0; min-height: 0; height: 100%; background: var(--lu-bg); }
    header { display: flex; align-items: center; gap: 14px; padding: 12px 20px; border-bottom: 1px solid var(--lu-border); min-height: 60px; }
    .title { display: flex; flex-direction: column; min-width: 0; flex: 1; }
    h1 { margin: 0; font-size: 17px; font-weight: 800; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    h1 span { color: var(--lu-text-muted); font-weight: 600; margin-right: 2px; }
    lu-message-log { flex: 1; }
    .empty { flex: 1; display: grid; place-items: center; text-align: center; padding: 40px; color: var(--lu-text-muted); }
    .empty h2 { color: var(--lu-text); margin: 0 0 8px; }
    .empty p { margin: 4px 0; }
    code { font-family: var(--lu-mono); background: var(--lu-code-bg); border: 1px solid var(--lu-border); border-radius: 5px; padding: 1px 5px; }
  `]

  override render () {
    const s = this.store
    const r = s.room
    const notice = this.notice !== null
      ? html`<lu-notice .notice=${this.notice} @lu-dismiss=${() => { this.notice = null }}></lu-notice>`
      : ''
    const composer = html`<lu-composer .submit=${this.submit} placeholder=${r !== undefined ? `Message # ${r.summary.alias}` : 'Type ~create <name> to start a room'}></lu-composer>`
    if (r === undefined) {
      return html`
        <header><div class="title"><h1>Welcome${s.profile != null ? `, ${s.profile.name}` : ''}</h1>
          <lu-status .link=${s.link} .status=${undefined}></lu-status></div></header>
        <div class="empty"><div><h2>No room open</h2>
          <p>Create a room with <b>+ New room</b>, or join one with an invite someone sent you.</p>
          <p>You can also type <code>~create team</code> or <code>~join linkup:…</code> below.</p></div></div>
        ${notice}${composer}`
    }
    return html`
      <header>
        <div class="title">
          <h1><span aria-hidden="true">#</span>${r.summary.alias}</h1>
          <lu-status .link=${s.link} .status=${r.summary.status}></lu-status>
        </div>
        <button type="button" class="ghost" @click=${() => { void this.invite() }}>Copy invite</button>
      </header>
      <lu-message-log .store=${s} room=${r.summary.id}></lu-message-log>
      ${notice}${composer}`
  }
}

customElements.define('lu-room-view', LuRoomView)
declare global { interface HTMLElementTagNameMap { 'lu-room-view': LuRoomView } }
