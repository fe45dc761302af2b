// How a message is quoted above a reply and in the reply preview: its first line, as plain
// text (Markdown marks are left as typed), or what stands in for a file or a deleted message.
import type { Message } from './types.js'

const MAX = 120

export function firstLine (m: Pick<Message, 'type' | 'text' | 'file' | 'deleted'>): string {
  if (m.deleted) return 'message deleted'
  if (m.type !== 'text') return m.file?.name ?? (m.type === 'audio' ? 'voice message' : 'file')
  const line = (m.text ?? '').split('\n').find(l => l.trim() !== '')?.trim() ?? ''
  return line.length > MAX ? line.slice(0, MAX - 1) + '…' : line
}
