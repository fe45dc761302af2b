import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { Change } from './message-window.js'

/** This near the bottom (px), the view counts as at the bottom. */
export const NEAR_BOTTOM = 80
/** A scroll this soon after the user's input is the user's. */
const INPUT_MS = 1000

/** How far the view is above the bottom of the scroller (px). */
export function fromBottom (s: HTMLElement): number {
  return s.scrollHeight - s.scrollTop - s.clientHeight
}

/** Where the view was before an update, and the first row rendered then (by id) with its offset. */
export interface ScrollSnapshot { height: number, top: number, atBottom: boolean, anchor: string | null, anchorTop: number }

/**
 * Keeps a scrolling log where the user left it (ui/components/lu-message-log.ts): pinned to the
 * bottom while the user is there, else with the row in sight held in place.
 *
 * Rows change height after they render (a message formatted by the worker, ui/markdown.ts; a
 * body laid out for the first time as it scrolls into sight; an image loaded; reactions), and
 * the view itself shrinks when the reply preview opens above the composer. While pinned,
 * the view stays at the bottom; otherwise the row in sight stays where it was (the scroller
 * has no native scroll anchoring: older pages are anchored by hand, snapshot() before the log's
 * update and settle() after it).
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

  /** Before the log updates: where the view is, and the first row rendered, to anchor older rows added above it. */
  snapshot (): ScrollSnapshot | null {
    const s = this.scroller()
    if (s === null) return null
    const first = s.querySelector<HTMLElement>('lu-message')
    return {
      height: s.scrollHeight,
      top: s.scrollTop,
      atBottom: fromBottom(s) < NEAR_BOTTOM,
      anchor: first?.dataset.id ?? null,
      anchorTop: first?.offsetTop ?? 0
    }
  }

  /**
   * After the log rendered `change` (its rows laid out): older rows added above keep the row
   * that was first where it was; a replaced window, or news while the user was at the bottom,
   * goes to the bottom. True when newer rows came below a user reading further up.
   */
  settle (change: Change, before: ScrollSnapshot): boolean {
    const s = this.scroller()
    if (s === null) return false
    if (change === 'older') {
      const el = before.anchor === null ? null : s.querySelector<HTMLElement>(`lu-message[data-id="${before.anchor}"]`)
      if (el !== null) s.scrollTop = before.top + (el.offsetTop - before.anchorTop)
      return false
    }
    if (change === 'replace' || (before.atBottom && change !== 'none') || (before.atBottom && s.scrollTop < s.scrollHeight - s.clientHeight)) {
      s.scrollTop = s.scrollHeight
      return false
    }
    return change === 'newer' && !before.atBottom
  }

  /**
   * The log scrolled. Rows growing above do not move scrollTop, and a scroll event may come
   * after they grew: only a scroll up unpins the view, only reaching the bottom pins it.
   * Whether it was the user scrolling down; null before the log has rendered.
   */
  scrolled (): boolean | null {
    const s = this.scroller()
    if (s === null) return null
    const down = s.scrollTop > this.lastTop && Date.now() - this.lastInput < INPUT_MS
    if (fromBottom(s) < NEAR_BOTTOM) this.pinned = true
    else if (s.scrollTop < this.lastTop) this.pinned = false
    this.lastTop = s.scrollTop
    if (!this.pinned) this.remember()
    return down
  }

  /** Brings a row to the middle of the view and holds it there: the view follows it, not the newest row. */
  centre (el: HTMLElement): void {
    this.pinned = false
    el.scrollIntoView({ block: 'center' })
    const s = this.scroller()
    if (s !== null) this.lastTop = s.scrollTop
    this.remember()
  }
}
