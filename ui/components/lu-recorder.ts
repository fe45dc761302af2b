import { LitElement, css, html } from 'lit'
import { uploadAudio } from '../files-api.js'
import type { Message } from '../types.js'
import { controls } from './shared-styles.js'
import { cross, microphone, sendIcon } from './file-icons.js'

const MAX_MS = 10 * 60 * 1000

/**
 * Recording a voice message with the microphone (MediaRecorder): "Record a voice message"
 * starts, a timer runs, "Send voice message" stops and sends, "Cancel recording" throws it away.
 * @fires lu-file-sent - detail: the posted Message
 */
export class LuRecorder extends LitElement {
  static override properties = {
    room: { type: String },
    elapsed: { state: true },
    recording: { state: true },
    sending: { state: true },
    error: { state: true }
  }

  declare room: string
  declare elapsed: number
  declare recording: boolean
  declare sending: boolean
  declare error: string | null
  private recorder: MediaRecorder | null = null
  private chunks: Blob[] = []
  private started = 0
  private timer: ReturnType<typeof setInterval> | null = null
  private keep = false

  constructor () {
    super()
    this.room = ''
    this.elapsed = 0
    this.recording = false
    this.sending = false
    this.error = null
  }

  override disconnectedCallback (): void {
    this.stop(false)
    super.disconnectedCallback()
  }

  private async start (): Promise<void> {
    this.error = null
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true })
      const recorder = new MediaRecorder(stream)
      this.chunks = []
      recorder.ondataavailable = (e) => { if (e.data.size > 0) this.chunks.push(e.data) }
      recorder.onstop = () => {
        for (const track of stream.getTracks()) track.stop()
        if (this.keep) void this.send(new Blob(this.chunks, { type: recorder.mimeType || 'audio/webm' }), Date.now() - this.started)
      }
      this.recorder = recorder
      this.started = Date.now()
      this.elapsed = 0
      recorder.start(250)
      this.recording = true
      this.timer = setInterval(() => {
        this.elapsed = Date.now() - this.started
        if (this.elapsed >= MAX_MS) this.stop(true)
      }, 250)
    } catch (err) {
      this.error = (err as Error).name === 'NotAllowedError' ? 'Microphone access was refused' : 'No microphone could be used: ' + (err as Error).message
    }
  }

  /** Stops recording; `keep` sends what was recorded, otherwise it is discarded. */
  private stop (keep: boolean): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
    this.keep = keep
    if (this.recorder !== null && this.recorder.state !== 'inactive') this.recorder.stop()
    this.recorder = null
    this.recording = false
  }

  private async send (clip: Blob, ms: number): Promise<void> {
    this.sending = true
    try {
      const message = await uploadAudio(this.room, clip, ms, () => {}).done
      this.dispatchEvent(new CustomEvent<Message>('lu-file-sent', { detail: message, bubbles: true, composed: true }))
    } catch (err) {
      this.error = (err as Error).message
    } finally {
      this.sending = false
    }
  }

  static override styles = [controls, css`
    :host { display: inline-flex; align-items: center; gap: 6px; }
    button.icon { display: inline-grid; place-items: center; }
    .timer { font-variant-numeric: tabular-nums; color: var(--lu-danger); font-weight: 700; font-size: 13px; }
    .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--lu-danger); }
    .error { font-size: 12px; max-width: 24ch; }
  `]

  override render () {
    if (this.recording) {
      const s = Math.floor(this.elapsed / 1000)
      return html`<span class="dot" aria-hidden="true"></span>
        <span class="timer" role="timer" aria-label="Recording time">${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}</span>
        <button type="button" class="icon" aria-label="Cancel recording" @click=${() => this.stop(false)}>${cross}</button>
        <button type="button" class="icon" aria-label="Send voice message" @click=${() => this.stop(true)}>${sendIcon}</button>`
    }
    return html`<button type="button" class="icon" aria-label="Record a voice message" ?disabled=${this.sending || this.room === ''}
        title=${this.sending ? 'Sending…' : 'Record a voice message'} @click=${() => { void this.start() }}>${microphone}</button>
      ${this.error !== null ? html`<span class="error" role="alert">${this.error}</span>` : ''}`
  }
}

customElements.define('lu-recorder', LuRecorder)
declare global { interface HTMLElementTagNameMap { 'lu-recorder': LuRecorder } }
