// pretest: the browser tests drive Debian's Chromium. Install it when it is missing and we
// may (root); otherwise stop with one line saying how.
import { existsSync } from 'fs'
import { execSync } from 'child_process'

const CHROMIUM = '/usr/bin/chromium'

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log('Installing Debian chromium for the browser tests…')
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' })
  } else {
    console.error(`The browser tests need Chromium at ${CHROMIUM}: run 'sudo apt-get install -y chromium', then npm test again.`)
    process.exit(1)
  }
}
