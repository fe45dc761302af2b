// Markdown to HTML (not yet sanitised), the same in the page and in the formatting worker:
// raw HTML off and images off (no foreign loads); markdown-it's link validator drops
// javascript:/data: URLs. What it returns always goes through DOMPurify in ui/markdown.ts.
import MarkdownIt from 'markdown-it'

/** What the page asks the formatting worker (ui/markdown-worker.ts), and its answer. */
export interface FormatRequest { id: number, text: string }
export interface FormatReply { id: number, html: string }

/** Returns a fenced block's code as highlighted HTML, or '' to have it escaped as it is. */
export type Highlighter = (code: string, lang: string) => string

let current: Highlighter = () => ''

const md = new MarkdownIt({
  html: false,
  linkify: true,
  breaks: true,
  typographer: false,
  highlight: (code: string, lang: string): string => current(code, lang)
})
md.disable(['image'])

export function renderHtml (text: string, highlight: Highlighter = () => ''): string {
  current = highlight
  try {
    return md.render(text)
  } finally {
    current = () => ''
  }
}
