// File names and media types that arrive from users and peers, made safe before they enter a
// drive path, an event or an HTTP header. Pure functions.
import { LIMITS, wellFormed } from '../../views/limits.js'

/** The largest file sendFile / sendAudio accept. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * A file name safe to use as the last part of a drive path, to show and to send in a header:
 * well-formed (a lone surrogate becomes U+FFFD), only the last path segment (no '/', '\\' or
 * '..'), no control or bidi-override characters, trimmed, at most LIMITS.fileNameChars UTF-16
 * code units (the extension is kept when a long name is cut).
 */
export function sanitiseName (name: unknown): string {
  let s = typeof name === 'string' ? wellFormed(name).normalize('NFC') : ''
  s = s.replace(CONTROL, '')
  s = s.split(/[/\\]/).filter(part => part !== '' && part !== '.' && part !== '..').pop() ?? ''
  s = s.replace(/^\.+/, '').trim()
  if (s.length === 0) return 'file'
  const max = LIMITS.fileNameChars
  if (s.length <= max) return s
  const dot = s.lastIndexOf('.')
  const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : ''
  let base = s.slice(0, Math.min(ext === '' ? s.length : dot, max - ext.length))
  if (/[\ud800-\udbff]$/.test(base)) base = base.slice(0, -1) // never split a surrogate pair
  base = base.trim()
  return base.length === 0 ? 'file' + ext : base + ext
}

/** A bare, lower-case media type ('audio/webm;codecs=opus' → 'audio/webm'); unknown → octet-stream. */
export function normaliseMime (mime: unknown, fallback = 'application/octet-stream'): string {
  if (typeof mime !== 'string') return fallback
  const bare = (mime.split(';')[0] ?? '').trim().toLowerCase()
  return bare.length <= LIMITS.mimeChars && MIME.test(bare) ? bare : fallback
}

const AUDIO_EXT: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/flac': 'flac'
}

/** The name a voice message gets in the drive and in the message. */
export function voiceName (mime: string): string {
  return 'voice-message.' + (AUDIO_EXT[mime] ?? 'audio')
}

const BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
  svg: 'image/svg+xml', mp3: 'audio/mpeg', ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/ogg', wav: 'audio/wav',
  m4a: 'audio/mp4', flac: 'audio/flac', mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime',
  pdf: 'application/pdf', txt: 'text/plain', md: 'text/markdown', json: 'application/json', zip: 'application/zip',
  html: 'text/html', htm: 'text/html'
}

/** A media type guessed from a file name's extension, for callers that gave none. */
export function mimeFromName (name: string): string {
  const dot = name.lastIndexOf('.')
  return BY_EXTENSION[dot < 0 ? '' : name.slice(dot + 1).toLowerCase()] ?? 'application/octet-stream'
}

/** A byte count for people: '100 MB', '64 KB', '17 bytes'. */
export function formatBytes (n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`
  return `${n} bytes`
}
