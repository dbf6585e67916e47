// Entries in the shared ledger: drafts that can change, posting (numbered by the database, then immutable),
// reversal, and one `post()` that every other capability uses to write its accounting, idempotently.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { lockIdempotencyKey } from '../db/idempotency.ts';
import type { Database } from '../db/schema.ts';
import { containsPattern, foldedColumn, foldSearch } from '../db/search.ts';
import { inTransaction, withRetries } from '../db/transaction.ts';
import { toIsoTimestamp } from '../db/types.ts';
import { DomainError, type FieldError, notFound, sqlState } from '../errors.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { canonicalPosting, checkPosting, type Posting, type PostingLine, reversePosting } from './posting.ts';

export interface EntryLine extends Required<Omit<PostingLine, 'debit' | 'credit'>> {
  lineNo: number;
  debit: string;
  credit: string;
  accountLabel: string;
}

export interface Entry {
  id: number;
  journal: string;
  /** Number in its journal and year, given at posting. */
  number: number | null;
  /** Human reference: VT-2026-00012 (or BROUILLON-17 for a draft). */
  reference: string;
  date: string;
  label: string;
  sourceRef: string | null;
  status: 'draft' | 'posted';
  reversesEntryId: number | null;
  reversedByEntryId: number | null;
  fiscalYearId: number;
  periodId: number;
  createdAt: string;
  postedAt: string | null;
  lines: EntryLine[];
  totals: { debit: string; credit: string };
}

export interface PostOptions {
  /** Same key + same posting ⇒ the first answer again; same key + another posting ⇒ refused. */
  idempotencyKey?: string | null;
  /** Save without posting: no number, still editable. */
  draft?: boolean;
  /** The entry this one reverses. */
  reversesEntryId?: number | null;
}

function invalidPosting(errors: FieldError[]): DomainError {
  return new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

/** Turns a refusal raised by the database's ledger triggers into an error a person can act on. */
export function ledgerDatabaseError(error: unknown): unknown {
  const state = sqlState(error);
  const message = (error as Error | undefined)?.message ?? '';
  if (state === '55000' && /^the period of/.test(message))
    return new DomainError('conflict', `date: ${message}`, [{ path: 'date', message }]);
  if (state === '55000') return new DomainError('conflict', message);
  if (state === '23514' && /no accounting period/.test(message))
    return new DomainError('invalid', `date: ${message}`, [{ path: 'date', message }]);
  if (state === '23514') return new DomainError('invalid', message);
  return error;
}

/**
 * Checks what the database would refuse with a less helpful message: unknown or inactive journal and accounts,
 * members and third parties that do not exist. The rules live in the database function `posting_problems`, which
 * `write_entry` applies too, so a posting is checked one way whichever path writes it.
 */
async function checkReferences(db: Kysely<Database>, posting: Posting): Promise<FieldError[]> {
  const { rows } = await sql<{ problems: FieldError[] }>`
    select posting_problems(${JSON.stringify(posting)}::jsonb) as problems`.execute(db);
  return rows[0]?.problems ?? [];
}

const requestHash = (posting: Posting, reversesEntryId: number | null, draft: boolean) =>
  createHash('sha256')
    .update(`${canonicalPosting(posting)}|${reversesEntryId ?? ''}|${draft ? 'draft' : 'post'}`)
    .digest('hex');

interface WrittenEntry {
  problems?: FieldError[];
  entry: {
    id: number;
    journal_code: string;
    number: number | null;
    entry_date: string;
    label: string;
    source_ref: string | null;
    status: 'draft' | 'posted';
    reverses_entry_id: number | null;
    fiscal_year_id: number;
    period_id: number;
    created_at: string;
    posted_at: string | null;
  };
  reference: string;
  lines: Array<Omit<EntryLine, 'label'> & { label: string | null }>;
  totals: { debit: string; credit: string };
}

/**
 * Writes one entry by the database function `write_entry` (migration 0017): references checked, entry and lines
 * inserted, posted unless a draft (the triggers number it, check its period, keep the balances), audited, read
 * back, all in one statement, so the journal's counter and the audit chain are held for one round trip.
 */
async function writeEntry(
  db: Kysely<Database>,
  actor: Actor,
  posting: Posting,
  options: PostOptions,
  key: string | null,
  hash: string | null,
): Promise<Entry> {
  const action = options.draft ? 'entry.draft' : options.reversesEntryId ? 'entry.reverse' : 'entry.post';
  const { rows } = await sql<{ written: WrittenEntry }>`
    select write_entry(${JSON.stringify({ ...posting, label: posting.label.trim() })}::jsonb, ${Boolean(options.draft)},
      ${options.reversesEntryId ?? null}::integer, ${key}::text, ${hash}::text, ${auditActorId(actor)}::integer,
      ${action}::text) as written`.execute(db);
  const written = rows[0]?.written;
  if (!written) throw new Error('write_entry answered nothing');
  if (written.problems) throw invalidPosting(written.problems);
  const e = written.entry;
  return {
    id: e.id,
    journal: e.journal_code,
    number: e.number,
    reference: written.reference,
    date: e.entry_date,
    label: e.label,
    sourceRef: e.source_ref,
    status: e.status,
    reversesEntryId: e.reverses_entry_id,
    reversedByEntryId: null,
    fiscalYearId: e.fiscal_year_id,
    periodId: e.period_id,
    createdAt: toIsoTimestamp(e.created_at),
    postedAt: e.posted_at === null ? null : toIsoTimestamp(e.posted_at),
    lines: written.lines,
    totals: written.totals,
  };
}

/** The rows of an entry's lines, numbered from 1. */
function lineRows(entryId: number, lines: readonly PostingLine[]) {
  return lines.map((line, i) => ({
    entry_id: entryId,
    line_no: i + 1,
    account_code: line.account,
    label: line.label ?? null,
    debit: line.debit || '0',
    credit: line.credit || '0',
    member_id: line.memberId ?? null,
    service_code: line.service ?? null,
    party_id: line.partyId ?? null,
  }));
}

/** Lines per INSERT: 9 parameters a line stays well under PostgreSQL's 65,535 parameters a statement. */
const LINES_PER_INSERT = 2_000;

async function insertLines(trx: Kysely<Database>, entryId: number, lines: PostingLine[]): Promise<void> {
  // an allocation run over 2,000 members and 10 services is one entry of 20,000 lines
  const rows = lineRows(entryId, lines);
  for (let start = 0; start < rows.length; start += LINES_PER_INSERT)
    await trx
      .insertInto('entry_lines')
      .values(rows.slice(start, start + LINES_PER_INSERT))
      .execute();
}

/**
 * Writes an entry to the ledger and posts it (unless `draft`): checked first, then numbered by the database in
 * the same transaction. The one function invoicing, payments, allocation and closing use to write accounting.
 */
export async function post(db: Kysely<Database>, actor: Actor, posting: Posting, options: PostOptions = {}): Promise<Entry> {
  const errors = checkPosting(posting);
  if (options.draft) {
    // a draft may be unbalanced while it is being written, but each line must still make sense
    const shapeOnly = errors.filter((e) => !/does not balance|at least two lines/.test(e.message));
    if (shapeOnly.length > 0) throw invalidPosting(shapeOnly);
  } else if (errors.length > 0) {
    throw invalidPosting(errors);
  }
  const key = options.idempotencyKey?.trim() || null;
  const hash = key ? requestHash(posting, options.reversesEntryId ?? null, Boolean(options.draft)) : null;
  try {
    // without a key the entry is one statement, atomic on its own: no transaction round trips around it
    if (!key) return await withRetries(db, () => writeEntry(db, actor, posting, options, null, null));
    return await inTransaction(db, async (trx) => {
      await lockIdempotencyKey(trx, 'entry', key);
      const previous = await trx
        .selectFrom('entries')
        .select(['id', 'request_hash'])
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (previous) return answerForKey(trx, key, previous, hash);
      return writeEntry(trx, actor, posting, options, key, hash);
    });
  } catch (error) {
    // two requests with one key at once: the loser finds the winner's entry
    if (key && sqlState(error) === '23505' && /idempotency_key/.test((error as Error).message)) {
      const previous = await db
        .selectFrom('entries')
        .select(['id', 'request_hash'])
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (previous) return answerForKey(db, key, previous, hash);
    }
    throw ledgerDatabaseError(error);
  }
}

async function answerForKey(
  db: Kysely<Database>,
  key: string,
  previous: { id: number; request_hash: string | null },
  hash: string | null,
) {
  if (previous.request_hash !== hash) {
    throw new DomainError('conflict', `idempotency key "${key}" was already used for another entry`, [
      { path: 'idempotencyKey', message: 'already used with a different body' },
    ]);
  }
  return getEntry(db, previous.id);
}

/** Posts a draft: from then on it has its number and cannot change. */
export async function postDraft(db: Kysely<Database>, actor: Actor, id: number): Promise<Entry> {
  try {
    return await inTransaction(db, async (trx) => {
      const draft = await getEntry(trx, id);
      if (draft.status !== 'draft') throw new DomainError('conflict', `entry ${draft.reference} is already posted`);
      const errors = checkPosting(toPosting(draft));
      if (errors.length > 0) throw invalidPosting(errors);
      await trx
        .updateTable('entries')
        .set({ status: 'posted', posted_by: auditActorId(actor) })
        .where('id', '=', id)
        .execute();
      const entry = await getEntry(trx, id);
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'entry.post',
        entity: 'entry',
        entityId: id,
        after: { reference: entry.reference },
      });
      return entry;
    });
  } catch (error) {
    throw ledgerDatabaseError(error);
  }
}

/** Replaces a draft's content. */
export async function updateDraft(db: Kysely<Database>, actor: Actor, id: number, posting: Posting): Promise<Entry> {
  const shape = checkPosting(posting).filter((e) => !/does not balance|at least two lines/.test(e.message));
  if (shape.length > 0) throw invalidPosting(shape);
  try {
    return await inTransaction(db, async (trx) => {
      const before = await getEntry(trx, id);
      if (before.status !== 'draft') throw new DomainError('conflict', `entry ${before.reference} is posted: reverse it instead`);
      const refErrors = await checkReferences(trx, posting);
      if (refErrors.length > 0) throw invalidPosting(refErrors);
      await trx.deleteFrom('entry_lines').where('entry_id', '=', id).execute();
      await trx
        .updateTable('entries')
        .set({
          journal_code: posting.journal,
          entry_date: posting.date,
          label: posting.label.trim(),
          source_ref: posting.sourceRef ?? null,
        })
        .where('id', '=', id)
        .execute();
      await insertLines(trx, id, posting.lines);
      const after = await getEntry(trx, id);
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'entry.draft.update',
        entity: 'entry',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  } catch (error) {
    throw ledgerDatabaseError(error);
  }
}

export async function deleteDraft(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  try {
    await inTransaction(db, async (trx) => {
      const before = await getEntry(trx, id);
      if (before.status !== 'draft') throw new DomainError('conflict', `entry ${before.reference} is posted: reverse it instead`);
      await trx.deleteFrom('entries').where('id', '=', id).execute();
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'entry.draft.delete',
        entity: 'entry',
        entityId: id,
        before,
      });
    });
  } catch (error) {
    throw ledgerDatabaseError(error);
  }
}

/** Cancels a posted entry with its mirror image, dated `date` (in an open period), linked to it. */
export async function reverseEntry(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: { date: string; label?: string; idempotencyKey?: string | null },
): Promise<Entry> {
  const original = await getEntry(db, id);
  if (original.status !== 'posted')
    throw new DomainError('conflict', `entry ${original.reference} is a draft: delete or change it instead`);
  if (original.reversesEntryId !== null) {
    throw new DomainError('conflict', `entry ${original.reference} is itself a reversal: a reversal cannot be reversed`);
  }
  if (original.reversedByEntryId !== null) {
    throw new DomainError('conflict', `entry ${original.reference} is already reversed by entry ${original.reversedByEntryId}`);
  }
  const posting = reversePosting(toPosting(original), input.date, input.label);
  try {
    return await post(db, actor, posting, { reversesEntryId: id, idempotencyKey: input.idempotencyKey ?? null });
  } catch (error) {
    if (sqlState(error) === '23505' && /reverses_entry_id/.test((error as Error).message)) {
      throw new DomainError('conflict', `entry ${original.reference} is already reversed`);
    }
    throw error;
  }
}

export function toPosting(entry: Entry): Posting {
  return {
    journal: entry.journal,
    date: entry.date,
    label: entry.label,
    sourceRef: entry.sourceRef,
    lines: entry.lines.map((l) => ({
      account: l.account,
      ...(new Dec(l.debit).gt(0) ? { debit: l.debit } : {}),
      ...(new Dec(l.credit).gt(0) ? { credit: l.credit } : {}),
      label: l.label,
      memberId: l.memberId,
      service: l.service,
      partyId: l.partyId,
    })),
  };
}

export function entryReference(journal: string, startsOn: string, number: number | null, id: number): string {
  return number === null ? `BROUILLON-${id}` : `${journal}-${startsOn.slice(0, 4)}-${String(number).padStart(5, '0')}`;
}

export async function getEntry(db: Kysely<Database>, id: number): Promise<Entry> {
  const row = await db
    .selectFrom('entries')
    .innerJoin('fiscal_years', 'fiscal_years.id', 'entries.fiscal_year_id')
    .leftJoin('entries as reversal', 'reversal.reverses_entry_id', 'entries.id')
    .selectAll('entries')
    .select(['fiscal_years.starts_on as year_start', 'reversal.id as reversed_by'])
    .where('entries.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('entry', id);
  const lines = await db
    .selectFrom('entry_lines')
    .innerJoin('accounts', 'accounts.code', 'entry_lines.account_code')
    .selectAll('entry_lines')
    .select('accounts.label as account_label')
    .where('entry_id', '=', id)
    .orderBy('line_no')
    .execute();
  const debit = lines.reduce((acc, l) => acc.plus(l.debit), new Dec(0));
  const credit = lines.reduce((acc, l) => acc.plus(l.credit), new Dec(0));
  return {
    id: row.id,
    journal: row.journal_code,
    number: row.number,
    reference: entryReference(row.journal_code, row.year_start, row.number, row.id),
    date: row.entry_date,
    label: row.label,
    sourceRef: row.source_ref,
    status: row.status,
    reversesEntryId: row.reverses_entry_id,
    reversedByEntryId: row.reversed_by,
    fiscalYearId: row.fiscal_year_id,
    periodId: row.period_id,
    createdAt: row.created_at,
    postedAt: row.posted_at,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      account: l.account_code,
      accountLabel: l.account_label,
      label: l.label,
      debit: toAmountString(new Dec(l.debit)),
      credit: toAmountString(new Dec(l.credit)),
      memberId: l.member_id,
      service: l.service_code,
      partyId: l.party_id,
    })),
    totals: { debit: toAmountString(debit), credit: toAmountString(credit) },
  };
}

/**
 * Posts many entries in one transaction with a few statements (allocation runs, imports, batch jobs): all are
 * checked first, and either all are posted or none. Returns the ids in the order given.
 */
export async function postMany(db: Kysely<Database>, actor: Actor, postings: Posting[]): Promise<number[]> {
  const errors = postings.flatMap((p, i) => checkPosting(p).map((e) => ({ path: `${i}.${e.path}`, message: e.message })));
  if (errors.length > 0) throw invalidPosting(errors.slice(0, 100));
  if (postings.length === 0) return [];
  try {
    return await inTransaction(db, async (trx) => {
      const journals = new Set(postings.map((p) => p.journal));
      const refErrors = (
        await Promise.all(
          [...journals].map((journal) =>
            checkReferences(trx, {
              journal,
              date: postings[0]?.date ?? '',
              label: 'x',
              lines: postings.filter((p) => p.journal === journal).flatMap((p) => p.lines),
            }),
          ),
        )
      ).flat();
      if (refErrors.length > 0)
        throw invalidPosting(refErrors.slice(0, 100).map((e) => ({ ...e, path: e.path.replace(/^lines\.\d+/, 'lines') })));
      const ids: number[] = [];
      for (let start = 0; start < postings.length; start += 1000) {
        const batch = postings.slice(start, start + 1000);
        const inserted = await trx
          .insertInto('entries')
          .values(
            batch.map((p) => ({
              journal_code: p.journal,
              entry_date: p.date,
              label: p.label.trim(),
              source_ref: p.sourceRef ?? null,
              status: 'draft' as const,
              created_by: auditActorId(actor),
            })),
          )
          .returning('id')
          .execute();
        const batchIds = inserted.map((r) => r.id);
        const lines = batch.flatMap((p, i) => lineRows(batchIds[i] as number, p.lines));
        for (let l = 0; l < lines.length; l += LINES_PER_INSERT)
          await trx
            .insertInto('entry_lines')
            .values(lines.slice(l, l + LINES_PER_INSERT))
            .execute();
        // numbered in id order, so that the journal reads in the order the batch was given: the database function
        // posts them one by one in the array's order, in one round trip instead of one per entry
        await sql`select post_entries(${sql.val(batchIds)}::integer[], ${auditActorId(actor)}::integer)`.execute(trx);
        ids.push(...batchIds);
      }
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'entry.post_many',
        entity: 'entry',
        entityId: null,
        after: { count: ids.length, first: ids[0], last: ids.at(-1) },
      });
      return ids;
    });
  } catch (error) {
    throw ledgerDatabaseError(error);
  }
}

export interface EntryQuery {
  from?: string;
  to?: string;
  journal?: string;
  status?: 'draft' | 'posted';
  search?: string;
  page?: number;
  pageSize?: number;
}

export interface EntrySummary {
  id: number;
  reference: string;
  journal: string;
  number: number | null;
  date: string;
  label: string;
  sourceRef: string | null;
  status: 'draft' | 'posted';
  reversesEntryId: number | null;
  reversedByEntryId: number | null;
  total: string;
}

/** Entries newest first, filtered; totals read in the same query. */
export async function listEntries(
  db: Kysely<Database>,
  query: EntryQuery = {},
): Promise<{ items: EntrySummary[]; total: number; page: number; pageSize: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  let base = db.selectFrom('entries as e').innerJoin('fiscal_years as fy', 'fy.id', 'e.fiscal_year_id');
  if (query.from) base = base.where('e.entry_date', '>=', query.from);
  if (query.to) base = base.where('e.entry_date', '<=', query.to);
  if (query.journal) base = base.where('e.journal_code', '=', query.journal);
  if (query.status) base = base.where('e.status', '=', query.status);
  const search = query.search ? foldSearch(query.search) : '';
  if (search) {
    const pattern = containsPattern(search);
    base = base.where((eb) =>
      eb.or([eb(foldedColumn('e.label'), 'like', pattern), eb(foldedColumn('e.source_ref'), 'like', pattern)]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .leftJoin('entries as r', 'r.reverses_entry_id', 'e.id')
      .select([
        'e.id',
        'e.journal_code',
        'e.number',
        'e.entry_date',
        'e.label',
        'e.source_ref',
        'e.status',
        'e.reverses_entry_id',
        'fy.starts_on',
        'r.id as reversed_by',
      ])
      .select((eb) =>
        eb
          .selectFrom('entry_lines')
          .select((l) => l.fn.coalesce(l.fn.sum<string>('debit'), l.val('0')).as('t'))
          .whereRef('entry_lines.entry_id', '=', 'e.id')
          .as('total'),
      )
      .orderBy('e.entry_date', 'desc')
      .orderBy('e.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      reference: entryReference(r.journal_code, r.starts_on, r.number, r.id),
      journal: r.journal_code,
      number: r.number,
      date: r.entry_date,
      label: r.label,
      sourceRef: r.source_ref,
      status: r.status,
      reversesEntryId: r.reverses_entry_id,
      reversedByEntryId: r.reversed_by,
      total: toAmountString(new Dec(r.total ?? '0')),
    })),
    total: Number(count.n),
    page,
    pageSize,
  };
}
