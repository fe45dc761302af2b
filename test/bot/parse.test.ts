import { describe, expect, it } from 'vitest'
import { parseCommand, MAX_ARGS } from '../../src/bot/parse.js'
import { parseDice, roll, formatRoll } from '../../src/bot/dice.js'
import { BOT_MARKER, isBotMessage, replyText } from '../../src/bot/context.js'
import { formatSize, formatStats } from '../../src/bot/example-bot.js'

describe('parseCommand', () => {
  it('reads a name, its words and the raw rest', () => {
    expect(parseCommand('!ping')).toEqual({ name: 'ping', args: [], rest: '' })
    expect(parseCommand('  !Roll 2d6  ')).toEqual({ name: 'roll', args: ['2d6'], rest: '2d6' })
    expect(parseCommand('!echo hello   *world*\nline two')).toEqual({ name: 'echo', args: ['hello', '*world*', 'line', 'two'], rest: 'hello   *world*\nline two' })
    expect(parseCommand('?stats now', '?')).toEqual({ name: 'stats', args: ['now'], rest: 'now' })
  })

  it('leaves ordinary chat alone', () => {
    for (const text of ['ping', '! ping', '!!!', '!5 dice', '!ping!', '!echo:x', '', 'hey !ping', BOT_MARKER + '!ping']) {
      expect(parseCommand(text), text).toBeNull()
    }
  })

  it('bounds what it splits out', () => {
    const many = parseCommand('!echo ' + 'a '.repeat(10_000))
    expect(many?.args.length).toBe(MAX_ARGS)
    expect(parseCommand('!' + 'x'.repeat(500))?.name.length).toBe(32)
  })
})

describe('dice', () => {
  it('parses NdM, dM and the default', () => {
    expect(parseDice(undefined)).toEqual({ count: 1, sides: 6 })
    expect(parseDice('2d6')).toEqual({ count: 2, sides: 6 })
    expect(parseDice('D20')).toEqual({ count: 1, sides: 20 })
    expect(parseDice('100d1000')).toEqual({ count: 100, sides: 1000 })
  })

  it('refuses what is malformed or beyond the limits, with a reason', () => {
    for (const spec of ['999999d999999', '101d6', '0d6', '2d1', '1d1001', 'abc', '2d', 'd', '-1d6', '1e3d6', '9'.repeat(40) + 'd6']) {
      expect(typeof parseDice(spec), spec).toBe('string')
    }
  })

  it('rolls within range with the random source given', () => {
    const seq = [0, 5, 2]
    const r = roll({ count: 3, sides: 6 }, () => seq.shift() as number)
    expect(r).toEqual({ count: 3, sides: 6, rolls: [1, 6, 3], total: 10 })
    expect(formatRoll(r)).toBe('3d6: 1 + 6 + 3 = 10')
    expect(formatRoll(roll({ count: 1, sides: 20 }, () => 16))).toBe('1d20: 17')
    const big = roll({ count: 100, sides: 1000 })
    expect(big.rolls.every(x => Number.isInteger(x) && x >= 1 && x <= 1000)).toBe(true)
  })
})

describe('replies', () => {
  it('are marked as a bot\'s and cut to what a message holds', () => {
    expect(replyText('hi')).toBe(BOT_MARKER + 'hi')
    expect(replyText('  ')).toBeNull()
    const long = replyText('x'.repeat(50_000)) as string
    expect(long.length).toBe(16_000)
    expect(long.endsWith('…')).toBe(true)
    expect(isBotMessage({ text: long })).toBe(true)
    expect(isBotMessage({ text: '!ping' })).toBe(false)
    expect(isBotMessage({})).toBe(false)
  })

  it('format sizes and stats for people', () => {
    expect(formatSize(12)).toBe('12 bytes')
    expect(formatSize(1536)).toBe('1.5 KB (1536 bytes)')
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB (5242880 bytes)')
    expect(formatStats({ messages: 1, files: 0, members: 2, peers: 1, partial: false })).toBe('📊 1 message, 2 members, 1 peer online, 0 files (incl. voice)')
  })
})
