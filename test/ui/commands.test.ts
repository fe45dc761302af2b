// Composer input parsing (ui/commands.ts): commands, messages, and clear errors for the rest.
import { describe, expect, it } from 'vitest'
import { parseInput } from '../../ui/commands.js'

describe('parseInput', () => {
  it('reads each command with its argument', () => {
    expect(parseInput('~create design team')).toEqual({ kind: 'command', command: { name: 'create', alias: 'design team' } })
    expect(parseInput('  ~join linkup:abc123  ')).toEqual({ kind: 'command', command: { name: 'join', invite: 'linkup:abc123' } })
    expect(parseInput('~nick Ada Lovelace')).toEqual({ kind: 'command', command: { name: 'nick', nick: 'Ada Lovelace' } })
    for (const name of ['leave', 'clear', 'ping', 'help'] as const) {
      expect(parseInput('~' + name)).toEqual({ kind: 'command', command: { name } })
    }
    const week = 7 * 24 * 3_600_000
    expect(parseInput('~invite')).toEqual({ kind: 'command', command: { name: 'invite', opts: { expiresInMs: week } } })
    expect(parseInput('~invite 1h once')).toEqual({ kind: 'command', command: { name: 'invite', opts: { expiresInMs: 3_600_000, uses: 1 } } })
    expect(parseInput('~invite never')).toEqual({ kind: 'command', command: { name: 'invite', opts: {} } })
    expect(parseInput('~remove @alice')).toEqual({ kind: 'command', command: { name: 'remove', who: '@alice' } })
    expect(parseInput('~HELP')).toEqual({ kind: 'command', command: { name: 'help' } })
    expect(parseInput('~leave anyway')).toEqual({ kind: 'command', command: { name: 'leave', anyway: true } })
  })

  it('sends anything else as a message, Markdown strikethrough included', () => {
    expect(parseInput('hello')).toEqual({ kind: 'message', text: 'hello' })
    expect(parseInput('~~struck~~ text')).toEqual({ kind: 'message', text: '~~struck~~ text' })
    expect(parseInput('~/path/to/file')).toEqual({ kind: 'message', text: '~/path/to/file' })
    expect(parseInput('line one\nline two\n')).toEqual({ kind: 'message', text: 'line one\nline two' })
    expect(parseInput('    indented code')).toEqual({ kind: 'message', text: '    indented code' })
  })

  it('ignores empty input', () => {
    expect(parseInput('')).toEqual({ kind: 'empty' })
    expect(parseInput('  \n\t ')).toEqual({ kind: 'empty' })
  })

  it('gives a clear error for an unknown command', () => {
    const r = parseInput('~dance now')
    expect(r.kind).toBe('error')
    expect(r.kind === 'error' && r.message).toMatch(/Unknown command ~dance.*~help/)
  })

  it('gives a clear error for a missing or bad argument', () => {
    const cases: Array<[string, RegExp]> = [
      ['~create', /Usage: ~create <name>/],
      ['~create ' + 'x'.repeat(65), /too long/],
      ['~join', /Usage: ~join <invite>/],
      ['~join hello', /not an invite/],
      ['~join linkup:', /not an invite/],
      ['~join linkup:abc linkup:def', /not an invite/],
      ['~nick', /Usage: ~nick <name>/],
      ['~nick ' + 'n'.repeat(65), /too long/],
      ['~nick a\u0007b', /control characters/],
      ['~invite now', /Usage: ~invite \[1h\|1d\|7d\|never\] \[once\]/],
      ['~invite 1h 1d', /Usage: ~invite/],
      ['~remove', /Usage: ~remove @name/],
      ['~clear all', /~clear takes no argument/],
      ['~leave please', /~leave takes no argument, or "anyway"/],
      ['~ping 3', /~ping takes no argument/]
    ]
    for (const [input, message] of cases) {
      const r = parseInput(input)
      expect(r.kind, input).toBe('error')
      expect(r.kind === 'error' ? r.message : '', input).toMatch(message)
    }
  })

  it('refuses a message over the length limit', () => {
    expect(parseInput('x'.repeat(16_000)).kind).toBe('message')
    const r = parseInput('x'.repeat(16_001))
    expect(r.kind === 'error' && r.message).toMatch(/too long/)
  })
})
