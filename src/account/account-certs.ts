// Certificates an account's devices give each other (docs/architecture.md §16.4): when a
// device goes, those it alone had certified get one from this device; the device holding the
// identity's secret certifies by the identity every device that has no such certificate yet.
// ClientAccount's removeDevice and its follow on each account update use these.
import { signDeviceCert } from '../../views/device-cert.js'
import type { AccountBase, AccountDevice } from './account-base.js'

type Signer = () => { publicKey: Buffer, secretKey: Buffer }

/** Devices whose every certificate came from the one going get one from this device (`self`). */
export async function recertify (account: AccountBase, signer: Signer, identity: string, self: string, devices: AccountDevice[], going: string): Promise<void> {
  for (const d of devices) {
    if (d.key === going || d.key === self) continue
    const certs = await account.certs(d.key)
    if (certs.some(c => c.by !== going)) continue
    await account.append({ type: 'cert-added', v: 1, device: d.key, cert: signDeviceCert(signer(), identity, d.key) })
  }
}

/** Every device of the account without a certificate by the identity `I` gets one. */
export async function certifyAllByIdentity (account: AccountBase, signer: Signer, I: string): Promise<void> {
  for (const d of await account.devices()) {
    if ((await account.certs(d.key)).some(c => c.by === I)) continue
    await account.append({ type: 'cert-added', v: 1, device: d.key, cert: signDeviceCert(signer(), I, d.key) })
  }
}
