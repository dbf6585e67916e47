// The member lifecycle: candidate → admitted → active ⇄ suspended → withdrawn, each step dated, with its reason,
// and kept in the member's history. Admission gives the member its analytic code.
import type { MemberStatus } from '../db/schema.ts';

/** The steps a member may take from each status. Withdrawn is final. */
export const TRANSITIONS: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = {
  candidate: ['admitted', 'withdrawn'],
  admitted: ['active', 'withdrawn'],
  active: ['suspended', 'withdrawn'],
  suspended: ['active', 'withdrawn'],
  withdrawn: [],
};

/** Steps that need a reason on record. */
export const REASON_REQUIRED: ReadonlySet<MemberStatus> = new Set(['suspended', 'withdrawn']);

export function canMove(from: MemberStatus, to: MemberStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The analytic code after the highest `M<number>` code in use: M01, M02, ... M99, M100. */
export function nextAnalyticCode(existing: Iterable<string | null>): string {
  let highest = 0;
  for (const code of existing) {
    const match = code ? /^M(\d+)$/.exec(code) : null;
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `M${String(highest + 1).padStart(2, '0')}`;
}
