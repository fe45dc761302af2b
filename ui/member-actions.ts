// What this user may do to a member of a room, and each action's name: the member list's menu
// (ui/components/lu-members.ts) and the dialog that confirms or carries it out
// (ui/components/lu-member-dialog.ts) name an action the same way. The node and every peer
// check again (docs/architecture.md §3.1).
import type { Member } from './types.js'

type Role = Member['role']

/** The actions that open the member dialog. */
export type MemberAction = 'remove' | 'transfer' | 'nickname' | 'verify' | 'mine'
/** Every action of the menu: the dialog's, and the role changes that need none. */
export type MenuAction = MemberAction | 'promote' | 'demote'

export const ACTION_NAMES: Record<MenuAction, string> = {
  mine: 'Your fingerprint',
  nickname: 'Set nickname',
  verify: 'Verify',
  promote: 'Make admin',
  demote: 'Remove admin',
  transfer: 'Transfer ownership',
  remove: 'Remove'
}

/** What this user may do to a member, by their roles. */
export function allowedActions (me: { key: string | undefined, role: Role | null }, m: Member): MenuAction[] {
  if (m.key === me.key) return me.role === 'admin' ? ['mine', 'demote'] : ['mine']
  const out: MenuAction[] = ['nickname', 'verify']
  const admin = me.role === 'owner' || me.role === 'admin'
  if (admin && m.role === 'member') out.push('promote')
  if (admin && m.role === 'admin') out.push('demote') // so a signer whose device is lost can be replaced
  if (me.role === 'owner') out.push('transfer')
  if ((me.role === 'owner' && m.role !== 'owner') || (me.role === 'admin' && m.role === 'member')) out.push('remove')
  return out
}
