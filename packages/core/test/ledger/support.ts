import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { openFiscalYear } from '../../src/ledger/index.ts';
import type { Posting } from '../../src/ledger/posting.ts';
import { SYSTEM_ACTOR } from '../../src/users/actor.ts';

export const actor = SYSTEM_ACTOR;

export async function openYear(db: Kysely<Database>, startsOn = '2026-01-01') {
  return openFiscalYear(db, actor, startsOn);
}

/** A two-line entry moving `amount` from `credit` to `debit`. */
export function transfer(debit: string, credit: string, amount: string, date = '2026-03-10', journal = 'OD'): Posting {
  return {
    journal,
    date,
    label: `Virement ${credit} → ${debit}`,
    lines: [
      { account: debit, debit: amount },
      { account: credit, credit: amount },
    ],
  };
}
