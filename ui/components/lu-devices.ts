import { LitElement, css, html, nothing } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { controls } from './shared-styles.js'
import type { AppStore } from '../store.js'
import type { Device, LinkCodeReply } from '../types.js'
import './lu-qr.js'
import { dayOf, timeOf } from '../format.js'

/**
 * This person's devices (docs/architecture.md §16), the content of the "Your devices" dialog:
 * the list (a list named "Devices", this device marked), a "Remove" button for each other
 * device, and "Link a device", which shows a one-time code as text and as a QR code drawn in
 * the page, with when it stops working.
 * @fires lu-done - the user closed the panel
 */
export class LuDevices extends LitElement {
  static override properties = {
    store: { attribute: false },
    devices: { state: true },
    code: { state: true },
    error: { state: true },
    busy: { state: true }
  }

  declare store: AppStore
  declare devices: Device[]
  declare code: LinkCodeReply | null
  declare error: string | null
  declare busy: boolean
  private timer: ReturnType<typeof setInterval> | null = null

  constructor () {
    super()
    this.devices = []
    this.code = null
    this.error = null
    this.busy = false
  }

  override connectedCallback (): void {
    super.connectedCallback()
    void this.load()
    // A device linked with the code shown here appears without a reload.
    this.timer = setInterval(() => { void this.load() }, 2000)
  }

  override disconnectedCallback (): void {
    super.disconnectedCallback()
    if (this.timer !== null) clearInterval(this.timer)
  }

  private async load (): Promise<void> {
    try {
      const devices = (await this.store.api.devices()).devices
      // A device more than before: the code shown was (most likely) used, and works no more.
      if (this.code !== null && devices.length > this.devices.length && this.devices.length > 0) this.code = null
      this.devices = devices
    } catch (err) {
      this.error = (err as Error).message
    }
  }

  private async act (action: () => Promise<void>): Promise<void> {
    this.busy = true
    this.error = null
    try {
      await action()
    } catch (err) {
      this.error = (err as Error).message
    } finally {
      this.busy = false
    }
  }

  private link (): Promise<void> {
    return this.act(async () => { this.code = await this.store.api.linkDevice() })
  }

  private removeDevice (d: Device): Promise<void> {
    return this.act(async () => {
      await this.store.api.removeDevice(d.key)
      await this.load()
    })
  }

  static override styles = [controls, css`
    :host { display: grid; gap: 16px; }
    h1 { margin: 0; font-size: 20px; }
    p { margin: 0; color: var(--lu-text-muted); }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    li { display: flex; align-items: center; gap: 10px; padding: 10px 12px; border: 1px solid var(--lu-border); border-radius: 10px; }
    li .name { font-weight: 600; flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
    li small { color: var(--lu-text-muted); }
    .code { display: grid; justify-items: center; gap: 10px; padding: 14px; border-radius: 12px; background: var(--lu-bg-soft); }
    .code output { font-family: var(--lu-mono, monospace); font-size: 12px; word-break: break-all; user-select: all; text-align: center; }
    .actions { display: flex; gap: 10px; justify-content: flex-end; }
  `]

  override render () {
    return html`
      <h1>Your devices</h1>
      <p>Every device you link shows your rooms, your name and your picture, and writes as you.</p>
      <ul aria-label="Devices">
        ${repeat(this.devices, d => d.key, d => html`
          <li>
            <span class="name">${d.name}</span>
            ${d.current ? html`<small>this device</small>` : html`<small>linked ${linkedOn(d.linked)}</small>
              <button type="button" class="ghost" aria-label="Remove ${d.name}" ?disabled=${this.busy} @click=${() => this.removeDevice(d)}>Remove</button>`}
          </li>`)}
      </ul>
      ${this.code === null ? nothing : html`
        <div class="code">
          <lu-qr value=${this.code.code} label="Link code as a QR code"></lu-qr>
          <output aria-label="Link code">${this.code.code}</output>
          <small>On the new device, choose "Link to an existing account" and enter this code. It works once, until ${timeOf(this.code.expires)}.</small>
        </div>`}
      ${this.error !== null ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      <div class="actions">
        <button type="button" class="ghost" @click=${() => this.dispatchEvent(new CustomEvent('lu-done', { bubbles: true, composed: true }))}>Close</button>
        <button type="button" ?disabled=${this.busy} @click=${() => this.link()}>Link a device</button>
      </div>`
  }
}

function linkedOn (ms: number): string {
  const day = dayOf(ms)
  return day === 'Today' || day === 'Yesterday' ? day.toLowerCase() : 'on ' + day
}

customElements.define('lu-devices', LuDevices)
declare global { interface HTMLElementTagNameMap { 'lu-devices': LuDevices } }
