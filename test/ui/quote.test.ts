// The quote above a reply (ui/quote.ts): the first line of prose without its Markdown marks.
import { expect, test } from 'vitest'
import { firstLine, plainLine } from '../../ui/quote.js'

const text = (t: string): string => firstLine({ type: 'text', text: t, deleted: false })

test('Markdown marks come off; the words stay', () => {
  expect(text('Kick-off: the **new header** ships this sprint.')).toBe('Kick-off: the new header ships this sprint.')
  expect(plainLine('## A _plan_ with `code`, ~~old~~ and *stress*')).toBe('A plan with code, old and stress')
  expect(plainLine('> - [x] see [the doc](https://example.com/a_b) and ![a chart](c.png)')).toBe('see the doc and a chart')
  expect(plainLine('1. first')).toBe('first')
})

test('what is not a mark stays as typed', () => {
  expect(plainLine('snake_case_name and 2 * 3 * 4')).toBe('snake_case_name and 2 * 3 * 4')
  expect(plainLine('a ** b ** c')).toBe('a ** b ** c')
  expect(plainLine('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>') // Lit escapes it
})

test('the first line with words: fences and empty lines are passed over; long lines are cut', () => {
  expect(text('\n```js\nconst a = 1\n```')).toBe('const a = 1')
  expect(text('#\n\n**Hello**')).toBe('Hello')
  expect(text('x'.repeat(300))).toHaveLength(120)
  expect(firstLine({ type: 'text', text: 'gone', deleted: true })).toBe('message deleted')
  expect(firstLine({ type: 'audio', deleted: false })).toBe('voice message')
})
