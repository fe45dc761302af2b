// Downscales a picture the user picked to a small square avatar in the browser, so what goes
// into the room (and to every peer) is a few KiB: centre-cropped, SIZE px, WebP (PNG fallback),
// lowering quality until it fits the node's avatar limit.
import type { AvatarData } from './types.js'
import { LIMITS } from '../views/limits.js'

export const SIZE = 128

function toBlob (canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise(resolve => canvas.toBlob(resolve, type, quality))
}

async function base64 (blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}

export async function downscaleAvatar (file: File): Promise<AvatarData> {
  if (!file.type.startsWith('image/')) throw new Error('Pick an image file (PNG, JPEG, WebP or GIF)')
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    throw new Error('That image could not be read')
  }
  const side = Math.min(bitmap.width, bitmap.height)
  const canvas = document.createElement('canvas')
  canvas.width = SIZE
  canvas.height = SIZE
  const ctx = canvas.getContext('2d')
  if (ctx === null) throw new Error('This browser cannot draw images')
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, SIZE, SIZE)
  bitmap.close()
  for (const quality of [0.9, 0.75, 0.6, 0.4]) {
    const blob = await toBlob(canvas, 'image/webp', quality)
    if (blob !== null && blob.size <= LIMITS.avatarBytes) {
      const mime = blob.type === 'image/webp' ? 'image/webp' : 'image/png'
      return { mime, data: await base64(blob) }
    }
  }
  throw new Error('That image is too large even when shrunk')
}
