// One way to run a unit of work atomically; on PostgreSQL it retries serialization failures and deadlocks.
// A unit of work called with a transaction already open joins it instead of nesting.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** How many times the whole unit of work may run in all (default 5). */
  maxAttempts?: number;
}

/** SQLSTATEs after which running the whole transaction again is the right answer. */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/** Runs `work` in a transaction, retrying it from the start on 40001/40P01 a bounded number of times. */
export async function inTransaction<T>(db: Db | Tx, work: (trx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  return withRetries(
    db,
    () => {
      let builder = db.transaction();
      if (options.isolation) builder = builder.setIsolationLevel(options.isolation);
      return builder.execute(work);
    },
    options.maxAttempts,
  );
}

/**
 * Runs a unit of work that is atomic by itself (a transaction, or one statement) again on 40001/40P01, a bounded
 * number of times (default 5); inside a transaction already open it runs once, since only the whole can be retried.
 */
export async function withRetries<T>(db: Db | Tx, work: () => Promise<T>, maxAttempts = 5): Promise<T> {
  if (db.isTransaction) return work();
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryable(error) || attempt >= maxAttempts) throw error;
      // Back off a little, with jitter, so that the competing transactions do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 10));
    }
  }
}
