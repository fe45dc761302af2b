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
  packedMessages: 256,
  /** Members one message may mention (v3). */
  mentions: 50,
  /** UTF-8 bytes of one reaction: an emoji (the longest ZWJ sequences are about 35). */
  emojiBytes: 64,
  /** Different emoji on one message. */
  reactionEmoji: 20,
  /** Reactions on one message, every emoji and person together: bounds the record's size. */
  reactions: 256,
  /** Reactions one person may add or remove on one message, in all: a flood stops there. */
  reactionChanges: 64,
  /** Seeders listed in one room (views/seeders.ts). */
  seeders: 8
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

/**
 * A message's time is its sender's claim (`ts`): the view keeps it as sent, since apply reads
 * no clock and v1/v2 blocks take any safe integer ≥ 0 for ever (bounding them now would skip
 * blocks that older builds apply). What reads it bounds it: the SDK clamps it to a valid Date,
 * and a claim is *far off* when it lies more than `ahead` after the moment this device first
 * saw the message, or before `floor` (before LinkUp existed). Claims in the past are not
 * refuted otherwise: a message written offline arrives days after its time, truly.
 */
export const TIMES = {
  /** The last instant a JavaScript Date can hold (8.64e15 ms, year 275760). */
  lastValid: 8.64e15,
  /** 1 January 2025: no LinkUp message was written before it. */
  floor: Date.UTC(2025, 0, 1),
  /** Clocks drift: a claim up to this far after first sight is still believed. */
  ahead: 10 * 60_000
} as const

/** Whether a claimed time is far off for a message this device first saw at `seenAt`. */
export function clockOff (claimed: number, seenAt: number): boolean {
  return !(claimed >= TIMES.floor && claimed <= seenAt + TIMES.ahead)
}

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

// Lone UTF-16 surrogates: a high one not followed by a low one, or a low one not after a high.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * The string with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, which
 * Node 20's TypeScript lib does not declare). A lone surrogate cannot be encoded as UTF-8 or
 * percent-encoded (encodeURIComponent throws on it), so the SDK cleans every name before it is
 * stored, and the server cleans a name from a view before it goes into a header.
 *
 * Lengths everywhere (LIMITS, the HTTP schemas, the SDK, the UI's maxlength) count UTF-16 code
 * units, as String.length does: most emoji count 2. The event schema has always counted so,
 * and its meaning cannot change (events are forever).
 */
export function wellFormed (s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd')
}

/** A 32-byte key (or token) in lowercase hex. */
export function isHex32 (x: unknown): x is string {
  return typeof x === 'string' && HEX32_RE.test(x)
}

// What a reaction may not contain: control, space-like, invisible and bidi-control characters
// (U+200D, the zero-width joiner that emoji sequences are made with, is allowed).
// eslint-disable-next-line no-control-regex
const NOT_IN_EMOJI = /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200c\u200e\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufff9-\ufffb]/
const NON_ASCII = /[^\u0000-\u007f]/

/**
 * A reaction as apply accepts it: 1 to LIMITS.emojiBytes bytes of UTF-8, well formed, with at
 * least one character outside ASCII (an emoji; never a word such as "__proto__", which could
 * not be a key of the reactions object) and none of NOT_IN_EMOJI. Deterministic: it reads no
 * Unicode tables, which differ between engine versions (apply must agree on every peer). The
 * SDK also checks that it is one grapheme (src/room-reactions.ts), where that may vary.
 */
export function isEmoji (x: unknown): x is string {
  if (typeof x !== 'string' || x.length === 0 || x.length > LIMITS.emojiBytes) return false
  if (NOT_IN_EMOJI.test(x) || wellFormed(x) !== x || !NON_ASCII.test(x)) return false
  return new TextEncoder().encode(x).byteLength <= LIMITS.emojiBytes
}
