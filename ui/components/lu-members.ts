import { LitElement, css, html, type PropertyValues } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { AppStore } from '../store.js'
import type { Member, StreamEvent } from '../types.js'
import './lu-avatar.js'

/**
 * The member list of a room (a complementary landmark named "Members"): avatar, name, owner
 * badge and whether they are online. Reloaded only when what it shows can have changed: on a
 * profile event (names, avatars, a new member's profile), and on a status event whose peer
 * count differs from the last one or exceeds the members shown online (a peer's presence shows
 * once its clock has arrived, which can be a status or two after it connected). Most status
 * events (sync progress, signing) change neither, and load nothing.
 */
export class LuMembers extends LitElement {
  static override properties = {
    store: { attribute: false },
    room: { type: String },
    members: { state: true }
  }

  declare store: AppStore
  declare room: string
  declare members: Member[]
  private timer: ReturnType<typeof setTimeout> | undefined
  /** The peer count of the last status seen, to tell presence changes from the rest. */
  private peers: number | null = null
  private generation = 0
  private readonly onEvent = (e: Event): void => {
    const ev = (e as CustomEvent<StreamEvent>).detail
    if (ev.type === 'profile' && ev.room === this.room) this.schedule()
    if (ev.type === 'status' && ev.room === this.room) {
      const stale = ev.status.peers !== this.peers || this.onlineOthers() < ev.status.peers
      this.peers = ev.status.peers
      if (stale) this.schedule()
    }
  }

  constructor () {
    super()
    this.room = ''
    this.members = []
  }

  override connectedCallback (): void {
    super.connectedCallback()
    this.store.addEventListener('room-event', this.onEvent)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    this.store.removeEventListener('room-event', this.onEvent)
    clearTimeout(this.timer)
  }

  protected override willUpdate (changed: PropertyValues<this>): void {
    if (changed.has('room')) {
      this.peers = this.store.rooms.find(r => r.summary.id === this.room)?.summary.status.peers ?? null
      void this.load()
    }
  }

  private get mine (): string | undefined {
    return this.store.rooms.find(r => r.summary.id === this.room)?.summary.writerKey
  }

  private onlineOthers (): number {
    const mine = this.mine
    return this.members.filter(m => m.online && m.key !== mine).length
  }

  private schedule (): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => { void this.load() }, 300)
  }

  private async load (): Promise<void> {
    // Loads may overlap; only the newest may write, or a slow older answer (from before a
    // member's profile arrived, say) would stand until the next profile event.
    const gen = ++this.generation
    try {
      const members = await this.store.api.members(this.room)
      if (gen !== this.generation) return
      // Owner first, then online before offline, then by name.
      this.members = members.sort((a, b) => Number(b.role === 'owner') - Number(a.role === 'owner') ||
        Number(b.online) - Number(a.online) || (a.name ?? '').localeCompare(b.name ?? ''))
    } catch (err) {
      console.warn('members', err)
    }
  }

  static override styles = css`
    *, *::before, *::after { box-sizing: border-box; }
    :host { display: block; width: 256px; border-left: 1px solid var(--lu-border); background: var(--lu-bg-soft); overflow-y: auto; }
    h2 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--lu-text-muted); margin: 16px 16px 8px; }
    ul { list-style: none; margin: 0; padding: 0 8px 16px; }
    li { display: flex; align-items: center; gap: 10px; padding: 6px 8px; border-radius: 8px; }
    li.offline { opacity: 0.55; }
    .who { position: relative; }
    lu-avatar { width: 32px; height: 32px; --lu-avatar-font: 12px; }
    .dot { position: absolute; right: -2px; bottom: -2px; width: 11px; height: 11px; border-radius: 50%; border: 2px solid var(--lu-bg-soft); background: var(--lu-text-muted); }
    .dot.on { background: var(--lu-ok); }
    .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 14px; font-weight: 600; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .name small { font-weight: 500; color: var(--lu-text-muted); }
    .badge { font-size: 10.5px; font-weight: 700; color: var(--lu-accent); background: var(--lu-accent-soft); border-radius: 5px; padding: 1px 6px; }
  `

  override render () {
    const mine = this.mine
    return html`
      <aside aria-label="Members">
        <h2>Members — ${this.members.length}</h2>
        <ul>
          ${repeat(this.members, m => m.key, m => {
            const name = m.name ?? 'peer-' + m.key.slice(0, 6)
            const online = m.online || m.key === mine
            return html`<li class=${online ? '' : 'offline'}>
              <span class="who"><lu-avatar name=${name} user-key=${m.key} room=${this.room} .avatars=${this.store.avatars}></lu-avatar>
                <span class="dot ${online ? 'on' : ''}" aria-hidden="true"></span></span>
              <span class="name">${name}${m.key === mine ? html` <small>you</small>` : ''}</span>
              ${m.role === 'owner' ? html`<span class="badge">owner</span>` : ''}
              <span class="sr-only">${online ? 'online' : 'offline'}</span>
            </li>`
          })}
        </ul>
      </aside>`
  }
}

customElements.define('lu-members', LuMembers)
declare global { interface HTMLElementTagNameMap { 'lu-members': LuMembers } }
