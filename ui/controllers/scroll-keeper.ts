import type { ReactiveController, ReactiveControllerHost } from 'lit'

/**
 * Keeps a scrolling log where the user left it (ui/components/lu-message-log.ts): pinned to the
 * bottom while the user is there, else with the row in sight held in place.
 *
 * Rows change height after they render (a message formatted by the worker, ui/markdown.ts; a
 * body laid out for the first time as it scrolls into sight; an image loaded; reactions), and
 * the view itself shrinks when the reply preview opens above the composer. While pinned,
 * the view stays at the bottom; otherwise the row in sight stays where it was (the scroller
 * has no native scroll anchoring: older pages are anchored by hand in the log's updated()).
 */
export class ScrollKeeper implements ReactiveController {
  /** Whether the view follows the newest message: the user is at (or was brought to) the bottom. */
  pinned = true
  lastTop = 0
  /** When the user last wheeled, touched, pressed a key or grabbed the scrollbar in the log. */
  lastInput = 0
  readonly onInput = (): void => { this.lastInput = Date.now() }
  private observed: Element | null = null
  /** The first row in sight and how far below the top of the view it was, to keep it there. */
  private anchor: { el: HTMLElement, offset: number } | null = null
  private readonly resize = new ResizeObserver(() => {
    const s = this.scroller()
    if (s === null) return
    if (this.pinned) s.scrollTop = s.scrollHeight
    else if (this.anchor !== null && this.anchor.el.isConnected) s.scrollTop += this.anchor.el.offsetTop - s.scrollTop - this.anchor.offset
    this.remember()
  })

  constructor (host: ReactiveControllerHost, private readonly scroller: () => HTMLElement | null) {
    host.addController(this)
  }

  hostDisconnected (): void {
    this.resize.disconnect()
    this.observed = null
  }

  /** Follows the size of these rows (once rendered) and of the scroller. */
  observe (rows: Element | null): void {
    if (rows === null || rows === this.observed) return
    this.resize.disconnect()
    this.resize.observe(rows)
    const s = this.scroller()
    if (s !== null) this.resize.observe(s)
    this.observed = rows
  }

  /** Notes the first row in sight, to hold it in place as rows change height. */
  remember (): void {
    const s = this.scroller()
    if (s === null) return
    const top = s.scrollTop
    const el = [...s.querySelectorAll<HTMLElement>('lu-message')].find(m => m.offsetTop + m.offsetHeight > top) ?? null
    this.anchor = el === null ? null : { el, offset: el.offsetTop - top }
  }
}
