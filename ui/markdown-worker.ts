// The formatting worker: Markdown and highlight.js off the main thread, so no message can hold
// up the page (docs/architecture.md §4.6). Requests wait in a stack and the newest is done
// first: the log asks oldest to newest, and the newest rows are the ones on screen. Guessing
// an unlabelled block's language costs ~30 µs a character, so only blocks up to AUTO_MAX are
// guessed; a labelled block in a language highlight.js knows is highlighted at any size.
import hljs from 'highlight.js/lib/common'
import { renderHtml, type FormatReply, type FormatRequest } from './markdown-render.js'

const AUTO_MAX = 4000

function highlight (code: string, lang: string): string {
  try {
    if (lang !== '' && hljs.getLanguage(lang) !== undefined) return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value
    return code.length <= AUTO_MAX ? hljs.highlightAuto(code).value : ''
  } catch {
    return ''
  }
}

const stack: FormatRequest[] = []
let scheduled = false

function work (): void {
  scheduled = false
  const next = stack.pop()
  if (next === undefined) return
  let html: string
  try {
    html = renderHtml(next.text, highlight)
  } catch {
    html = ''
  }
  postMessage({ id: next.id, html } satisfies FormatReply)
  schedule()
}

// One request per task, so requests posted meanwhile join the stack before the next is chosen.
function schedule (): void {
  if (scheduled || stack.length === 0) return
  scheduled = true
  setTimeout(work, 0)
}

addEventListener('message', (e: MessageEvent<FormatRequest>) => {
  stack.push(e.data)
  schedule()
})
