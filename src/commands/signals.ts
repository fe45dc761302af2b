// Resolves on the first SIGINT or SIGTERM, so a command can close everything in order.
export function untilSignal (): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on)
      process.off('SIGTERM', on)
      resolve(signal)
    }
    process.on('SIGINT', on)
    process.on('SIGTERM', on)
  })
}
