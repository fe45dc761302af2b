import { LitElement, css, html, type PropertyValues } from 'lit'
import type { AvatarCache } from '../controllers/avatar-cache.js'

const PALETTE = ['#5b5bd6', '#d6409f', '#e5484d', '#f76b15', '#12a594', '#0090ff', '#8e4ec6', '#30a46c', '#ad7f58', '#3e63dd']

function colour (key: string): string {
  let h = 0
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0
  return PALETTE[h % PALETTE.length] ?? '#5b5bd6'
}

function initials (name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0] ?? '?']
  return letters.map(p => Array.from(p ?? '?')[0] ?? '').join('').toUpperCase()
}

/**
 * A user's avatar: their image when they set one, else their initials on a colour derived from
 * their key. Decorative: the name is always written next to it.
 * @csspart image - the picture or the initials
 */
export class LuAvatar extends LitElement {
  static override properties = {
    name: { type: String },
    userKey: { type: String, attribute: 'user-key' },
    room: { type: String },
    src: { type: String },
    avatars: { attribute: false },
    url: { state: true }
  }

  declare name: string
  declare userKey: string
  declare room: string
  /** An image to show directly (the registration preview), instead of asking the cache. */
  declare src: string | null
  declare avatars: AvatarCache | null
  declare url: string | null
  private readonly onInvalidate = (e: Event): void => {
    if ((e as CustomEvent<string>).detail === this.room) void this.load()
  }

  constructor () {
    super()
    this.name = ''
    this.userKey = ''
    this.room = ''
    this.src = null
    this.avatars = null
    this.url = null
  }

  override connectedCallback (): void {
    super.connectedCallback()
    this.avatars?.addEventListener('invalidate', this.onInvalidate)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    this.avatars?.removeEventListener('invalidate', this.onInvalidate)
  }

  protected override willUpdate (changed: PropertyValues<this>): void {
    if (changed.has('avatars')) {
      (changed.get('avatars') as AvatarCache | null | undefined)?.removeEventListener('invalidate', this.onInvalidate)
      this.avatars?.addEventListener('invalidate', this.onInvalidate)
    }
    if (changed.has('room') || changed.has('userKey') || changed.has('avatars')) void this.load()
    // Set through the CSSOM: the CSP forbids style attributes in markup.
    if (changed.has('userKey') || changed.has('name')) this.style.setProperty('--lu-avatar-bg', colour(this.userKey || this.name))
  }

  private async load (): Promise<void> {
    if (this.avatars === null || this.room === '' || this.userKey === '') { this.url = null; return }
    const key = this.userKey
    const url = await this.avatars.get(this.room, key)
    if (key === this.userKey) this.url = url
  }

  static override styles = css`
    :host { display: inline-block; width: 36px; height: 36px; flex: none; }
    .img, img {
      width: 100%; height: 100%; border-radius: 9px; display: grid; place-items: center;
      font-weight: 700; font-size: var(--lu-avatar-font, 14px); color: #fff; object-fit: cover;
      background: var(--lu-avatar-bg, #5b5bd6);
      user-select: none;
    }
  `

  override render () {
    const url = this.src ?? this.url
    if (url !== null) return html`<img part="image" src=${url} alt="">`
    return html`<div part="image" class="img" aria-hidden="true">${initials(this.name)}</div>`
  }
}

customElements.define('lu-avatar', LuAvatar)
declare global { interface HTMLElementTagNameMap { 'lu-avatar': LuAvatar } }
