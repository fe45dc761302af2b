// Device certificates (views/device-cert.ts): what verifies and what does not.
import { test, expect } from 'vitest'
import crypto from 'hypercore-crypto'
import { signDeviceCert, verifyDeviceCert, decodeDeviceCert } from '../../views/device-cert.js'

const hex = (b: Buffer): string => b.toString('hex')

test('a certificate verifies for its identity and device only', () => {
  const identity = crypto.keyPair()
  const device = hex(crypto.keyPair().publicKey)
  const other = hex(crypto.keyPair().publicKey)
  const I = hex(identity.publicKey)
  const cert = signDeviceCert(identity, I, device)
  expect(cert.by).toBe(I)
  expect(verifyDeviceCert(cert, I, device)).toBe(true)
  expect(verifyDeviceCert(cert, I, other)).toBe(false) // another device
  expect(verifyDeviceCert(cert, other, device)).toBe(false) // another identity
  expect(verifyDeviceCert({ ...cert, by: other }, I, device)).toBe(false) // a claimed signer that did not sign
  const flipped = (cert.sig[0] === '0' ? '1' : '0') + cert.sig.slice(1)
  expect(verifyDeviceCert({ ...cert, sig: flipped }, I, device)).toBe(false)
})

test('a device of the identity may sign for the next one', () => {
  const I = hex(crypto.keyPair().publicKey)
  const first = crypto.keyPair()
  const second = hex(crypto.keyPair().publicKey)
  const cert = signDeviceCert(first, I, second)
  expect(cert.by).toBe(hex(first.publicKey))
  expect(verifyDeviceCert(cert, I, second)).toBe(true)
})

test('hostile shapes never throw and never verify', () => {
  const I = hex(crypto.keyPair().publicKey)
  const D = hex(crypto.keyPair().publicKey)
  for (const bad of [null, 1, 'x', [], {}, { by: I }, { by: 'zz'.repeat(32), sig: 'ff'.repeat(64) }, { by: I, sig: 'FF'.repeat(64) }]) {
    expect(verifyDeviceCert(bad as never, I, D)).toBe(false)
    expect(decodeDeviceCert(bad)).toBe(null)
  }
  expect(verifyDeviceCert({ by: I, sig: 'ff'.repeat(64) }, 'nothex', D)).toBe(false)
  expect(() => signDeviceCert(crypto.keyPair(), 'nothex', D)).toThrow(TypeError)
  expect(decodeDeviceCert({ by: I, sig: 'ab'.repeat(64), extra: 1 })).toEqual({ by: I, sig: 'ab'.repeat(64) })
})
