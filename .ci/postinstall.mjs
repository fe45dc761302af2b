// postinstall: applies patches/ (see patches/README.md) to this checkout's dependencies.
// patch-package is a dev dependency: where LinkUp is installed as somebody else's dependency
// it is absent, and the install must not fail because of it.
import { createRequire } from 'module'
import { execFileSync } from 'child_process'
import { existsSync } from 'fs'

const require = createRequire(import.meta.url)
let bin
try {
  bin = require.resolve('patch-package/index.js')
} catch {
  console.warn('linkup: patch-package is not installed, so patches/ was not applied (see patches/README.md)')
  process.exit(0)
}
if (existsSync('patches')) execFileSync(process.execPath, [bin], { stdio: 'inherit' })
