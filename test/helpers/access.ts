// A room access point that admits every peer: for tests of the network layer alone, where no
// room stands behind a topic (the real one is src/trust/room-access.ts).
import type { RoomAccessPoint } from '../../src/network/admission.js'

export const openDoor: RoomAccessPoint = {
  prove: () => ({ writer: '00'.repeat(32), publicKey: '00'.repeat(32), sig: '00'.repeat(64) }),
  judge: async () => ({ admitted: true }),
  judged: () => {},
  sessions: () => [],
  notices: async () => [],
  noticed: () => []
}
