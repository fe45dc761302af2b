import { LitElement, css, svg, html } from 'lit'
import { encode } from 'uqr'

/**
 * A QR code drawn in the page (SVG, one rect per dark module), for a link code a phone or a
 * second computer can scan. Nothing leaves the page: no image service.
 * @csspart code - the SVG
 */
export class LuQr extends LitElement {
  static override properties = { value: { type: String }, label: { type: String } }

  declare value: string
  declare label: string

  constructor () {
    super()
    this.value = ''
    this.label = 'QR code'
  }

  static override styles = css`
    :host { display: inline-block; background: #fff; padding: 10px; border-radius: 10px; line-height: 0; }
    svg { width: var(--lu-qr-size, 200px); height: var(--lu-qr-size, 200px); shape-rendering: crispEdges; }
  `

  override render () {
    if (this.value === '') return html``
    const { data, size } = encode(this.value, { ecc: 'M', border: 2 })
    const modules = []
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) if (data[y]?.[x] === true) modules.push(svg`<rect x=${x} y=${y} width="1" height="1"/>`)
    }
    return html`<svg part="code" role="img" aria-label=${this.label} viewBox="0 0 ${size} ${size}" fill="#000">${modules}</svg>`
  }
}

customElements.define('lu-qr', LuQr)
declare global { interface HTMLElementTagNameMap { 'lu-qr': LuQr } }
