import { LitElement, css, html, nothing } from 'lit'
import { markdown } from '../markdown.js'
import { withMentions } from '../mention-html.js'
import { firstLine } from '../quote.js'
import type { AvatarCache } from '../controllers/avatar-cache.js'
import type { Message } from '../types.js'
import type { AppStore } from '../store.js'
import { markdownStyles } from './markdown-styles.js'
import type { MessageAction } from './lu-message-actions.js'
import { nameStyles, nameTemplate, nameText, shownAuthor, type Shown } from '../identity.js'
import './lu-avatar.js'
import './lu-attachment.js'
import './lu-time.js'
import './lu-message-actions.js'
import './lu-reactions.js'
import './lu-emoji-picker.js'
import './lu-message-editor.js'

type Detail = { message: Message } & Record<string, unknown>

/**
 * One message: an article with the author's avatar and name, the time, and the text rendered
 * from Markdown and sanitised (ui/markdown.ts). A message that follows one by the same author
 * within a few minutes is grouped: no avatar, the name kept for screen readers only.
 *
 * A reply shows its original's author and first line above it (a button that jumps there); an
 * edited message says "edited"; a deleted one is a tombstone ("message deleted"). Mentions of
 * members are highlighted, and the whole message when it mentions this user. On hover or focus
 * it shows its actions (lu-message-actions); reactions show as chips (lu-reactions).
 *
 * @fires lu-reply - { message }: answer it
 * @fires lu-edit - { message }: start editing it (the log decides which message is edited)
 * @fires lu-edit-save - { message, text } / lu-edit-cancel - { message }
 * @fires lu-delete - { message }: asked to delete it (the log confirms first)
 * @fires lu-react - { message, emoji, on }
 * @fires lu-jump - { id }: show the original of this reply
 */
export class LuMessage extends LitElement {
  static override properties = {
    message: { attribute: false },
    room: { type: String },
    avatars: { attribute: false },
    store: { attribute: false },
    grouped: { type: Boolean, reflect: true },
    own: { type: Boolean },
    day: { type: String },
    me: { type: String },
    canModerate: { type: Boolean },
    names: { attribute: false },
    quote: { attribute: false },
    editing: { type: Boolean },
    picking: { state: true },
    author: { attribute: false }
  }

  /** Whether the emoji picker opens above the message (it is in the lower half of the window). */
  private pickUp = false

  declare message: Message
  declare room: string
  declare avatars: AvatarCache | null
  /** For file messages: signed links and download progress. */
  declare store: AppStore | null
  declare grouped: boolean
  declare own: boolean
  /** A day heading to show above this message ("Today"), when it starts a new day. */
  declare day: string | null
  /** This user's writer key in the room. */
  declare me: string
  /** Whether this user may delete anyone's message (the room's owner or an admin). */
  declare canModerate: boolean
  /** A member key to the name shown (reactions, mentions). */
  declare names: (key: string) => string
  /** The message this one replies to: a Message, 'missing' when the room no longer shows it, null while unknown. */
  declare quote: Message | 'missing' | null
  declare editing: boolean
  declare picking: boolean
  /** How to show the author (ui/identity.ts): the member list's entry for them, when known. */
  declare author: Shown | null

  constructor () {
    super()
    this.room = ''
    this.avatars = null
    this.store = null
    this.grouped = false
    this.own = false
    this.day = null
    this.me = ''
    this.canModerate = false
    this.names = (key) => 'peer-' + key.slice(0, 6)
    this.quote = null
    this.editing = false
    this.picking = false
    this.author = null
  }

  static override styles = [markdownStyles, nameStyles, css`
    *, *::before, *::after { box-sizing: border-box; }
    :host { display: block; }
    .day { display: flex; align-items: center; gap: 12px; margin: 18px 20px 6px; color: var(--lu-text-muted); font-size: 12px; font-weight: 700; }
    .day::before, .day::after { content: ""; flex: 1; height: 1px; background: var(--lu-border); }
    article { position: relative; display: grid; grid-template-columns: 40px minmax(0, 1fr); column-gap: 12px; padding: 6px 20px 4px; margin-top: 6px; outline: none; }
    :host([grouped]) article { margin-top: 0; padding-top: 1px; }
    article:hover, article:focus-within { background: var(--lu-bg-soft); }
    article:focus-visible { box-shadow: inset 2px 0 0 var(--lu-accent); }
    article.mentions-me { background: color-mix(in srgb, var(--lu-accent-soft) 70%, transparent); box-shadow: inset 3px 0 0 var(--lu-accent); }
    :host([flash]) article { animation: flash 1.6s ease-out; }
    @keyframes flash { from { background: var(--lu-accent-soft); } }
    .gutter { padding-top: 2px; }
    .gutter lu-time { display: block; visibility: hidden; color: var(--lu-text-muted); font-size: 10.5px; line-height: 20px; text-align: right; white-space: nowrap; direction: rtl; }
    article:hover .gutter lu-time { visibility: visible; }
    lu-avatar { width: 40px; height: 40px; }
    header { display: flex; align-items: baseline; gap: 8px; min-width: 0; }
    .author { font-weight: 700; overflow: hidden; white-space: nowrap; max-width: 60ch; min-width: 0; }
    header lu-time { color: var(--lu-text-muted); font-size: 12px; }
    .pending, .edited { color: var(--lu-text-muted); font-size: 12px; font-style: italic; }
    .edited { font-style: normal; font-size: 11.5px; }
    .body { min-width: 0; }
    .pending-body { opacity: 0.6; }
    .tombstone { color: var(--lu-text-muted); font-style: italic; font-size: 14px; padding: 2px 0; }
    .quote { grid-column: 1 / -1; display: flex; align-items: center; gap: 6px; min-width: 0; margin: 0 0 2px 20px; padding: 0 6px;
      font: inherit; font-size: 12.5px; color: var(--lu-text-muted); background: transparent; border: 0; border-radius: 6px; cursor: pointer; text-align: left; }
    .quote::before { content: ""; width: 22px; height: 9px; border: 2px solid var(--lu-border); border-right: 0; border-bottom: 0; border-top-left-radius: 6px; margin-top: 6px; flex: none; }
    .quote:hover { color: var(--lu-text); }
    .quote b { color: var(--lu-text); flex: none; }
    .quote span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .quote:focus-visible { outline: 2px solid var(--lu-accent); }
    .md .mention { color: var(--lu-accent); background: var(--lu-accent-soft); border-radius: 4px; padding: 0 2px; font-weight: 600; }
    .md .mention.me { color: var(--lu-accent-text); background: var(--lu-accent); }
    lu-message-actions { position: absolute; right: 20px; top: -10px; z-index: 2; display: none; }
    article:hover lu-message-actions, article:focus-within lu-message-actions, lu-message-actions.open { display: inline-block; }
    lu-emoji-picker { right: 20px; top: 24px; }
    lu-emoji-picker.up { top: auto; bottom: calc(100% + 14px); }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `]

  private fire (name: string, detail: Omit<Detail, 'message'> = {}): void {
    this.dispatchEvent(new CustomEvent<Detail>(name, { detail: { message: this.message, ...detail }, bubbles: true, composed: true }))
  }

  private onAction (e: CustomEvent<{ action: MessageAction }>): void {
    e.stopPropagation()
    const { action } = e.detail
    if (action === 'react') {
      this.pickUp = this.getBoundingClientRect().top > window.innerHeight / 2
      this.picking = !this.picking
    } else {
      this.fire('lu-' + action)
    }
  }

  private onReact (e: CustomEvent<{ emoji: string, on: boolean }>): void {
    e.stopPropagation()
    this.fire('lu-react', { emoji: e.detail.emoji, on: e.detail.on })
  }

  private onPick (e: CustomEvent<{ emoji: string }>): void {
    e.stopPropagation()
    this.picking = false
    const on = !(this.message.reactions[e.detail.emoji] ?? []).includes(this.me)
    this.fire('lu-react', { emoji: e.detail.emoji, on })
    this.focusAction('React')
  }

  private closePicker (e: Event): void {
    e.stopPropagation()
    this.picking = false
    this.focusAction('React')
  }

  private focusAction (name: string): void {
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector('lu-message-actions')?.shadowRoot?.querySelector<HTMLElement>(`button[aria-label="${name}"]`)?.focus()
    })
  }

  private renderQuote () {
    const m = this.message
    if (m.replyTo === null) return nothing
    const q = this.quote
    // the original's author as names show everywhere, with the fingerprint: a lookalike's
    // message quoted must not pass for the member it imitates (ui/identity.ts)
    const who = q === null ? '…' : q === 'missing' ? '' : nameText(shownAuthor(q.author, this.room === '' ? undefined : this.store?.directory.member(this.room, q.author.key)))
    const line = q === null ? '' : q === 'missing' ? 'original message not available' : firstLine(q)
    return html`<button type="button" class="quote" aria-label="Replying to ${who}: ${line}. Go to the original"
      @click=${() => this.dispatchEvent(new CustomEvent('lu-jump', { detail: { id: m.replyTo }, bubbles: true, composed: true }))}>
      ${who === '' ? nothing : html`<b>${who}</b>`}<span>${line}</span></button>`
  }

  private renderBody () {
    const m = this.message
    if (m.deleted) return html`<div class="tombstone">message deleted</div>`
    if (this.editing && m.type === 'text') {
      return html`<lu-message-editor .text=${m.text ?? ''} @lu-edit-save=${(e: CustomEvent<{ text: string }>) => { e.stopPropagation(); this.fire('lu-edit-save', { text: e.detail.text }) }}
        @lu-edit-cancel=${(e: Event) => { e.stopPropagation(); this.fire('lu-edit-cancel') }}></lu-message-editor>`
    }
    if (m.type === 'text') {
      const people = m.mentions.map(k => ({ name: this.names(k), me: k === this.me }))
      return html`<div class="md">${markdown(m.text ?? '', people.length === 0 ? undefined : (h: string) => withMentions(h, people))}</div>`
    }
    if (this.store === null) return nothing
    return html`<lu-attachment .store=${this.store} room=${this.room} .message=${m}></lu-attachment>`
  }

  override render () {
    const m = this.message
    const pending = this.own && !m.seen
    const mentionsMe = !m.deleted && this.me !== '' && m.mentions.includes(this.me)
    return html`
      ${this.day !== null ? html`<div class="day" role="separator">${this.day}</div>` : ''}
      <article aria-labelledby="author" data-id=${m.id} tabindex="0" class="${pending ? 'is-pending' : ''} ${mentionsMe ? 'mentions-me' : ''}">
        ${this.renderQuote()}
        <div class="gutter">
          ${this.grouped
            ? html`<lu-time compact .message=${m}></lu-time>`
            : html`<lu-avatar name=${m.author.name} user-key=${m.author.key} room=${this.room} .avatars=${this.avatars}></lu-avatar>`}
        </div>
        <div class="body ${pending ? 'pending-body' : ''}">
          <header class=${this.grouped ? 'sr-only' : ''}>
            <span class="author" id="author">${nameTemplate(this.author ?? m.author)}</span>
            <lu-time .message=${m}></lu-time>
            ${pending ? html`<span class="pending" title="No peer has received this message yet">pending</span>` : ''}
          </header>
          ${this.renderBody()}
          ${m.edited !== null && !m.deleted && !this.editing ? html`<span class="edited" title="Edited ${new Date(m.edited).toLocaleString()}">(edited)</span>` : nothing}
          ${m.deleted ? nothing : html`<lu-reactions .reactions=${m.reactions} me=${this.me} .names=${this.names} @lu-react=${this.onReact}></lu-reactions>`}
        </div>
        ${m.deleted || this.editing
          ? nothing
          : html`<lu-message-actions class=${this.picking ? 'open' : ''} ?canEdit=${this.own && m.type === 'text'} ?canDelete=${this.own || this.canModerate}
              @lu-action=${this.onAction}></lu-message-actions>`}
        ${this.picking ? html`<lu-emoji-picker class=${this.pickUp ? 'up' : ''} @lu-pick=${this.onPick} @lu-close=${this.closePicker}></lu-emoji-picker>` : nothing}
      </article>`
  }
}

customElements.define('lu-message', LuMessage)
declare global { interface HTMLElementTagNameMap { 'lu-message': LuMessage } }
