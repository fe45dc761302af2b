import { test, expect } from 'vitest'
import { sanitiseName, normaliseMime, mimeFromName, formatBytes } from '../../src/files/names.js'
import { isName, LIMITS } from '../../views/schema.js'

test('sanitised names are always valid event names, whatever comes in', () => {
  const hostile = ['', ' ', '.', '..', '../', '/', '\\', '\u0000', '\n\r\t', 'a/b/../../c', '\u202egnp.exe', 'x'.repeat(300),
    '😀'.repeat(200) + '.txt', 'name.' + 'e'.repeat(40), '  spaced  ', 'C:\\Users\\me\\file.doc', null, 42]
  for (const given of hostile) {
    const name = sanitiseName(given)
    expect(isName(name, LIMITS.fileNameChars), JSON.stringify(given) + ' → ' + JSON.stringify(name)).toBe(true)
    expect(name).not.toMatch(/[/\\]|^\.\.?$/)
  }
  expect(sanitiseName('C:\\Users\\me\\file.doc')).toBe('file.doc')
  expect(sanitiseName('  spaced  ')).toBe('spaced')
  expect(sanitiseName('😀'.repeat(200) + '.txt').endsWith('.txt')).toBe(true)
})

test('media types are bare and lower-case, or octet-stream', () => {
  expect(normaliseMime('Audio/WebM; codecs=opus')).toBe('audio/webm')
  expect(normaliseMime('text/html')).toBe('text/html')
  expect(normaliseMime('not a type')).toBe('application/octet-stream')
  expect(normaliseMime('image/png\r\nX-Evil: 1')).toBe('application/octet-stream')
  expect(normaliseMime(undefined)).toBe('application/octet-stream')
  expect(mimeFromName('photo.JPG')).toBe('image/jpeg')
  expect(mimeFromName('noext')).toBe('application/octet-stream')
  expect(formatBytes(100 * 1024 * 1024)).toBe('100 MB')
})
