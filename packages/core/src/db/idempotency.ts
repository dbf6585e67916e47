// Serialises the requests that share an idempotency key, so that several clients sending one request at once get
// one effect: the first runs, the others wait for its commit and then find what it did.
import { sql } from 'kysely';
import { DomainError } from '../errors.ts';
import type { Tx } from './transaction.ts';

/**
 * Takes a transaction-scoped lock on `scope:key` (released at commit or rollback). Call it first in the unit of
 * work, before looking for the key's earlier result: at read committed, that look happens after the holder's commit.
 */
export async function lockIdempotencyKey(trx: Tx, scope: string, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${scope}:${key}`}, 0))`.execute(trx);
}

/** The answer to a key sent again with another request: a conflict naming the key, never the first answer. */
export function keyUsedForAnother(key: string, what: string): DomainError {
  return new DomainError('conflict', `idempotency key "${key}" was already used for another ${what}`, [
    { path: 'idempotency-key', message: `already used for another ${what}` },
  ]);
}
