// Heap and RSS readings after a full garbage collection, for the leak checks.
import v8 from 'v8'
import vm from 'vm'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

export interface Reading { heapMiB: number, rssMiB: number }

export function settledMemory (): Reading {
  gc()
  gc()
  const m = process.memoryUsage()
  return { heapMiB: m.heapUsed / 2 ** 20, rssMiB: m.rss / 2 ** 20 }
}
