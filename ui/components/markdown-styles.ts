// How rendered Markdown looks: paragraphs, quotes, lists, links, inline code, highlighted
// blocks (highlight.js classes, coloured from the theme). Long words and lines never widen the
// page: text wraps anywhere and code blocks scroll on their own.
import { css } from 'lit'

export const markdownStyles = css`
  .md { overflow-wrap: anywhere; word-break: break-word; min-width: 0; max-width: 100%; }
  /* Off screen, a message's body is neither laid out nor painted: a room of long messages costs
     each frame what is in sight, not the whole window (measured: the longest task opening a
     hostile room 160-290 → 70-100 ms). Its height is remembered once shown; the log keeps the
     rows in sight still when one above changes height (lu-message-log). */
  .md { content-visibility: auto; contain-intrinsic-size: auto 24px; }
  .md > :first-child { margin-top: 0; }
  .md-pending { max-height: 480px; overflow: hidden; }
  .md-plain { white-space: pre-wrap; }
  .md-more { display: block; margin-top: 4px; font: inherit; font-size: 13px; font-weight: 600; color: var(--lu-accent); background: none; border: 0; padding: 2px 0; cursor: pointer; }
  .md-more:hover { text-decoration: underline; }
  .md > :last-child { margin-bottom: 0; }
  .md p { margin: 0 0 6px; }
  .md a { color: var(--lu-accent); text-decoration: none; }
  .md a:hover { text-decoration: underline; }
  .md blockquote { margin: 4px 0; padding: 2px 12px; border-left: 3px solid var(--lu-border); color: var(--lu-text-muted); }
  .md ul, .md ol { margin: 4px 0; padding-left: 22px; }
  .md h1, .md h2, .md h3, .md h4, .md h5, .md h6 { font-size: 1.05em; margin: 8px 0 4px; }
  .md hr { border: 0; border-top: 1px solid var(--lu-border); }
  .md table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; }
  .md td, .md th { border: 1px solid var(--lu-border); padding: 4px 8px; }
  .md code { font-family: var(--lu-mono); font-size: 0.88em; background: var(--lu-code-bg); color: var(--lu-code-text); border: 1px solid var(--lu-border); border-radius: 5px; padding: 1px 5px; }
  .md pre { background: var(--lu-code-bg); border: 1px solid var(--lu-border); border-radius: 8px; padding: 10px 12px; overflow-x: auto; max-width: 100%; margin: 6px 0; max-height: 480px; }
  .md pre code { background: none; border: 0; padding: 0; font-size: 13px; line-height: 1.5; overflow-wrap: normal; word-break: normal; white-space: pre; }
  .hljs-keyword, .hljs-selector-tag, .hljs-built_in, .hljs-literal, .hljs-type { color: var(--lu-hl-keyword); }
  .hljs-string, .hljs-regexp, .hljs-addition, .hljs-template-string { color: var(--lu-hl-string); }
  .hljs-number, .hljs-symbol, .hljs-bullet { color: var(--lu-hl-number); }
  .hljs-comment, .hljs-quote, .hljs-meta { color: var(--lu-hl-comment); font-style: italic; }
  .hljs-title, .hljs-title.function_, .hljs-section, .hljs-name { color: var(--lu-hl-title); }
  .hljs-attr, .hljs-attribute, .hljs-variable, .hljs-property, .hljs-params { color: var(--lu-hl-attr); }
  .hljs-deletion { color: var(--lu-danger); }
`
