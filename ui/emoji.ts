// The emoji the picker offers (lu-emoji-picker): a few common ones first, then a small set to
// search by name. Any single emoji can be a reaction (views/limits.ts isEmoji); these are
// simply the ones offered.
export interface EmojiEntry { emoji: string, name: string, keywords: string }

/** Shown first, without searching. */
export const QUICK: readonly string[] = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀', '✅', '🔥']

export const EMOJI: readonly EmojiEntry[] = [
  ['👍', 'thumbs up', 'yes agree +1'], ['👎', 'thumbs down', 'no -1'], ['❤️', 'red heart', 'love'], ['😂', 'tears of joy', 'laugh lol'],
  ['🎉', 'party popper', 'tada celebrate'], ['😮', 'surprised', 'open mouth wow'], ['😢', 'crying', 'sad'], ['🙏', 'folded hands', 'please thanks'],
  ['👀', 'eyes', 'looking'], ['✅', 'check mark', 'done yes'], ['🔥', 'fire', 'hot lit'], ['😀', 'grinning', 'smile happy'],
  ['😄', 'smile', 'happy'], ['😅', 'sweat smile', 'phew'], ['🤣', 'rolling on the floor laughing', 'rofl'], ['😊', 'smiling', 'blush'],
  ['😍', 'heart eyes', 'love'], ['😘', 'kiss', ''], ['😎', 'sunglasses', 'cool'], ['🤔', 'thinking', 'hmm'], ['😐', 'neutral', ''],
  ['🙄', 'eye roll', ''], ['😴', 'sleeping', 'tired'], ['😬', 'grimace', 'awkward'], ['😱', 'scream', 'shocked'], ['😡', 'angry', 'mad'],
  ['🤯', 'mind blown', 'exploding head'], ['🥳', 'partying face', 'birthday'], ['🥲', 'smiling with a tear', ''], ['🤝', 'handshake', 'deal'],
  ['👏', 'clapping', 'applause'], ['🙌', 'raised hands', 'hooray'], ['👋', 'waving hand', 'hello hi bye'], ['💪', 'flexed biceps', 'strong'],
  ['🤞', 'crossed fingers', 'luck'], ['👌', 'ok hand', 'perfect'], ['✌️', 'victory', 'peace'], ['🫡', 'salute', ''], ['💯', 'hundred points', '100'],
  ['⭐', 'star', ''], ['✨', 'sparkles', ''], ['💡', 'light bulb', 'idea'], ['🚀', 'rocket', 'ship launch'], ['⚠️', 'warning', ''],
  ['❌', 'cross mark', 'no wrong'], ['❓', 'question mark', ''], ['❗', 'exclamation mark', ''], ['⏳', 'hourglass', 'waiting'], ['🐛', 'bug', ''],
  ['🔧', 'wrench', 'fix'], ['📌', 'pushpin', 'pin'], ['📎', 'paperclip', 'attachment'], ['📝', 'memo', 'note write'], ['📅', 'calendar', 'date'],
  ['☕', 'coffee', ''], ['🍕', 'pizza', ''], ['🍻', 'beers', 'cheers'], ['🎂', 'birthday cake', ''], ['🌱', 'seedling', ''], ['🌈', 'rainbow', ''],
  ['🐶', 'dog', ''], ['🐱', 'cat', ''], ['🦄', 'unicorn', ''], ['💚', 'green heart', ''], ['💙', 'blue heart', ''], ['💔', 'broken heart', ''],
  ['🤖', 'robot', 'bot'], ['🧠', 'brain', ''], ['🎯', 'direct hit', 'target'], ['🏁', 'chequered flag', 'finish']
].map(([emoji, name, keywords]) => ({ emoji: emoji as string, name: name as string, keywords: keywords as string }))

/** Entries whose name has every word of the query; all of them for an empty query. */
export function searchEmoji (query: string): EmojiEntry[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(w => w !== '')
  return EMOJI.filter(e => words.every(w => e.name.includes(w) || e.keywords.includes(w) || e.emoji === w))
}

/** The name of an emoji the picker knows, for an accessible label; the emoji itself otherwise. */
export function emojiName (emoji: string): string {
  return EMOJI.find(e => e.emoji === emoji)?.name ?? emoji
}
