// The member's rules for a link request (src/account/linking.ts answerRequest), on blind-pairing's
// own request objects, offline: one use, expiry checked by us (blind-pairing never does), the
// same request delivered twice (a connection and a DHT poll) confirmed twice and linked once,
// another device's code left unanswered, a request not signed by its device refused.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import BlindPairing from 'blind-pairing'
import { CandidateRequest, MemberRequest } from 'blind-pairing-core'
import { answerRequest, linkRequestData, type LinkHost, type LinkRequest } from '../../src/account/linking.js'
import type { LinkInvite } from '../../src/account/account-file.js'

const accountKey = crypto.randomBytes(32)
const discoveryKey = crypto.discoveryKey(accountKey)

function member (invites: LinkInvite[], banned: string[] = []) {
  const linked: LinkRequest[] = []
  const host: LinkHost = {
    discoveryKey: () => discoveryKey,
    invites: () => invites,
    markUsed: async () => {},
    mayLink: async (device) => !banned.includes(device),
    link: async (request) => { if (!linked.some(l => l.device === request.device)) linked.push(request) },
    answer: () => ({ key: accountKey, encryptionKey: crypto.randomBytes(32) }),
    warn: (err) => { throw err }
  }
  return { host, linked }
}

function code (expiresIn: number): { invite: Buffer, saved: LinkInvite } {
  const made = BlindPairing.createInvite(accountKey, { expires: Date.now() + expiresIn })
  return { invite: made.invite, saved: { id: made.id.toString('hex'), publicKey: made.publicKey.toString('hex'), expires: made.expires } }
}

function device (name = 'laptop', sign = true) {
  const keyPair = crypto.keyPair()
  const writer = crypto.randomBytes(32)
  const data = linkRequestData(discoveryKey, writer, sign ? keyPair : crypto.keyPair(), name)
  if (!sign) data.set(keyPair.publicKey, 32) // claims a device it cannot sign for
  return { key: keyPair.publicKey.toString('hex'), data }
}

/** Sends the request as blind-pairing would; the candidate's outcome: 'linked' or the error code. */
async function ask (host: LinkHost, invite: Buffer, userData: Buffer, candidate = new CandidateRequest(invite, userData)): Promise<string | null> {
  const request = MemberRequest.from(candidate.encode())
  await answerRequest(host, request)
  if (request.response === null) return null
  let refused: string | null = null
  candidate.once('rejected', (err: { code?: string }) => { refused = err.code ?? 'rejected' })
  const paired = candidate.handleResponse(request.response)
  return paired !== null ? 'linked' : refused
}

test('a code links one device; the same request again gets the same confirm; another device is told INVITE_USED', async () => {
  const { invite, saved } = code(60_000)
  const { host, linked } = member([saved])
  const laptop = device()
  expect(await ask(host, invite, laptop.data)).toBe('linked')
  expect(await ask(host, invite, laptop.data)).toBe('linked') // delivered twice
  expect(linked.map(l => l.device)).toEqual([laptop.key])
  expect(saved.usedBy).toBe(laptop.data.toString('hex'))
  expect(await ask(host, invite, device('phone').data)).toBe('INVITE_USED')
  expect(linked).toHaveLength(1)
})

test('two devices racing one code: one is linked, the other told INVITE_USED', async () => {
  const { invite, saved } = code(60_000)
  const { host, linked } = member([saved])
  const outcomes = await Promise.all([ask(host, invite, device('a').data), ask(host, invite, device('b').data)])
  expect(outcomes.sort()).toEqual(['INVITE_USED', 'linked'])
  expect(linked).toHaveLength(1)
})

test('an expired code is refused by the member even when the candidate thinks it is not (a lying clock)', async () => {
  const { invite, saved } = code(60_000)
  const { host, linked } = member([{ ...saved, expires: Date.now() - 1 }])
  expect(await ask(host, invite, device().data)).toBe('INVITE_EXPIRED')
  expect(linked).toHaveLength(0)
})

test('a code another device made gets no answer here; a forged or banned device is refused', async () => {
  const ours = code(60_000)
  const theirs = code(60_000)
  const { host, linked } = member([ours.saved])
  expect(await ask(host, theirs.invite, device().data)).toBeNull()
  expect(await ask(host, ours.invite, device('x', false).data)).toBe('PAIRING_REJECTED')
  const again = code(60_000)
  const banned = device()
  const m = member([again.saved], [banned.key])
  expect(await ask(m.host, again.invite, banned.data)).toBe('PAIRING_REJECTED')
  expect(linked).toHaveLength(0)
  expect(m.linked).toHaveLength(0)
})
