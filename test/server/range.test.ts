// HTTP Range parsing for file downloads (src/server/files/headers.ts, docs/architecture.md §7):
// one `bytes=` range against a file's size. Anything that is not one byte range is ignored and
// the whole file sent (RFC 9110 allows it); a range that starts past the end is unsatisfiable.
import { describe, expect, it } from 'vitest'
import { parseRange } from '../../src/server/files/headers.js'

const SIZE = 1000

describe('parseRange', () => {
  it('sends the whole file without a Range header', () => {
    expect(parseRange(undefined, SIZE)).toEqual({ kind: 'full' })
  })

  it('reads a closed, an open-ended and a suffix range', () => {
    expect(parseRange('bytes=0-99', SIZE)).toEqual({ kind: 'partial', start: 0, end: 99 })
    expect(parseRange('bytes=500-', SIZE)).toEqual({ kind: 'partial', start: 500, end: 999 })
    expect(parseRange('bytes=-100', SIZE)).toEqual({ kind: 'partial', start: 900, end: 999 })
    expect(parseRange('bytes=999-999', SIZE)).toEqual({ kind: 'partial', start: 999, end: 999 })
    expect(parseRange('  bytes=10-19 ', SIZE)).toEqual({ kind: 'partial', start: 10, end: 19 })
  })

  it('clamps an end or a suffix past the file to its last byte', () => {
    expect(parseRange('bytes=900-5000', SIZE)).toEqual({ kind: 'partial', start: 900, end: 999 })
    expect(parseRange('bytes=-5000', SIZE)).toEqual({ kind: 'partial', start: 0, end: 999 })
  })

  it('refuses a range that starts at or past the end, an empty suffix, and any range of an empty file', () => {
    expect(parseRange('bytes=1000-', SIZE)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=1000-1200', SIZE)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-0', SIZE)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
  })

  it('ignores what is not one byte range, and sends the whole file', () => {
    for (const header of ['bytes=5-2', 'bytes=0-1,5-6', 'bytes=-', 'bytes=', 'items=0-5', 'bytes=a-b', 'bytes 0-5', 'bytes=1.5-3', 'bytes=-1-2', '']) {
      expect(parseRange(header, SIZE), header).toEqual({ kind: 'full' })
    }
  })
})
