// Run by `npm test` (pretest): the browser tests need Debian's Chromium at /usr/bin/chromium.
// As root, install it; otherwise say how, in one line, and fail.
import { existsSync } from 'node:fs'
import { execSync } from 'node:child_process'

const CHROMIUM = process.env.LINKUP_CHROMIUM ?? '/usr/bin/chromium'

if (!existsSync(CHROMIUM)) {
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    console.log(`${CHROMIUM} is missing: installing chromium with apt-get`)
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' })
    if (!existsSync(CHROMIUM)) {
      console.error(`apt-get finished but ${CHROMIUM} is still missing`)
      process.exit(1)
    }
  } else {
    console.error(`The browser tests need Chromium at ${CHROMIUM}: run 'sudo apt-get update && sudo apt-get install -y chromium' (or set LINKUP_CHROMIUM)`)
    process.exit(1)
  }
}

// Reactions are emoji: without a colour emoji font Chromium draws empty boxes, and the
// screenshots in docs/screenshots show them so. Installed like Chromium, as root only; a missing
// font is not a test failure.
const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf'
if (!existsSync(EMOJI_FONT) && typeof process.getuid === 'function' && process.getuid() === 0) {
  try {
    execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-color-emoji', { stdio: 'inherit' })
  } catch {
    console.warn('fonts-noto-color-emoji could not be installed: emoji will show as boxes in screenshots')
  }
}
