// Names you can't fake: what a new name may hold (views/names.ts, profile-set v3), how an old
// one is shown, the lookalike check (src/names/skeleton.ts) and identities (src/names/identities.ts).
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { cleanName, describeHidden, fingerprint, hiddenIn, keyHue, longFingerprint } from '../../views/names.js'
import { decodeEvent } from '../../views/schema.js'
import { skeleton } from '../../src/names/skeleton.js'
import { identify } from '../../src/names/identities.js'
import { createHarness } from '../views/host.js'

// The four impostors of the issue, and the real one.
const REAL = 'alice'
const IMPOSTORS = {
  copy: 'alice',
  cyrillic: '\u0430lice', // Cyrillic а
  zeroWidth: 'al\u200bice',
  override: '\u202eecila' // shows as "alice" in a bidi-aware renderer
}

const block = (x: unknown): Buffer => Buffer.from(JSON.stringify(x))

test('hidden characters are found: bidi controls, zero-width, tags, controls, lone surrogates', () => {
  expect(hiddenIn(REAL)).toEqual([])
  expect(hiddenIn(IMPOSTORS.zeroWidth)).toEqual(['\u200b'])
  expect(hiddenIn(IMPOSTORS.override)).toEqual(['\u202e'])
  for (const ch of ['\u200e', '\u200f', '\u2066', '\u2069', '\u061c', '\u00ad', '\ufeff', '\u2060', '\u3164', '\u034f', '\u{e0041}', '\u0085', '\u2028', '\ud800']) {
    expect(hiddenIn('al' + ch + 'ice'), JSON.stringify(ch)).toEqual([ch])
  }
  expect(describeHidden(['\u202e', '\u200b', '\u202e'])).toBe('U+202E, U+200B')
})

test('joiners and presentation selectors stay where scripts and emoji need them, nowhere else', () => {
  expect(hiddenIn('می\u200cخواهم')).toEqual([]) // Persian ZWNJ between letters
  expect(hiddenIn('👩\u200d💻 dev')).toEqual([]) // an emoji sequence
  expect(hiddenIn('❤\ufe0f')).toEqual([])
  expect(hiddenIn('al\u200dice')).toEqual(['\u200d']) // between ASCII letters: hides only
  expect(hiddenIn('\u200cали')).toEqual(['\u200c']) // at the start
  expect(hiddenIn('a\ufe0f')).toEqual(['\ufe0f'])
})

test('an old name is shown cleaned and marked; one of hidden characters only is empty', () => {
  expect(cleanName(IMPOSTORS.override)).toEqual({ text: 'ecila', hidden: true })
  expect(cleanName(IMPOSTORS.zeroWidth)).toEqual({ text: 'alice', hidden: true })
  expect(cleanName('Ada\u2003 \u3000Lovelace')).toEqual({ text: 'Ada Lovelace', hidden: false })
  expect(cleanName('\u200b\u202e')).toEqual({ text: '', hidden: true })
})

test('profile-set v3 refuses a name with hidden characters; v1 keeps its meaning (stored as written)', async () => {
  expect(decodeEvent(block({ type: 'profile-set', v: 3, name: IMPOSTORS.override }))).toBeNull()
  expect(decodeEvent(block({ type: 'profile-set', v: 3, name: IMPOSTORS.zeroWidth }))).toBeNull()
  expect(decodeEvent(block({ type: 'profile-set', v: 3, name: IMPOSTORS.cyrillic }))).toEqual({ kind: 'event', event: { type: 'profile-set', v: 3, name: IMPOSTORS.cyrillic } })
  expect(decodeEvent(block({ type: 'profile-set', v: 1, name: IMPOSTORS.override }))).toEqual({ kind: 'event', event: { type: 'profile-set', v: 1, name: IMPOSTORS.override } })

  const owner = crypto.keyPair().publicKey
  const h = await createHarness(owner)
  await h.append(owner, { type: 'room-created', v: 1, alias: 'r' })
  await h.append(owner, { type: 'profile-set', v: 1, name: IMPOSTORS.override })
  expect(await h.get('user/' + owner.toString('hex'))).toEqual({ name: IMPOSTORS.override })
  await h.append(owner, { type: 'profile-set', v: 3, name: IMPOSTORS.zeroWidth }) // skipped
  await h.append(owner, { type: 'profile-set', v: 3, name: 'Alice Martin', drive: 'ab'.repeat(32) })
  expect(await h.get('user/' + owner.toString('hex'))).toEqual({ name: 'Alice Martin', drive: 'ab'.repeat(32) })
  expect(await h.get('meta/skipped')).toBe(1)
})

test('skeletons: the copy, the Cyrillic а and the zero-width space look like alice; the override does not once cleaned', () => {
  expect(skeleton(IMPOSTORS.copy)).toBe(skeleton(REAL))
  expect(skeleton(IMPOSTORS.cyrillic)).toBe(skeleton(REAL))
  expect(skeleton(IMPOSTORS.zeroWidth)).toBe(skeleton(REAL))
  expect(skeleton('ALICE')).toBe(skeleton(REAL))
  expect(skeleton('ａｌｉｃｅ')).toBe(skeleton(REAL)) // fullwidth, NFKC
  expect(skeleton('rnary')).toBe(skeleton('mary'))
  expect(skeleton('bob')).not.toBe(skeleton(REAL))
  expect(skeleton(IMPOSTORS.override)).toBe('ecila') // shown as "ecila": visibly not alice
})

test('identities: lookalikes marked both ways, fingerprints lengthened until they differ, nicknames count', () => {
  const key = (prefix: string): string => (prefix + crypto.randomBytes(32).toString('hex')).slice(0, 64)
  const alice = key('5495aa')
  const copy = key('5495bb') // ground to share alice's usual fingerprint
  const cyr = key('eb9c')
  const bob = key('0b0b')
  const ids = identify([
    { key: alice, name: REAL },
    { key: copy, name: IMPOSTORS.copy },
    { key: cyr, name: IMPOSTORS.cyrillic },
    { key: bob, name: 'bob' }
  ], (k) => k === bob ? { nickname: 'Alice', verified: true } : undefined)
  expect(ids.get(alice)).toMatchObject({ name: 'alice', fingerprint: '5495aa', hiddenCharacters: false, verified: false })
  expect(ids.get(alice)?.lookalikes.sort()).toEqual([copy, cyr, bob].sort())
  expect(ids.get(copy)?.fingerprint).toBe('5495bb')
  expect(ids.get(cyr)?.fingerprint).toBe(cyr.slice(0, 6))
  expect(ids.get(bob)).toMatchObject({ name: 'bob', nickname: 'Alice', verified: true })

  const alone = identify([{ key: alice, name: REAL }, { key: bob, name: '\u202eecila' }], () => undefined)
  expect(alone.get(alice)).toMatchObject({ fingerprint: '5495', lookalikes: [] })
  expect(alone.get(bob)).toMatchObject({ name: 'ecila', hiddenCharacters: true, lookalikes: [] })
  expect(identify([{ key: bob, name: '\u200b' }], () => undefined).get(bob)?.name).toBeNull()
})

test('fingerprints: short, long (128 bits in 8 groups) and a hue, all from the key', () => {
  const k = '5495eb9c' + '0'.repeat(48) + '000000ff'
  expect(fingerprint(k)).toBe('5495')
  expect(longFingerprint(k)).toBe('5495 eb9c 0000 0000 0000 0000 0000 0000')
  expect(keyHue(k)).toBe(255)
})
