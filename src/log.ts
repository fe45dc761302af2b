// The logger the SDK writes to: pino's shape (a pino logger fits as it is), silent unless the
// Client is given one. `linkup serve` and `linkup bot` pass a pino logger (src/logging.ts).
// Nothing the SDK logs carries a secret: keys are public, messages are not logged.

export interface Logger {
  error (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  info (obj: object, msg?: string): void
  debug (obj: object, msg?: string): void
  child (bindings: Record<string, unknown>): Logger
}

const noop = (): void => {}

export const silentLogger: Logger = { error: noop, warn: noop, info: noop, debug: noop, child: () => silentLogger }

/** The first 8 hex digits of a key: enough to tell peers and rooms apart in a log. */
export function short (key: string): string {
  return key.slice(0, 8)
}

/** What an error is called in a log line: its message, its code when it has one. */
export function describeError (err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' && !err.message.includes(code) ? `${err.message} (${code})` : err.message
}
