// The limits and patterns of everything that crosses a wire: a block between peers, the local
// node's HTTP API, the UI's inputs. Pure constants, no Node and no DOM, so the event schema, the
// server's TypeBox schemas and the browser bundle all read this one declaration.

export const LIMITS = {
  /** Raw bytes of one block. An avatar (64 KiB) in base64 fits with room to spare. */
  blockBytes: 128 * 1024,
  textChars: 16_000,
  nameChars: 64,
  aliasChars: 64,
  avatarBytes: 64 * 1024,
  fileNameChars: 255,
  filePathChars: 1024,
  mimeChars: 127,
  /** Messages in one messages-posted block. */
  packedMessages: 256
} as const

/** Limits of the local HTTP API that no event carries. */
export const API_LIMITS = {
  /** An invite as pasted (`linkup:…`). */
  inviteChars: 2048,
  /** Messages in one page of GET /api/rooms/:id/messages. */
  pageMessages: 200,
  /** A file name as uploaded, before it is cleaned to at most LIMITS.fileNameChars. */
  uploadNameChars: 16_384
} as const

/** The image types an avatar may have: the UI offers them, the server and apply accept them. */
export const AVATAR_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
export type AvatarMime = typeof AVATAR_MIMES[number]

/** 32 bytes in lowercase hex, without anchors (to place inside a larger RegExp). */
export const HEX32_SOURCE = '[0-9a-f]{64}'
const HEX32 = HEX32_SOURCE

/**
 * Patterns as JSON-schema strings (TypeBox takes them as they are); the RegExps below are made
 * from the same strings. HEX32 is 32 bytes in lowercase hex: every key (room, writer, drive,
 * invite), the access token and a file link's signature.
 */
export const PATTERNS = {
  hex32: `^${HEX32}$`,
  /** 64 bytes in hex: a signature. */
  hex64: '^[0-9a-f]{128}$',
  /** "<writer>:<seq>", or "<writer>:<seq>.<part>" for one text of a messages-posted block. */
  messageId: `^${HEX32}:[0-9]{1,15}(\\.[0-9]{1,3})?$`,
  /** A name as shown (display name, room alias): no space at either end. */
  trimmed: '^\\S(.*\\S)?$',
  base64: '^[A-Za-z0-9+/]*={0,2}$',
  invite: '^linkup:'
} as const

export const HEX32_RE = new RegExp(PATTERNS.hex32)
export const HEX64_RE = new RegExp(PATTERNS.hex64)
export const MESSAGE_ID_RE = new RegExp(PATTERNS.messageId)
export const BASE64_RE = new RegExp(PATTERNS.base64)

/** A 32-byte key (or token) in lowercase hex. */
export function isHex32 (x: unknown): x is string {
  return typeof x === 'string' && HEX32_RE.test(x)
}
