// Fiscal years of twelve months and their monthly periods: open → locked (no posting; an admin may reopen)
// → closed (final). Closing a year carries the balance-sheet accounts forward into the next one.
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { addDays, addMonths } from '../dates.ts';
import type { Database, PeriodState } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { ledgerDatabaseError, post } from './entries.ts';
import type { PostingLine } from './posting.ts';

export interface Period {
  id: number;
  fiscalYearId: number;
  startsOn: string;
  endsOn: string;
  state: PeriodState;
  drafts: number;
  posted: number;
}

export interface FiscalYear {
  id: number;
  startsOn: string;
  endsOn: string;
  state: 'open' | 'closed';
  closedAt: string | null;
  periods: Period[];
}

const KEEPERS = ['admin', 'manager', 'accountant'] as const;

function assertKeeper(actor: Actor): void {
  if (!(KEEPERS as readonly string[]).includes(actor.role)) {
    throw new DomainError(
      'forbidden',
      `the books are kept by the accountant and the manager; you are signed in as ${actor.role}`,
    );
  }
}

/** Opens a fiscal year of twelve monthly periods starting on the first day of a month. */
export async function openFiscalYear(db: Kysely<Database>, actor: Actor, startsOn: string): Promise<FiscalYear> {
  assertKeeper(actor);
  if (!/^\d{4}-\d{2}-01$/.test(startsOn) || Number.isNaN(Date.parse(startsOn))) {
    throw invalid('startsOn', `expected the first day of a month, YYYY-MM-01, received "${startsOn}"`);
  }
  const id = await inTransaction(db, async (trx) => {
    const endsOn = addDays(addMonths(startsOn, 12), -1);
    const overlap = await trx
      .selectFrom('fiscal_years')
      .select(['starts_on', 'ends_on'])
      .where('starts_on', '<=', endsOn)
      .where('ends_on', '>=', startsOn)
      .executeTakeFirst();
    if (overlap) {
      throw new DomainError('conflict', `startsOn: overlaps the fiscal year ${overlap.starts_on} – ${overlap.ends_on}`, [
        { path: 'startsOn', message: `overlaps the fiscal year ${overlap.starts_on} – ${overlap.ends_on}` },
      ]);
    }
    const year = await trx
      .insertInto('fiscal_years')
      .values({ starts_on: startsOn, ends_on: endsOn })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('periods')
      .values(
        Array.from({ length: 12 }, (_, i) => ({
          fiscal_year_id: year.id,
          starts_on: addMonths(startsOn, i),
          ends_on: addDays(addMonths(startsOn, i + 1), -1),
        })),
      )
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'fiscal_year.open',
      entity: 'fiscal_year',
      entityId: year.id,
      after: { startsOn, endsOn },
    });
    return year.id;
  });
  return getFiscalYear(db, id);
}

export async function listFiscalYears(db: Kysely<Database>): Promise<FiscalYear[]> {
  const years = await db.selectFrom('fiscal_years').select('id').orderBy('starts_on').execute();
  return Promise.all(years.map((y) => getFiscalYear(db, y.id)));
}

export async function getFiscalYear(db: Kysely<Database>, id: number): Promise<FiscalYear> {
  const year = await db.selectFrom('fiscal_years').selectAll().where('id', '=', id).executeTakeFirst();
  if (!year) throw notFound('fiscal year', id);
  const periods = await db
    .selectFrom('periods')
    .leftJoin('entries', 'entries.period_id', 'periods.id')
    .select(['periods.id', 'periods.starts_on', 'periods.ends_on', 'periods.state'])
    .select((eb) => [
      eb.fn.count<string>('entries.id').filterWhere('entries.status', '=', 'draft').as('drafts'),
      eb.fn.count<string>('entries.id').filterWhere('entries.status', '=', 'posted').as('posted'),
    ])
    .where('periods.fiscal_year_id', '=', id)
    .groupBy(['periods.id', 'periods.starts_on', 'periods.ends_on', 'periods.state'])
    .orderBy('periods.starts_on')
    .execute();
  return {
    id: year.id,
    startsOn: year.starts_on,
    endsOn: year.ends_on,
    state: year.state,
    closedAt: year.closed_at,
    periods: periods.map((p) => ({
      id: p.id,
      fiscalYearId: id,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      state: p.state,
      drafts: Number(p.drafts),
      posted: Number(p.posted),
    })),
  };
}

/**
 * Locks, unlocks or closes a period. Unlocking is for the admin; closing is final and needs no draft left in the
 * period and every earlier period closed.
 */
export async function setPeriodState(db: Kysely<Database>, actor: Actor, periodId: number, state: PeriodState): Promise<Period> {
  assertKeeper(actor);
  try {
    await inTransaction(db, async (trx) => {
      const period = await trx.selectFrom('periods').selectAll().where('id', '=', periodId).forUpdate().executeTakeFirst();
      if (!period) throw notFound('period', periodId);
      if (period.state === state) return;
      if (period.state === 'locked' && state === 'open' && actor.role !== 'admin') {
        throw new DomainError('forbidden', 'only an admin may reopen a locked period');
      }
      if (state === 'closed') {
        const drafts = await trx
          .selectFrom('entries')
          .select('id')
          .where('period_id', '=', periodId)
          .where('status', '=', 'draft')
          .execute();
        if (drafts.length > 0) {
          throw new DomainError(
            'conflict',
            `the period still has ${drafts.length} draft entr${drafts.length > 1 ? 'ies' : 'y'}: post or delete them first`,
          );
        }
        const openBefore = await trx
          .selectFrom('periods')
          .select('starts_on')
          .where('starts_on', '<', period.starts_on)
          .where('state', '<>', 'closed')
          .orderBy('starts_on')
          .executeTakeFirst();
        if (openBefore) throw new DomainError('conflict', `close the earlier period starting ${openBefore.starts_on} first`);
      }
      await trx.updateTable('periods').set({ state }).where('id', '=', periodId).execute();
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: `period.${state === 'open' ? 'unlock' : state === 'locked' ? 'lock' : 'close'}`,
        entity: 'period',
        entityId: periodId,
        before: { state: period.state },
        after: { state },
      });
    });
  } catch (error) {
    throw ledgerDatabaseError(error);
  }
  const period = await db.selectFrom('periods').select('fiscal_year_id').where('id', '=', periodId).executeTakeFirstOrThrow();
  const year = await getFiscalYear(db, period.fiscal_year_id);
  return year.periods.find((p) => p.id === periodId) as Period;
}

/** What stands in the way of closing a year, item by item; an empty list means it can be closed. */
export async function yearClosingChecklist(
  db: Kysely<Database>,
  id: number,
): Promise<Array<{ item: string; ok: boolean; detail: string }>> {
  const year = await getFiscalYear(db, id);
  const drafts = year.periods.reduce((n, p) => n + p.drafts, 0);
  const next = await db
    .selectFrom('fiscal_years')
    .select(['id', 'state'])
    .where('starts_on', '=', addMonths(year.startsOn, 12))
    .executeTakeFirst();
  const { rows } = await sql<{ total: string }>`
    select coalesce(sum(b.debit - b.credit), 0) as total from account_balances b
    join periods p on p.id = b.period_id where p.fiscal_year_id = ${id}`.execute(db);
  // members are reconciled when nothing is left on their parent account (4464) itself, only on their 4464-xx
  const { rows: unreconciled } = await sql<{ account_code: string; balance: string }>`
    select b.account_code, sum(b.debit - b.credit) as balance from account_balances b
    join periods p on p.id = b.period_id
    where p.fiscal_year_id = ${id}
      and b.account_code = (select account_code from posting_accounts where role = 'members.current_account')
    group by b.account_code having sum(b.debit - b.credit) <> 0`.execute(db);
  // law 13-97 art. 37: the result belongs to the members pro rata to their rights (pooling/year-end.ts transfers it)
  const { rows: resultRows } = await sql<{ result: string; holders: string }>`
    select coalesce((select sum(b.credit - b.debit) from account_balances b join periods p on p.id = b.period_id
      where p.fiscal_year_id = ${id} and left(b.account_code, 1) in ('6', '7')), 0) as result,
      (select count(*) from members where code is not null and rights_share > 0
        and status in ('admitted', 'active', 'suspended')) as holders`.execute(db);
  const yearResult = new Dec(resultRows[0]?.result ?? '0');
  const rightsHolders = Number(resultRows[0]?.holders ?? 0);
  return [
    {
      item: 'year_open',
      ok: year.state === 'open',
      detail: year.state === 'open' ? 'the year is open' : 'the year is already closed',
    },
    { item: 'no_drafts', ok: drafts === 0, detail: `${drafts} draft entr${drafts === 1 ? 'y' : 'ies'} left` },
    {
      item: 'balanced',
      ok: new Dec(rows[0]?.total ?? '0').eq(0),
      detail: `the trial balance totals ${toAmountString(new Dec(rows[0]?.total ?? '0'))}`,
    },
    {
      item: 'members_reconciled',
      ok: unreconciled.length === 0,
      detail:
        unreconciled.length === 0
          ? "every member's movements are on its own account"
          : `${unreconciled[0]?.balance} left on the members' parent account ${unreconciled[0]?.account_code} itself: move it to the members' own accounts`,
    },
    {
      item: 'result_allocated',
      ok: yearResult.isZero() || rightsHolders === 0,
      detail: yearResult.isZero()
        ? "the year's result is allocated to the members"
        : rightsHolders === 0
          ? `the result (${toAmountString(yearResult)}) stays with the GIE: no member holds rights`
          : `the result ${toAmountString(yearResult)} is not yet allocated to the members (law 13-97 art. 37): post the year-end allocation`,
    },
    {
      item: 'next_year_open',
      ok: next !== undefined && next.state === 'open',
      detail: next ? 'the next fiscal year is open' : 'open the next fiscal year first: the balances are carried into it',
    },
  ];
}

/**
 * Closes a fiscal year: checks the checklist, carries the balance-sheet accounts (classes 1 to 5) into the next
 * year with an opening entry in journal AN, the year's result into the result account, then closes every period.
 */
export async function closeFiscalYear(db: Kysely<Database>, actor: Actor, id: number): Promise<FiscalYear> {
  assertKeeper(actor);
  const checklist = await yearClosingChecklist(db, id);
  const blocking = checklist.filter((c) => !c.ok);
  if (blocking.length > 0) {
    throw new DomainError(
      'conflict',
      `the year cannot be closed: ${blocking.map((b) => b.detail).join('; ')}`,
      blocking.map((b) => ({ path: b.item, message: b.detail })),
    );
  }
  const year = await getFiscalYear(db, id);
  const nextStart = addMonths(year.startsOn, 12);
  try {
    await inTransaction(db, async (trx) => {
      const balances = await sql<{ account_code: string; balance: string }>`
        select b.account_code, sum(b.debit - b.credit) as balance from account_balances b
        join periods p on p.id = b.period_id where p.fiscal_year_id = ${id}
        group by b.account_code having sum(b.debit - b.credit) <> 0 order by b.account_code`.execute(trx);
      const resultAccount = await trx
        .selectFrom('posting_accounts')
        .select('account_code')
        .where('role', '=', 'year_end.result')
        .executeTakeFirstOrThrow();
      let result = new Dec(0);
      const lines: PostingLine[] = [];
      for (const { account_code, balance } of balances.rows) {
        const amount = new Dec(balance);
        if (['6', '7'].includes(account_code[0] ?? '')) {
          result = result.plus(amount); // debit-positive: charges add, products subtract
          continue;
        }
        lines.push(
          amount.gt(0)
            ? { account: account_code, debit: toAmountString(amount) }
            : { account: account_code, credit: toAmountString(amount.neg()) },
        );
      }
      if (!result.eq(0)) {
        // a profit (products > charges) is a credit to the result account, a loss a debit
        lines.push(
          result.lt(0)
            ? { account: resultAccount.account_code, credit: toAmountString(result.neg()) }
            : { account: resultAccount.account_code, debit: toAmountString(result) },
        );
      }
      if (lines.length >= 2) {
        await post(trx, actor, {
          journal: 'AN',
          date: nextStart,
          label: `À nouveau ${year.startsOn.slice(0, 4)}`,
          sourceRef: `cloture-${year.startsOn.slice(0, 4)}`,
          lines,
        });
      }
      await trx.updateTable('periods').set({ state: 'closed' }).where('fiscal_year_id', '=', id).execute();
      await trx
        .updateTable('fiscal_years')
        .set({ state: 'closed', closed_at: new Date().toISOString() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'fiscal_year.close',
        entity: 'fiscal_year',
        entityId: id,
        after: { result: toAmountString(result.neg()) },
      });
    });
  } catch (error) {
    throw ledgerDatabaseError(error);
  }
  return getFiscalYear(db, id);
}
