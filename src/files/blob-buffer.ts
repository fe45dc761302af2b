// Reading a whole blob into one buffer (readFile), each block decrypted in its place there.
// - Through the stream (blob-reader.ts) an encrypted block (every drive of an encrypted room)
//   was copied twice on its way into readFile's result: Hypercore copies each block before
//   decrypting it (the bytes it got may be shared with other sessions), and readFile copied
//   that copy into the result. Here a block is taken as stored (`raw`: padding and ciphertext;
//   those bytes are never written to), copied once into the result and decrypted there by the core's own
//   encryption provider: 50 MB no longer leave 800 blocks of 64 KiB for the GC, and no stream
//   sits between the gets and the result (bench/README.md, 2026-12-02 22:45: B's CPU per read
//   −6 %). Each get asks the network at once for a block the core lacks (`trustBitfield`: no
//   storage read first, 800 of B's ~2,900 read batches per 50 MB) and takes a fetched block as
//   the slice of the message it came in (`unslab: false`: not a 64 KiB copy of its own per
//   block, 50 MB more memory outside the heap for V8 to account for); nothing here keeps the
//   block past the copy into the result. Both are our Hypercore patch, part 7 (patches/README.md).
// - A provider decrypts a block in place with its padding in front (Hypercore's default: 8
//   bytes, the nonce's second half). The padding is copied over the last bytes of the block
//   before, which are put back once the block is decrypted; a block too near the start of the
//   result goes through a copy of its own.
// - Fetching ahead and deadlines as in blob-reader.ts: gets kept in flight up to
//   `readAhead(blob)` blocks ahead of the one awaited, which must arrive within `timeout`.
import type Hypercore from 'hypercore'
import { readAhead } from './blob-reader.js'
import { unavailable, within, type BlobId, type Located } from './file-reader.js'

function noop (): void {}

/** All bytes of a located file, in one buffer; each block waits at most `timeout`. */
export async function readBlob (found: Located, timeout: number, onBytes: (bytes: number) => void = noop): Promise<Buffer> {
  const blob = found.blob
  if (blob === null || blob.byteLength === 0) return Buffer.alloc(0)
  const blobs = await within(found.drive.getBlobs(), timeout)
  if (blobs === null) throw unavailable()
  const core = blobs.core.session()
  try {
    return await readInto(core, blob, timeout, onBytes)
  } finally {
    await core.close() // cancels the gets still ahead, if the read failed
  }
}

async function readInto (core: Hypercore, blob: BlobId, timeout: number, onBytes: (bytes: number) => void): Promise<Buffer> {
  const out = Buffer.allocUnsafe(blob.byteLength)
  const end = blob.blockOffset + blob.blockLength
  const ahead = readAhead(blob)
  const gets = new Map<number, Promise<Buffer | null>>()
  let requested = blob.blockOffset
  let at = 0
  for (let index = blob.blockOffset; index < end; index++) {
    while (requested < end && requested < index + ahead) {
      const get = core.get(requested, { raw: true, trustBitfield: true, unslab: false })
      get.catch(noop) // awaited in order below; one cancelled by close must not go unhandled
      gets.set(requested++, get)
    }
    const raw = await within(gets.get(index)!, timeout)
    gets.delete(index)
    if (raw === null) throw unavailable()
    const padding = core.encryption === null ? 0 : core.encryption.padding(core.core, index)
    const n = raw.byteLength - padding
    if (at + n > out.byteLength) throw new Error(`readFile: more bytes than the ${out.byteLength} the entry gives`)
    await place(core, index, raw, padding, out, at)
    at += n
    onBytes(n)
  }
  if (at !== out.byteLength) throw new Error(`readFile: the blob ended after ${at} of ${out.byteLength} bytes`)
  return out
}

/** Puts block `index` (`raw`, as stored, `padding` bytes in front) decrypted at `out[at..]`, which has room for it. */
async function place (core: Hypercore, index: number, raw: Buffer, padding: number, out: Buffer, at: number): Promise<void> {
  const encryption = core.encryption
  if (encryption === null) {
    raw.copy(out, at)
  } else if (at < padding) {
    const copy = Buffer.from(raw)
    await encryption.decrypt(index, copy, core.core)
    copy.copy(out, at, padding)
  } else {
    const before = Buffer.from(out.subarray(at - padding, at))
    raw.copy(out, at - padding)
    await encryption.decrypt(index, out.subarray(at - padding, at + raw.byteLength - padding), core.core)
    before.copy(out, at - padding)
  }
}
