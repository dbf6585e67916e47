// The year-end allocation of the GIE's result to its members (law 13-97 art. 37): pro rata to their rights, largest
// remainder; a profit D 6186 / C 4464-xx, a loss D 4464-xx / C 7186, so that the GIE's own result is zero.
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { postingAccount } from '../ledger/accounts.ts';
import { post } from '../ledger/entries.ts';
import type { PostingLine } from '../ledger/posting.ts';
import { allocateLargestRemainder, Dec, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertPoolingManager, assertPoolingReader } from './access.ts';
import { groupDigits } from './allocation.ts';
import { isDate } from './services.ts';

export interface YearEndLine {
  memberId: number;
  memberCode: string;
  memberName: string;
  rightsShare: string;
  exact: string;
  amount: string;
  explanation: string;
}

export interface YearEndPreview {
  fiscalYearId: number;
  startsOn: string;
  endsOn: string;
  /** Products − charges of the year as posted now: positive is a profit. */
  result: string;
  kind: 'profit' | 'loss' | 'none';
  totalRights: string;
  lines: YearEndLine[];
  allocations: Array<{ id: number; entryId: number; result: string; createdAt: string }>;
}

/** The year's result as the ledger stands: credit − debit over classes 6 and 7. */
export async function yearResult(db: Kysely<Database>, fiscalYearId: number): Promise<Dec> {
  const { rows } = await sql<{ result: string }>`
    select coalesce(sum(b.credit - b.debit), 0) as result from account_balances b
    join periods p on p.id = b.period_id
    where p.fiscal_year_id = ${fiscalYearId} and left(b.account_code, 1) in ('6', '7')`.execute(db);
  return new Dec(rows[0]?.result ?? '0');
}

export async function yearEndPreview(db: Kysely<Database>, actor: Actor, fiscalYearId: number): Promise<YearEndPreview> {
  assertPoolingReader(actor);
  const year = await db.selectFrom('fiscal_years').selectAll().where('id', '=', fiscalYearId).executeTakeFirst();
  if (!year) throw notFound('fiscal year', fiscalYearId);
  const result = await yearResult(db, fiscalYearId);
  const members = await db
    .selectFrom('members')
    .select(['id', 'code', 'legal_name', 'rights_share'])
    .where('code', 'is not', null)
    .where('status', 'in', ['admitted', 'active', 'suspended'])
    .where('rights_share', '>', '0')
    .orderBy('code')
    .execute();
  const allocations = await db
    .selectFrom('pooling_year_end_allocations')
    .select(['id', 'entry_id', 'result', 'created_at'])
    .where('fiscal_year_id', '=', fiscalYearId)
    .orderBy('id')
    .execute();
  const totalRights = members.reduce((acc, m) => acc.plus(m.rights_share), new Dec(0));
  let lines: YearEndLine[] = [];
  if (!result.isZero() && members.length > 0) {
    const parts = allocateLargestRemainder(
      toAmountString(result.abs()),
      members.map((m) => ({ key: m.code as string, weight: new Dec(m.rights_share).toFixed() })),
      { label: 'rights share' },
    );
    lines = parts.map((part, i) => {
      const m = members[i] as (typeof members)[number];
      return {
        memberId: m.id,
        memberCode: m.code as string,
        memberName: m.legal_name,
        rightsShare: new Dec(m.rights_share).toFixed(),
        exact: part.exact.toFixed(),
        amount: toAmountString(part.amount),
        explanation: `${groupDigits(toAmountString(result.abs()))} × ${new Dec(m.rights_share).toFixed()}/${totalRights.toFixed()}${part.remainderCentimes ? ', +0.01 remainder' : ''}`,
      };
    });
  }
  return {
    fiscalYearId,
    startsOn: year.starts_on,
    endsOn: year.ends_on,
    result: toAmountString(result),
    kind: result.isZero() ? 'none' : result.gt(0) ? 'profit' : 'loss',
    totalRights: totalRights.toFixed(),
    lines,
    allocations: allocations.map((a) => ({
      id: a.id,
      entryId: a.entry_id,
      result: toAmountString(new Dec(a.result)),
      createdAt: a.created_at,
    })),
  };
}

/** Posts the allocation of the year's result to the members; afterwards the GIE's result for the year is zero. */
export async function postYearEnd(
  db: Kysely<Database>,
  actor: Actor,
  fiscalYearId: number,
  options: { date?: string | null; idempotencyKey?: string | null } = {},
): Promise<YearEndPreview> {
  assertPoolingManager(actor);
  if (options.date && !isDate(options.date)) throw invalid('date', `expected a date YYYY-MM-DD, received "${options.date}"`);
  await inTransaction(db, async (trx) => {
    // one allocation at a time per year: the second waits and then sees the result already transferred
    await sql`select id from fiscal_years where id = ${fiscalYearId} for update`.execute(trx);
    if (options.idempotencyKey) {
      const done = await trx
        .selectFrom('entries')
        .select('id')
        .where('idempotency_key', '=', `year-end:${options.idempotencyKey}`)
        .executeTakeFirst();
      if (done) return; // the same request again: the first answer stands
    }
    const preview = await yearEndPreview(trx, actor, fiscalYearId);
    if (preview.kind === 'none')
      throw new DomainError('conflict', `the result of ${preview.startsOn.slice(0, 4)} is zero: there is nothing to allocate`);
    if (preview.lines.length === 0) {
      throw new DomainError('conflict', 'no admitted member holds rights (rights share > 0): set the members\u2019 rights first');
    }
    const role = preview.kind === 'profit' ? 'year_end.profit_transfer' : 'year_end.loss_transfer';
    const transfer = await postingAccount(trx, role);
    const accounts = await trx
      .selectFrom('accounts')
      .select(['code', 'member_id'])
      .where(
        'member_id',
        'in',
        preview.lines.map((l) => l.memberId),
      )
      .execute();
    const lines: PostingLine[] = [];
    for (const line of preview.lines) {
      if (new Dec(line.amount).isZero()) continue;
      const account = accounts.find((a) => a.member_id === line.memberId)?.code;
      if (!account) throw new DomainError('conflict', `member ${line.memberCode} has no member account`);
      const label = `Résultat ${preview.startsOn.slice(0, 4)} — ${line.memberCode}`;
      if (preview.kind === 'profit') {
        lines.push({ account: transfer, debit: line.amount, memberId: line.memberId, label });
        lines.push({ account, credit: line.amount, label });
      } else {
        lines.push({ account, debit: line.amount, label });
        lines.push({ account: transfer, credit: line.amount, memberId: line.memberId, label });
      }
    }
    const entry = await post(
      trx,
      actor,
      {
        journal: 'OD',
        date: options.date ?? preview.endsOn,
        label: `Affectation du résultat ${preview.startsOn.slice(0, 4)} aux membres (loi 13-97, art. 37)`,
        sourceRef: `RES-${preview.startsOn.slice(0, 4)}`,
        lines,
      },
      { idempotencyKey: options.idempotencyKey ? `year-end:${options.idempotencyKey}` : null },
    );
    await trx
      .insertInto('pooling_year_end_allocations')
      .values({
        fiscal_year_id: fiscalYearId,
        entry_id: entry.id,
        result: preview.result,
        lines: JSON.stringify(preview.lines),
        created_by: auditActorId(actor),
      })
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'pooling_year_end.post',
      entity: 'fiscal_year',
      entityId: fiscalYearId,
      after: { result: preview.result, entry: entry.reference },
    });
  });
  return yearEndPreview(db, actor, fiscalYearId);
}
