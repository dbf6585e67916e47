// Who may do what with pooled services: the manager (and admin) run them, the accountant reads them, an
// entrepreneur reads only their own member's usage, charge notes and view (others answer "not found").
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../users/actor.ts';

export function assertPoolingManager(actor: Actor): void {
  if (!['admin', 'manager'].includes(actor.role)) {
    throw new DomainError('forbidden', `pooled services are run by the manager; you are signed in as ${actor.role}`);
  }
}

export function assertPoolingReader(actor: Actor): void {
  if (!['admin', 'manager', 'accountant'].includes(actor.role)) {
    throw new DomainError('forbidden', `this is for the manager and the accountant; you are signed in as ${actor.role}`);
  }
}

/** Staff see every member; an entrepreneur only theirs, any other member being "not found" so ids cannot be probed. */
export function assertMemberVisible(actor: Actor, memberId: number): void {
  if (actor.role === 'entrepreneur') {
    if (actor.memberId !== memberId) throw notFound('member', memberId);
    return;
  }
  assertPoolingReader(actor);
}
