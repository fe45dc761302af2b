// This device's account secrets and bookkeeping, in `<storage>/account.json` (mode 0600, beside
// local-state.json, never in the Corestore: no peer can replicate it). docs/architecture.md §16.1.
//
// - `identity`: the identity key pair I. Its secret lives ONLY here, on the device that made it
//   (the first device of the account); a linked device holds `identity.publicKey` alone and acts
//   with its own device certificate, signed by the device that linked it.
// - `account`: the account base's key, encryption key and Corestore namespace (a new namespace
//   per account base, so a device that joins another account never mixes the writer cores).
// - `invites`: link codes this device made (id, public key, expiry, who used it), so a code is
//   one use across restarts and a request delivered twice gets the same answer.
// - `toBind`: rooms this device was in before it had an identity, still to bind (§16.6).
// Written atomically (src/atomic-file.ts); a damaged file stops the start with a clear line.
import path from 'path'
import { replaceFile, readIfPresent, WriteQueue } from '../atomic-file.js'
import { isKey, isSig } from '../../views/checks.js'

export interface LinkInvite {
  /** blind-pairing's invite id (hex). */
  id: string
  /** The invite's public key (hex): opens a request made with the code. */
  publicKey: string
  expires: number
  /** The request session that used it (hex), once used. */
  usedBy?: string
}

export interface AccountFile {
  identity: { publicKey: string, secretKey?: string }
  /** This device's certificate (by the identity, or the device that linked it). */
  cert: { by: string, sig: string }
  account: { key: string, encryptionKey: string, namespace: string }
  invites: LinkInvite[]
  toBind: string[]
}

export class AccountStore {
  readonly file: string
  private readonly writes = new WriteQueue()

  constructor (dir: string) {
    this.file = path.join(dir, 'account.json')
  }

  /** The saved account, or null on a first start. */
  async load (): Promise<AccountFile | null> {
    const text = await readIfPresent(this.file)
    if (text === null) return null
    const parsed = parseAccountFile(text)
    if (parsed === null) throw new Error(`${this.file} is damaged: restore it from a backup (it holds this device's identity key), or move it away to start as a new identity`)
    return parsed
  }

  /** Writes `state` as it is now; writes are serialised. */
  save (state: AccountFile): Promise<void> {
    const text = JSON.stringify(state)
    return this.writes.run(() => replaceFile(this.file, text))
  }

  flushed (): Promise<void> {
    return this.writes.settled()
  }
}

function parseAccountFile (text: string): AccountFile | null {
  let f: unknown
  try {
    f = JSON.parse(text)
  } catch {
    return null
  }
  if (f === null || typeof f !== 'object') return null
  const { identity, cert, account, invites, toBind } = f as Record<string, unknown>
  const id = identity as Record<string, unknown> | null
  const c = cert as Record<string, unknown> | null
  const a = account as Record<string, unknown> | null
  if (id === null || typeof id !== 'object' || !isKey(id.publicKey)) return null
  if (id.secretKey !== undefined && !(typeof id.secretKey === 'string' && /^[0-9a-f]{128}$/.test(id.secretKey))) return null
  if (c === null || typeof c !== 'object' || !isKey(c.by) || !isSig(c.sig)) return null
  if (a === null || typeof a !== 'object' || !isKey(a.key) || !isKey(a.encryptionKey) || typeof a.namespace !== 'string') return null
  if (!Array.isArray(invites) || !Array.isArray(toBind) || !toBind.every(isKey)) return null
  const kept: LinkInvite[] = invites.filter((i): i is LinkInvite => i !== null && typeof i === 'object' && isKey(i.id) && isKey(i.publicKey) && Number.isSafeInteger(i.expires))
  const state: AccountFile = {
    identity: { publicKey: id.publicKey },
    cert: { by: c.by, sig: c.sig },
    account: { key: a.key, encryptionKey: a.encryptionKey, namespace: a.namespace },
    invites: kept,
    toBind: toBind as string[]
  }
  if (typeof id.secretKey === 'string') state.identity.secretKey = id.secretKey
  return state
}
