// Leaving a room on this device (Client.leaveRoom): an admin first steps down, and waits a
// moment for a peer to take that block, so the room's signing stops counting on this device.
import type { Room } from './room.js'
import { roomInternals } from './room-internals.js'

/** How long an admin leaving waits for a peer to take its stepping down. */
const STEP_DOWN_WAIT_MS = 3000

/** Refuses the owner with LAST_ADMIN unless `anyway`; steps down (best effort, warnings on the room). */
export async function stepDownToLeave (room: Room, anyway: boolean): Promise<void> {
  const internals = roomInternals(room)
  if (!anyway) await internals.roles.assertMayLeave()
  await internals.roles.stepDown((seq) => delivered(room, seq)).catch((err: unknown) => room.emit('warning', err))
}

/**
 * Resolves once a peer has our block `seq`, or after STEP_DOWN_WAIT_MS (best effort), or at
 * once when no peer is connected to take it (leaving offline does not wait for nobody).
 */
function delivered (room: Room, seq: number): Promise<void> {
  const membership = roomInternals(room).membership
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      room.off('seen', check)
      resolve()
    }
    const check = (): void => { if (membership.confirmedByPeer(seq) || room.peers === 0) done() }
    const timer = setTimeout(done, STEP_DOWN_WAIT_MS)
    room.on('seen', check)
    check()
  })
}
