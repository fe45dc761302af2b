// Files over the local node's HTTP API (docs/files.md). Uploads use XMLHttpRequest, the one
// browser API that reports upload progress. Media elements get signed /media links (they
// cannot send the Authorization header); links are cached until shortly before they expire.
import type { Message } from './types.js'

const TOKEN_KEY = 'linkup-token' // where ui/main.ts keeps the access token for this tab
const EARLY_MS = 60_000

export interface Upload {
  /** Resolves to the posted message, rejects with an Error whose message is for people. */
  done: Promise<Message>
  abort: () => void
}

function token (): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function send (url: string, body: Blob, type: string, onProgress: (loaded: number, total: number) => void): Upload {
  const xhr = new XMLHttpRequest()
  const done = new Promise<Message>((resolve, reject) => {
    xhr.open('POST', url)
    xhr.setRequestHeader('authorization', `Bearer ${token()}`)
    xhr.setRequestHeader('content-type', type === '' ? 'application/octet-stream' : type)
    xhr.upload.onprogress = (e) => { onProgress(e.loaded, e.lengthComputable ? e.total : body.size) }
    xhr.onload = () => {
      let data: { message?: string } & Partial<Message> = {}
      try { data = JSON.parse(xhr.responseText) } catch {}
      if (xhr.status === 201) resolve(data as Message)
      else reject(new Error(data.message ?? `Upload failed (${xhr.status})`))
    }
    xhr.onerror = () => reject(new Error('Upload failed: the local node did not answer'))
    xhr.onabort = () => reject(new Error('Upload cancelled'))
    xhr.send(body)
  })
  return { done, abort: () => xhr.abort() }
}

export function uploadFile (room: string, file: File, onProgress: (loaded: number, total: number) => void): Upload {
  return send(`/api/rooms/${room}/files?name=${encodeURIComponent(file.name || 'pasted')}`, file, file.type, onProgress)
}

export function uploadAudio (room: string, clip: Blob, durationMs: number, onProgress: (loaded: number, total: number) => void): Upload {
  return send(`/api/rooms/${room}/audio?duration=${Math.max(0, Math.round(durationMs))}`, clip, clip.type, onProgress)
}

const links = new Map<string, Promise<{ url: string, expires: number }>>()

/** A signed URL for a file message; `fresh` asks for a new one (after a media error). */
export async function fileLink (room: string, message: Message, fresh = false): Promise<string> {
  const key = `${room}/${message.id}`
  const cached = links.get(key)
  if (cached !== undefined && !fresh) {
    const link = await cached.catch(() => null)
    if (link !== null && link.expires - EARLY_MS > Date.now()) return link.url
  }
  const request = fetch(`/api/rooms/${room}/files/${encodeURIComponent(message.id)}/link`, {
    method: 'POST', headers: { authorization: `Bearer ${token()}` }
  }).then(async (res) => {
    const data = await res.json() as { url?: string, expires?: number, message?: string }
    if (!res.ok || data.url === undefined || data.expires === undefined) throw new Error(data.message ?? `HTTP ${res.status}`)
    return { url: data.url, expires: data.expires }
  })
  links.set(key, request)
  request.catch(() => links.delete(key))
  return (await request).url
}

/**
 * Fetches a file through its link, reporting bytes as they arrive (the local node streams them
 * from peers as they come), then hands it to the browser as a download named `name`.
 */
export async function download (url: string, name: string, onProgress: (loaded: number, total: number) => void): Promise<void> {
  const res = await fetch(url)
  if (!res.ok || res.body === null) {
    const data = await res.json().catch(() => ({})) as { message?: string }
    throw new Error(data.message ?? `Download failed (${res.status})`)
  }
  const total = Number(res.headers.get('content-length') ?? 0)
  const reader = res.body.getReader()
  const parts: Uint8Array[] = []
  let loaded = 0
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    parts.push(value)
    loaded += value.byteLength
    onProgress(loaded, total)
  }
  const href = URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'application/octet-stream' }))
  const a = document.createElement('a')
  a.href = href
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
}
