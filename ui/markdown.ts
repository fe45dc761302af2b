// Rendering a peer's Markdown. Peers are not trusted: markdown-it runs with raw HTML off and
// images off (ui/markdown-render.ts), and the HTML it produces goes through DOMPurify with
// style attributes forbidden (no overlays). The page's CSP forbids inline scripts as a last line.
//
// Nor is their Markdown allowed to hold up the page (docs/architecture.md §4.6): highlighting,
// and any message that is long or comes when this task has already spent its slice, are done
// in a worker (ui/markdown-worker.ts). Until the worker answers, the message shows a stand-in
// (its text as it is, or its Markdown without highlighting) marked `md-pending`, and the
// `markdown()` directive puts the final form in place when it comes, one message per task.
import DOMPurify from 'dompurify'
import { html } from 'lit'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { AsyncDirective, directive } from 'lit/async-directive.js'
import { renderHtml, type FormatReply, type FormatRequest } from './markdown-render.js'

/** A longer text shows this much until the reader asks for the rest (MarkdownDirective). */
const PREVIEW_CHARS = 1500
const PREVIEW_LINES = 30
/** Texts up to this long may be rendered at once, on the main thread, while the slice lasts. */
const SYNC_MAX_CHARS = 2000
/** Main-thread time one task may spend on Markdown before the rest goes to the worker. */
const SLICE_MS = 30
/** Text and HTML held in the cache, in characters (about twice as many bytes). */
const CACHE_CHARS = 16_000_000

let hooked = false
function hookLinks (): void {
  if (hooked) return
  hooked = true
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank')
      node.setAttribute('rel', 'noopener noreferrer nofollow')
    }
  })
}

function sanitise (html: string): string {
  hookLinks()
  return DOMPurify.sanitize(html, {
    FORBID_ATTR: ['style', 'srcset', 'id', 'name'],
    FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    ALLOW_DATA_ATTR: false
  })
}

// ---- The final forms, by text, bounded by size ----

const done = new Map<string, string>()
let cachedChars = 0

function keep (text: string, html: string): void {
  done.set(text, html)
  cachedChars += text.length + html.length
  for (const [t, h] of done) {
    if (cachedChars <= CACHE_CHARS) break
    done.delete(t)
    cachedChars -= t.length + h.length
  }
}

// ---- The main thread's slice ----

let sliceStart = -1

/** Whether this task may still render Markdown itself; the first call starts its slice. */
function sliceLeft (): boolean {
  const now = performance.now()
  if (sliceStart < 0) {
    sliceStart = now
    setTimeout(() => { sliceStart = -1 }, 0)
  }
  return now - sliceStart < SLICE_MS
}

// ---- The worker ----

let worker: Worker | null | undefined
let nextId = 1
const waiting = new Map<number, { text: string, resolve: (html: string) => void }>()
const inFlight = new Map<string, Promise<string>>()

function startWorker (): Worker | null {
  if (worker !== undefined) return worker
  try {
    worker = new Worker(new URL('./markdown-worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (e: MessageEvent<FormatReply>) => {
      const job = waiting.get(e.data.id)
      if (job === undefined) return
      waiting.delete(e.data.id)
      job.resolve(e.data.html === '' && job.text !== '' ? withoutWorker(job.text) : sanitise(e.data.html))
    }
    worker.onerror = (e) => {
      console.warn('the formatting worker failed; formatting on the page instead', e.message)
      worker?.terminate()
      worker = null
      for (const job of waiting.values()) later(() => job.resolve(withoutWorker(job.text)))
      waiting.clear()
    }
  } catch (err) {
    console.warn('no formatting worker; formatting on the page instead', err)
    worker = null
  }
  return worker
}

/** Without the worker: Markdown without highlighting, one message per task. */
function withoutWorker (text: string): string {
  return sanitise(renderHtml(text))
}

/** In a task of its own, after the ones already queued. */
function later (fn: () => void): void {
  setTimeout(fn, 0)
}

/** The final form of a text, from the worker. */
function formatted (text: string): Promise<string> {
  let pending = inFlight.get(text)
  if (pending !== undefined) return pending
  pending = new Promise<string>((resolve) => {
    const id = nextId++
    const w = startWorker()
    if (w === null) { later(() => resolve(withoutWorker(text))); return }
    waiting.set(id, { text, resolve })
    w.postMessage({ id, text } satisfies FormatRequest)
  }).then((html) => {
    inFlight.delete(text)
    keep(text, html)
    return html
  })
  inFlight.set(text, pending)
  return pending
}

function escape (text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/** What a text shows now: its final form, or a stand-in while the worker formats it. */
function now (text: string): { html: string, final: boolean } {
  const hit = done.get(text)
  if (hit !== undefined) return { html: hit, final: true }
  if (text.length <= SYNC_MAX_CHARS && sliceLeft()) {
    let code = false
    const html = sanitise(renderHtml(text, () => { code = true; return '' }))
    if (!code) {
      keep(text, html)
      return { html, final: true }
    }
    return { html: `<div class="md-pending">${html}</div>`, final: false }
  }
  return { html: `<div class="md-pending md-plain">${escape(text)}</div>`, final: false }
}

/**
 * The first part of a long text: at most PREVIEW_CHARS characters and PREVIEW_LINES lines (a
 * surrogate pair is never split), or null when the whole text is short enough.
 */
export function preview (text: string): string | null {
  let end = Math.min(text.length, PREVIEW_CHARS)
  let lines = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    if (++lines === PREVIEW_LINES) { end = i; break }
  }
  if (end >= text.length) return null
  if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end--
  return text.slice(0, end)
}

/**
 * `${markdown(text, decorate?)}`: the sanitised HTML of a peer's Markdown, at once when it is cheap,
 * otherwise a stand-in replaced by the final form when the worker has made it. A long text
 * shows its first part and a button "Show the whole message": what one message costs the page
 * when a room opens is bounded whatever it holds (a 16,000-character table is 16,000 nodes
 * to sanitise and lay out).
 */
class MarkdownDirective extends AsyncDirective {
  private text: string | null = null
  private expanded = false
  private stale = false
  private decorate: ((html: string) => string) | undefined

  /** `decorate` rewrites the sanitised HTML before it is shown (mentions: ui/mention-html.ts). */
  render (text: string, decorate?: (html: string) => string): unknown {
    if (text !== this.text) this.expanded = false
    this.text = text
    this.decorate = decorate
    return this.view(text)
  }

  private view (text: string): unknown {
    const part = this.expanded ? null : preview(text)
    const formed = now(part ?? text)
    const shown = this.decorate === undefined ? formed : { ...formed, html: this.decorate(formed.html) }
    if (!shown.final) {
      void formatted(part ?? text).then(() => {
        if (this.text !== text) return
        if (this.isConnected) this.setValue(this.view(text))
        else this.stale = true
      })
    }
    if (part === null) return unsafeHTML(shown.html)
    const more = (): void => {
      this.expanded = true
      this.setValue(this.view(text))
    }
    return html`${unsafeHTML(shown.html)}<button class="md-more" type="button" @click=${more}>Show the whole message (${text.length.toLocaleString()} characters)</button>`
  }

  protected override reconnected (): void {
    if (!this.stale || this.text === null) return
    this.stale = false
    this.setValue(this.view(this.text))
  }
}

export const markdown = directive(MarkdownDirective)
