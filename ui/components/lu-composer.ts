import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { controls } from './shared-styles.js'
import { LIMITS } from '../../views/limits.js'
import { insertMention, matchMembers, mentionQuery, mentionedKeys, type Mentionable } from '../mentions.js'

interface Suggestion { start: number, options: Mentionable[], active: number }

/**
 * The composer: a textbox named "Message". Enter sends, Shift+Enter breaks the line; the text
 * is kept when sending fails. `submit` decides what the text means (message or ~command) and
 * resolves true when it was handled. Files come in through the attach button or by pasting;
 * the microphone button records a voice message (MediaRecorder) and hands it to `record`.
 *
 * One composer serves every room: `room` names the one open (null: none). Each room keeps its
 * unsent text when the user switches away and back. Text typed while no room is open, or while
 * a message or command is on its way, stays in the box when a room opens: it was written for
 * what comes next (`~create general`, Enter, and typing on: the new room opens with that text).
 *
 * `@` and a few letters offer the room's `members` (a listbox "Members to mention"; arrows,
 * Enter or Tab, Escape); a pick inserts `@Name` bound to the member's key, and `submit` gets
 * the keys whose `@Name` the text still holds (ui/mentions.ts). Up arrow in an empty box asks
 * to edit this user's last message.
 *
 * @fires lu-edit-last - Up arrow in the empty box
 */
export class LuComposer extends LitElement {
  static override properties = {
    placeholder: { type: String },
    room: { attribute: false },
    submit: { attribute: false },
    members: { attribute: false },
    suggestion: { state: true },
    attach: { attribute: false },
    record: { attribute: false },
    busy: { state: true },
    recording: { state: true },
    elapsed: { state: true }
  }

  declare placeholder: string
  declare room: string | null
  declare submit: (text: string, extra: { mentions: string[] }) => Promise<boolean>
  /** Whom `@` offers: the open room's members, this user left out. */
  declare members: readonly Mentionable[]
  declare suggestion: Suggestion | null
  declare busy: boolean
  declare attach: (files: File[]) => void
  declare record: (recording: Blob, durationMs: number) => Promise<boolean>
  declare recording: boolean
  declare elapsed: number
  private recorder: MediaRecorder | null = null
  private cancelled = false
  private ticker: ReturnType<typeof setInterval> | undefined
  /** Unsent text of the rooms not open now. */
  private readonly drafts = new Map<string, string>()
  /** Texts handed to `submit` that have not been answered yet. */
  private sending = 0
  /** Mentions picked in the box: member key → the name inserted. */
  private readonly bound = new Map<string, string>()

  constructor () {
    super()
    this.placeholder = 'Message'
    this.room = null
    this.submit = async () => false
    this.members = []
    this.suggestion = null
    this.busy = false
    this.attach = () => {}
    this.record = async () => false
    this.recording = false
    this.elapsed = 0
  }

  private get field (): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea')
  }

  override focus (): void { this.field?.focus() }

  protected override willUpdate (changed: PropertyValues<this>): void {
    if (changed.has('room') && this.hasUpdated) this.switchDraft(changed.get('room') ?? null, this.room)
  }

  private switchDraft (from: string | null, to: string | null): void {
    const field = this.field
    if (field === null) return
    const carry = field.value !== '' && (from === null || this.sending > 0)
    if (!carry) {
      if (from !== null && field.value !== '') this.drafts.set(from, field.value)
      field.value = to === null ? '' : this.drafts.get(to) ?? ''
    }
    if (to !== null) this.drafts.delete(to)
    this.bound.clear()
    this.suggestion = null
  }

  private queue: Promise<unknown> = Promise.resolve()

  /**
   * Clears the box at once and sends in order: what is typed while a message is on its way
   * is kept, and messages leave in the order they were written. On failure the text comes back.
   */
  private async send (): Promise<void> {
    const field = this.field
    if (field === null) return
    const text = field.value
    if (text.trim() === '') return
    field.value = ''
    const mentions = mentionedKeys(text, this.bound)
    this.bound.clear()
    this.suggestion = null
    const run = this.queue.then(() => this.submit(text, { mentions }))
    this.queue = run.catch(() => false)
    this.busy = true
    this.sending++
    const ok = await run.catch(() => false)
    // A room the command opened reaches `room` in an update: let it land while still sending.
    await this.updateComplete
    this.sending--
    this.busy = this.sending > 0
    if (!ok && field.value === '') field.value = text
    field.focus()
  }

  private picked (e: Event): void {
    const input = e.target as HTMLInputElement
    const files = [...(input.files ?? [])]
    input.value = ''
    if (files.length > 0) this.attach(files)
  }

  private onPaste (e: ClipboardEvent): void {
    const files = [...(e.clipboardData?.files ?? [])]
    if (files.length === 0) return
    e.preventDefault()
    this.attach(files)
  }

  private async startRecording (): Promise<void> {
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true })
    } catch {
      this.dispatchEvent(new CustomEvent('lu-error', { detail: 'The microphone is not available (allow it for this page to record).', bubbles: true, composed: true }))
      return
    }
    const mimeType = MediaRecorder.isTypeSupported('audio/webm;codecs=opus') ? 'audio/webm;codecs=opus' : ''
    const recorder = new MediaRecorder(stream, mimeType === '' ? {} : { mimeType })
    const chunks: Blob[] = []
    const started = Date.now()
    this.cancelled = false
    recorder.ondataavailable = (e) => { if (e.data.size > 0) chunks.push(e.data) }
    recorder.onstop = () => {
      for (const track of stream.getTracks()) track.stop()
      clearInterval(this.ticker)
      this.recording = false
      this.recorder = null
      if (!this.cancelled && chunks.length > 0) void this.record(new Blob(chunks, { type: recorder.mimeType || 'audio/webm' }), Date.now() - started)
    }
    recorder.start(250)
    this.recorder = recorder
    this.recording = true
    this.elapsed = 0
    this.ticker = setInterval(() => { this.elapsed = Date.now() - started }, 250)
  }

  private stopRecording (cancel: boolean): void {
    this.cancelled = cancel
    this.recorder?.stop()
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    if (this.recorder !== null) this.stopRecording(true)
  }

  private onInput (): void {
    const field = this.field
    const at = field === null ? null : mentionQuery(field.value, field.selectionStart ?? field.value.length)
    const options = at === null ? [] : matchMembers(this.members, at.query)
    this.suggestion = at === null || options.length === 0 ? null : { start: at.start, options, active: 0 }
  }

  private pickMention (member: Mentionable): void {
    const field = this.field
    const s = this.suggestion
    if (field === null || s === null) return
    const { text, caret } = insertMention(field.value, field.selectionStart ?? field.value.length, s.start, member.name)
    field.value = text
    field.setSelectionRange(caret, caret)
    this.bound.set(member.key, member.name)
    this.suggestion = null
    field.focus()
  }

  /** Arrows, Enter, Tab and Escape while the member list is open; false when it is not. */
  private onSuggestionKey (e: KeyboardEvent): boolean {
    const s = this.suggestion
    if (s === null) return false
    const n = s.options.length
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      this.suggestion = { ...s, active: (s.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n }
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      const member = s.options[s.active]
      if (member !== undefined) this.pickMention(member)
    } else if (e.key === 'Escape') {
      this.suggestion = null
    } else {
      return false
    }
    e.preventDefault()
    return true
  }

  private onKey (e: KeyboardEvent): void {
    if (e.isComposing || this.onSuggestionKey(e)) return
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault()
      void this.send()
    } else if (e.key === 'ArrowUp' && this.field?.value === '') {
      e.preventDefault()
      this.dispatchEvent(new CustomEvent('lu-edit-last', { bubbles: true, composed: true }))
    }
  }

  static override styles = [controls, css`
    :host { display: block; padding: 0 20px 18px; }
    .box { display: flex; align-items: flex-end; gap: 8px; border: 1px solid var(--lu-border); border-radius: 12px; background: var(--lu-bg); padding: 6px 6px 6px 4px; box-shadow: var(--lu-shadow); }
    .box:focus-within { border-color: var(--lu-accent); }
    textarea { border: 0; box-shadow: none !important; resize: none; field-sizing: content; min-height: 24px; max-height: 40vh; padding: 7px 10px; background: transparent; line-height: 1.45; }
    button { padding: 7px 14px; border-radius: 8px; }
    button.tool { background: transparent; color: var(--lu-text-muted); padding: 7px; display: grid; place-items: center; }
    button.tool:hover { background: var(--lu-bg-hover); color: var(--lu-text); }
    button.rec { background: var(--lu-danger); color: #fff; }
    .recording { flex: 1; display: flex; align-items: center; gap: 10px; padding: 7px 10px; color: var(--lu-danger); font-weight: 600; }
    .recording i { width: 10px; height: 10px; border-radius: 50%; background: var(--lu-danger); animation: blink 1s ease-in-out infinite; }
    @keyframes blink { 50% { opacity: 0.3; } }
    input[type=file], [hidden] { display: none !important; }
    .hint { color: var(--lu-text-muted); font-size: 11.5px; padding: 5px 4px 0; }
    :host { position: relative; }
    [role=listbox] { position: absolute; bottom: calc(100% - 4px); left: 20px; z-index: 10; min-width: 220px; max-width: 360px; margin: 0; padding: 4px;
      list-style: none; background: var(--lu-bg); border: 1px solid var(--lu-border); border-radius: 10px; box-shadow: var(--lu-shadow); }
    [role=option] { padding: 6px 10px; border-radius: 6px; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    [role=option][aria-selected=true] { background: var(--lu-accent-soft); color: var(--lu-accent); font-weight: 600; }
    kbd { font-family: var(--lu-mono); font-size: 10.5px; border: 1px solid var(--lu-border); border-radius: 4px; padding: 0 4px; }
  `]

  override render () {
    const secs = Math.floor(this.elapsed / 1000)
    const clip = html`<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M13.5 4.5a2.5 2.5 0 0 0-3.54 0L4.7 9.76a4 4 0 0 0 5.66 5.66l4.95-4.95 1.06 1.06-4.95 4.95a5.5 5.5 0 0 1-7.78-7.78l5.26-5.26a4 4 0 0 1 5.66 5.66l-5.1 5.1a2.5 2.5 0 0 1-3.54-3.54l4.6-4.6 1.06 1.06-4.6 4.6a1 1 0 0 0 1.42 1.42l5.1-5.1a2.5 2.5 0 0 0 0-3.54z"/></svg>`
    const mic = html`<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M10 2a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3zm-5 8h1.5a3.5 3.5 0 0 0 7 0H15a5 5 0 0 1-4.25 4.94V17h-1.5v-2.06A5 5 0 0 1 5 10z"/></svg>`
    const s = this.suggestion
    return html`
      ${s === null
        ? nothing
        : html`<ul role="listbox" id="mentions" aria-label="Members to mention">${s.options.map((m, i) => html`<li role="option" id="mention-${i}"
            aria-selected=${i === s.active ? 'true' : 'false'} @mousedown=${(e: Event) => { e.preventDefault(); this.pickMention(m) }}>@${m.name}</li>`)}</ul>`}
      <div class="box">
        ${this.recording
          ? html`<div class="recording" role="status"><i aria-hidden="true"></i>Recording ${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}</div>`
          : nothing}
        <input type="file" multiple aria-label="Files to attach" @change=${this.picked}>
        <button type="button" class="tool" aria-label="Attach a file" title="Attach a file" ?hidden=${this.recording}
          @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>${clip}</button>
        <textarea aria-label="Message" rows="1" placeholder=${this.placeholder} maxlength=${LIMITS.textChars} ?hidden=${this.recording}
          aria-autocomplete="list" aria-expanded=${this.suggestion !== null ? 'true' : 'false'} aria-controls="mentions"
          aria-activedescendant=${this.suggestion !== null ? `mention-${this.suggestion.active}` : ''}
          @keydown=${this.onKey} @input=${this.onInput} @paste=${this.onPaste} @blur=${() => { this.suggestion = null }}></textarea>
        <button type="button" class="tool" aria-label="Record a voice message" title="Record a voice message" ?hidden=${this.recording}
          @click=${() => { void this.startRecording() }}>${mic}</button>
        <button type="button" @click=${() => { void this.send() }} aria-label="Send" ?hidden=${this.recording}>Send</button>
        ${this.recording
          ? html`<button type="button" class="ghost" @click=${() => this.stopRecording(true)}>Cancel</button>
              <button type="button" class="rec" @click=${() => this.stopRecording(false)}>Send voice message</button>`
          : nothing}
      </div>
      <div class="hint"><kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line · <kbd>~help</kbd> for commands · **Markdown** works · drop files to share them</div>`
  }
}

customElements.define('lu-composer', LuComposer)
declare global { interface HTMLElementTagNameMap { 'lu-composer': LuComposer } }
