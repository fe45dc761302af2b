// Waiting for something, but not for ever: a close or a leave that must not hang on it.

/** Resolves when `p` settles or after `ms`, whichever is first (the timer never holds the process). */
export async function untilOrAfter (p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | null = null
  const after = new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); timer.unref() })
  await Promise.race([p, after])
  if (timer !== null) clearTimeout(timer)
}
