// Who is acting: the signed-in user as the domain sees it, for permissions and the audit log.
import type { Role } from '../db/schema.ts';

export interface Actor {
  userId: number;
  role: Role;
  /** Set for entrepreneurs: the one member whose data they may see. */
  memberId: number | null;
}

/** The system itself (migrations, seed, scheduled jobs). */
export const SYSTEM_ACTOR: Actor = { userId: 0, role: 'admin', memberId: null };

export const auditActorId = (actor: Actor): number | null => (actor.userId === 0 ? null : actor.userId);
