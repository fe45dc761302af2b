// Markdown that is costly to show: each near the 16,000-character limit of a text.
const TEXT = 16_000
const fit = (s: string, room = 0): string => s.slice(0, TEXT - room)
const code = fit(Array.from({ length: 1500 }, (_, i) => `function f${i} (a, b) { return a * ${i} + b } // comment ${i}`).join('\n'), 16)
const python = fit(Array.from({ length: 1500 }, (_, i) => `def f${i}(a, b):\n    return [x * ${i} for x in range(a) if x % b]  # ${i}`).join('\n'), 16)

/** Fifty messages (a whole page), each near the 16,000-character limit and costly to show. */
export const HOSTILE: string[] = [
  ...Array.from({ length: 20 }, (_, i) => '```\n' + fit(`// ${i}\n` + code, 8) + '\n```'),
  ...Array.from({ length: 6 }, (_, i) => '```javascript\n' + fit(`// ${i}\n` + code, 18) + '\n```'),
  ...Array.from({ length: 4 }, (_, i) => '```python\n' + fit(`# ${i}\n` + python, 14) + '\n```'),
  ...Array.from({ length: 6 }, (_, i) => fit(`| ${i} | b |\n|-|-|\n` + '|x|y|\n'.repeat(2700))),
  ...Array.from({ length: 4 }, (_, i) => fit(`${i} ` + '**_*_**'.repeat(2300))),
  ...Array.from({ length: 4 }, (_, i) => fit(`${i} ` + '<http://a.b/'.repeat(1400))),
  ...Array.from({ length: 6 }, (_, i) => fit(`${i} ` + 'Some *emphasis* and **strong** and `code` and [a link](https://example.com/x) and https://linkify.me/path '.repeat(200)))
]
