// Rendering a peer's Markdown. Peers are not trusted: markdown-it runs with raw HTML off and
// images off (no foreign loads), its link validator drops javascript:/data: URLs, and the HTML
// it produces then goes through DOMPurify with style attributes forbidden (no overlays). The
// page's CSP forbids inline scripts as a last line.
import MarkdownIt from 'markdown-it'
import hljs from 'highlight.js/lib/common'
import DOMPurify from 'dompurify'

const md = new MarkdownIt({
  html: false,
  linkify: true,
  breaks: true,
  typographer: false,
  highlight (code: string, lang: string): string {
    if (code.length > 20_000) return ''
    try {
      if (lang !== '' && hljs.getLanguage(lang) !== undefined) return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value
      return hljs.highlightAuto(code).value
    } catch {
      return ''
    }
  }
})
md.disable(['image'])

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

const cache = new Map<string, string>()
const CACHE_MAX = 2000

/** Markdown to sanitised HTML. Cached by text: a long room re-renders rows often. */
export function renderMarkdown (text: string): string {
  const hit = cache.get(text)
  if (hit !== undefined) return hit
  hookLinks()
  const html = DOMPurify.sanitize(md.render(text), {
    FORBID_ATTR: ['style', 'srcset', 'id', 'name'],
    FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    ALLOW_DATA_ATTR: false
  })
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string)
  cache.set(text, html)
  return html
}
