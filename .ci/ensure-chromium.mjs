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
