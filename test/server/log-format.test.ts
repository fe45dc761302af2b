// The log formatter: one readable line per pino record, never a JSON blob.
import { test, expect } from 'vitest'
import { formatLine, createLog } from '../../src/logging.js'

const at = Date.UTC(2026, 4, 4, 9, 12, 3, 512)

test('a record becomes time, level, scope, message, error and the fields the message does not say', () => {
  const line = formatLine(JSON.stringify({ level: 30, time: at, room: '79fb8969', alias: 'general', peer: '9ab1c2d3', peers: 1, msg: 'peer 9ab1c2d3 connected (1 peer)' }))
  expect(line).toBe('2026-05-04T09:12:03.512Z INFO  [general 79fb8969] peer 9ab1c2d3 connected (1 peer)\n')
  const warn = formatLine(JSON.stringify({ level: 40, time: at, node: 'alice', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' }, events: 13, msg: 'warning' }))
  expect(warn).toBe('2026-05-04T09:12:03.512Z WARN  [alice] warning: boom events=13\n')
  const http = formatLine(JSON.stringify({ level: 30, time: at, part: 'http', reqId: 'req-1', res: { statusCode: 201 }, responseTime: 62.36353, msg: 'request completed' }))
  expect(http).toBe('2026-05-04T09:12:03.512Z INFO  [http] request completed reqId=req-1 res=201 responseTime=62.4\n')
  expect(formatLine(JSON.stringify({ level: 20, time: at, req: { method: 'GET', url: '/api/rooms' }, note: 'two words', msg: 'x' })))
    .toBe('2026-05-04T09:12:03.512Z DEBUG x req="GET /api/rooms" note="two words"\n')
  expect(formatLine('not json')).toBe('not json\n')
})

test('a field is left out only when the message says its value as a whole word', () => {
  expect(formatLine(JSON.stringify({ level: 30, time: at, events: 3, msg: 'caught up (13 events)' }))).toContain(' events=3')
})

test('createLog writes formatted lines at its level only', () => {
  const lines: string[] = []
  const { logger, http } = createLog({ level: 'warn', out: { write: (l: string) => lines.push(l) } })
  logger.info({}, 'not shown')
  logger.child({ room: 'abcd1234', alias: 'r' }).warn({ err: new Error('disk full') }, 'warning')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^\S+Z WARN {2}\[r abcd1234\] warning: disk full\n$/)
  expect(http.level).toBe('warn')
  expect(createLog({ level: 'info' }).http.level).toBe('warn') // requests only at debug
  expect(createLog({ level: 'debug' }).http.level).toBe('debug')
  expect(http.serializers.req({ method: 'GET', url: '/media/a/b?sig=secret&exp=1' })).toEqual({ method: 'GET', url: '/media/a/b' })
})
