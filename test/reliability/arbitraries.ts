// fast-check generators of blocks for the schema and hostile-peer fuzz tests: valid events of
// every type, mutations of them (field by field and byte by byte) and plain noise.
import fc from 'fast-check'

export const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o))

const hex = (n: number): fc.Arbitrary<string> => fc.uint8Array({ minLength: n, maxLength: n }).map(b => Buffer.from(b).toString('hex'))
// eslint-disable-next-line no-control-regex
const cleanName = (max: number): fc.Arbitrary<string> => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' }).filter(s => s.length <= max && s.trim() === s && !/[\u0000-\u001f\u007f]/.test(s))
const time = fc.maxSafeNat()
const mime = fc.constantFrom('text/plain', 'image/png', 'audio/webm', 'application/octet-stream', 'video/mp4', 'application/vnd.x+json')
const path = fc.string({ maxLength: 60 }).map(s => '/' + s)
const avatar = fc.oneof(
  fc.constant(null),
  fc.record({ mime: fc.constantFrom('image/png', 'image/jpeg', 'image/webp', 'image/gif'), data: fc.uint8Array({ minLength: 1, maxLength: 96 }).map(b => Buffer.from(b).toString('base64')) })
)

function withOptional<T extends object> (base: fc.Arbitrary<T>, extra: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<T> {
  const opts = fc.record(extra, { requiredKeys: [] })
  return fc.tuple(base, opts).map(([b, o]) => ({ ...b, ...o }))
}

const postedText = { text: fc.string({ minLength: 1, maxLength: 200 }).filter(t => t.trim().length > 0), ts: time }
const replyTo = fc.tuple(hex(32), fc.nat(), fc.option(fc.nat({ max: 255 }), { nil: undefined })).map(([k, s, p]) => p === undefined ? `${k}:${s}` : `${k}:${s}.${p}`)
const fileFields = { drive: hex(32), path, name: cleanName(255), mime, size: time }
const mentions = fc.uniqueArray(hex(32), { minLength: 1, maxLength: 5 })
const emoji = fc.constantFrom('👍', '❤️', '😂', '🎉', '🇫🇷', '1️⃣', '🏳️‍🌈', '✓')

/** The v3 events of conversation (views/schema-conversation.ts). */
function conversationEvent (): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    withOptional(fc.record({ type: fc.constant('message-posted'), v: fc.constant(3), ...postedText }), { replyTo, mentions }),
    fc.record({ type: fc.constant('messages-posted'), v: fc.constant(3), messages: fc.array(withOptional(fc.record(postedText), { replyTo, mentions }), { minLength: 1, maxLength: 8 }) }),
    withOptional(fc.record({ type: fc.constant('message-edited'), v: fc.constant(3), id: replyTo, ...postedText }), { mentions }),
    fc.record({ type: fc.constant('message-deleted'), v: fc.constant(3), id: replyTo, ts: time }),
    fc.record({ type: fc.constantFrom('reaction-added', 'reaction-removed'), v: fc.constant(3), id: replyTo, emoji })
  )
}

/** The v3 events of trust (views/schema-trust.ts, views/schema-invites.ts): roles, handover, removal, a join naming its device, invites. */
function trustEvent (): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.record({ type: fc.constant('role-set'), v: fc.constant(3), key: hex(32), role: fc.constantFrom('admin', 'member') }),
    fc.record({ type: fc.constant('ownership-transferred'), v: fc.constant(3), key: hex(32) }),
    fc.record({ type: fc.constant('member-removed'), v: fc.constant(3), key: hex(32), publicKey: hex(32), sig: hex(64) }),
    fc.record({ type: fc.constant('member-joined'), v: fc.constant(3), invite: hex(32), sig: hex(64), ts: time, device: hex(32), deviceSig: hex(64) }),
    withOptional(fc.record({ type: fc.constant('invite-created'), v: fc.constant(3), pub: hex(32), ts: time }), { expires: time, uses: fc.integer({ min: 1, max: 1000 }) }),
    fc.record({ type: fc.constant('invite-revoked'), v: fc.constant(3), pub: hex(32) }),
    fc.record({ type: fc.constant('invite-policy-set'), v: fc.constant(3), adminsOnly: fc.boolean() })
  )
}

/** Events that satisfy the schema, of every type. */
export function validEvent (): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.record({ type: fc.constant('room-created'), v: fc.constant(1), alias: cleanName(64) }),
    withOptional(fc.record({ type: fc.constant('invite-created'), v: fc.constant(1), pub: hex(32) }), { expires: time }),
    fc.record({ type: fc.constant('invite-revoked'), v: fc.constant(1), pub: hex(32) }),
    fc.record({ type: fc.constant('member-joined'), v: fc.constant(1), invite: hex(32), sig: hex(64), ts: time }),
    fc.record({ type: fc.constant('member-removed'), v: fc.constant(1), key: hex(32) }),
    withOptional(fc.record({ type: fc.constant('profile-set'), v: fc.constant(1), name: cleanName(64) }), { avatar, drive: hex(32) }),
    withOptional(fc.record({ type: fc.constant('message-posted'), v: fc.constant(1), ...postedText }), { replyTo }),
    fc.record({ type: fc.constant('messages-posted'), v: fc.constant(2), messages: fc.array(withOptional(fc.record(postedText), { replyTo }), { minLength: 1, maxLength: 8 }) }),
    withOptional(fc.record({ type: fc.constant('file-posted'), v: fc.constant(1), ts: time, ...fileFields }), { version: time }),
    withOptional(fc.record({ type: fc.constant('audio-posted'), v: fc.constant(1), ts: time, duration: time, ...fileFields }), { version: time }),
    conversationEvent(),
    trustEvent()
  )
}

const nasty = fc.oneof(
  fc.anything(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' x', 'a\r\nb', '../../etc/passwd', 'AB'.repeat(32), 'x'.repeat(70_000), '\u0000', '<script>', '__proto__'),
  fc.constantFrom(-1, 0.5, 2 ** 53, Number.MAX_VALUE, NaN, true, null, [], {}),
  fc.integer()
)

/** A valid event with one thing changed: a field's value, a field removed or added, the type, the version, or its bytes. */
export function mutatedEvent (): fc.Arbitrary<Buffer> {
  return fc.tuple(validEvent(), fc.nat(), fc.nat()).chain(([ev, a, b]) => {
    const fields = Object.keys(ev)
    const field = fields[a % fields.length] as string
    const bytes = json(ev)
    return fc.oneof(
      nasty.map(value => json({ ...ev, [field]: value })),
      fc.constant(json(Object.fromEntries(Object.entries(ev).filter(([k]) => k !== field)))),
      fc.tuple(fc.string({ maxLength: 10 }), nasty).map(([k, value]) => json({ ...ev, [k]: value })),
      fc.constantFrom('room-created', 'member-joined', 'message-posted', 'messages-posted', 'file-posted', 'profile-set', 'message-edited', 'reaction-added', 'role-set', 'member-removed', 'x').map(type => json({ ...ev, type })),
      fc.constantFrom(0, -1, 1.0001, '1', null, 2, 3).map(v => json({ ...ev, v })),
      fc.uint8Array({ minLength: 1, maxLength: 4 }).map(flips => {
        const out = Buffer.from(bytes)
        flips.forEach((x, i) => { out[(b + i * 7919) % out.length] ^= x })
        return out
      }),
      fc.constant(bytes.subarray(0, b % bytes.length))
    )
  })
}

/** Anything a peer could put in a block. */
export function anyBlock (): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.jsonValue().map(json),
    fc.object().map(o => { try { return json(o) } catch { return Buffer.alloc(0) } }),
    fc.string({ unit: 'binary', maxLength: 200 }).map(s => Buffer.from(s)),
    mutatedEvent(),
    validEvent().map(json)
  )
}
