// The cost pool of a service for a period: the posted expenses (class 6) carrying its analytic code, plus the
// manual adjustments dated in the period, with the drill-down to the ledger lines it is made of.
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, notFound } from '../errors.ts';
import { entryReference } from '../ledger/entries.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertPoolingManager, assertPoolingReader } from './access.ts';
import { isDate } from './services.ts';

export interface PoolingPeriod {
  from: string;
  to: string;
}

export interface CostPool {
  serviceId: number;
  code: string;
  name: string;
  from: string;
  to: string;
  /** Posted expenses with the service's analytic code (debit − credit on class 6). */
  expenses: string;
  adjustments: string;
  total: string;
}

export interface Adjustment {
  id: number;
  serviceId: number;
  appliesOn: string;
  amount: string;
  reason: string;
  createdAt: string;
}

export interface CostPoolLine {
  entryId: number;
  reference: string;
  date: string;
  label: string;
  account: string;
  accountLabel: string;
  lineLabel: string | null;
  /** debit − credit. */
  amount: string;
}

export function checkPeriod(period: PoolingPeriod): void {
  const errors: FieldError[] = [];
  if (!isDate(period.from)) errors.push({ path: 'from', message: `expected a date YYYY-MM-DD, received "${period.from}"` });
  if (!isDate(period.to)) errors.push({ path: 'to', message: `expected a date YYYY-MM-DD, received "${period.to}"` });
  if (errors.length === 0 && period.from > period.to)
    errors.push({ path: 'to', message: `the period ends (${period.to}) before it starts (${period.from})` });
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

/** The pool of one service, computed from the ledger and the adjustments. */
export async function costPoolOf(
  db: Kysely<Database>,
  service: { id: number; code: string; name: string },
  period: PoolingPeriod,
): Promise<CostPool> {
  const { rows } = await sql<{ total: string }>`
    select coalesce(sum(l.debit - l.credit), 0) as total
    from entry_lines l join entries e on e.id = l.entry_id
    where e.status = 'posted' and l.service_code = ${service.code} and l.account_code like '6%'
      and e.entry_date between ${period.from} and ${period.to}`.execute(db);
  const adjustments = await db
    .selectFrom('pooling_adjustments')
    .select(sql<string>`coalesce(sum(amount), 0)`.as('total'))
    .where('service_id', '=', service.id)
    .where('applies_on', '>=', period.from)
    .where('applies_on', '<=', period.to)
    .executeTakeFirstOrThrow();
  const expenses = new Dec(rows[0]?.total ?? '0');
  const adjusted = new Dec(adjustments.total);
  return {
    serviceId: service.id,
    code: service.code,
    name: service.name,
    from: period.from,
    to: period.to,
    expenses: toAmountString(expenses),
    adjustments: toAmountString(adjusted),
    total: toAmountString(expenses.plus(adjusted)),
  };
}

export async function listCostPools(db: Kysely<Database>, actor: Actor, period: PoolingPeriod): Promise<CostPool[]> {
  assertPoolingReader(actor);
  checkPeriod(period);
  const services = await db.selectFrom('pooled_services').select(['id', 'code', 'name']).orderBy('code').execute();
  return Promise.all(services.map((s) => costPoolOf(db, s, period)));
}

/** What a cost pool is made of: its ledger lines (to the entry) and its adjustments. */
export async function costPoolDetail(
  db: Kysely<Database>,
  actor: Actor,
  serviceId: number,
  period: PoolingPeriod,
): Promise<CostPool & { lines: CostPoolLine[]; adjustmentItems: Adjustment[] }> {
  assertPoolingReader(actor);
  checkPeriod(period);
  const service = await db
    .selectFrom('pooled_services')
    .select(['id', 'code', 'name'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!service) throw notFound('pooled service', serviceId);
  const pool = await costPoolOf(db, service, period);
  const lines = await db
    .selectFrom('entry_lines as l')
    .innerJoin('entries as e', 'e.id', 'l.entry_id')
    .innerJoin('fiscal_years as fy', 'fy.id', 'e.fiscal_year_id')
    .innerJoin('accounts as a', 'a.code', 'l.account_code')
    .select([
      'e.id',
      'e.journal_code',
      'e.number',
      'fy.starts_on',
      'e.entry_date',
      'e.label',
      'l.account_code',
      'a.label as account_label',
      'l.label as line_label',
      'l.debit',
      'l.credit',
    ])
    .where('e.status', '=', 'posted')
    .where('l.service_code', '=', service.code)
    .where('l.account_code', 'like', '6%')
    .where('e.entry_date', '>=', period.from)
    .where('e.entry_date', '<=', period.to)
    .orderBy('e.entry_date')
    .orderBy('e.id')
    .orderBy('l.line_no')
    .execute();
  return {
    ...pool,
    lines: lines.map((l) => ({
      entryId: l.id,
      reference: entryReference(l.journal_code, l.starts_on, l.number, l.id),
      date: l.entry_date,
      label: l.label,
      account: l.account_code,
      accountLabel: l.account_label,
      lineLabel: l.line_label,
      amount: toAmountString(new Dec(l.debit).minus(l.credit)),
    })),
    adjustmentItems: await listAdjustments(db, actor, { serviceId, ...period }),
  };
}

export async function listAdjustments(
  db: Kysely<Database>,
  actor: Actor,
  query: { serviceId?: number; from?: string; to?: string } = {},
): Promise<Adjustment[]> {
  assertPoolingReader(actor);
  let q = db.selectFrom('pooling_adjustments').selectAll().orderBy('applies_on').orderBy('id');
  if (query.serviceId !== undefined) q = q.where('service_id', '=', query.serviceId);
  if (query.from) q = q.where('applies_on', '>=', query.from);
  if (query.to) q = q.where('applies_on', '<=', query.to);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    appliesOn: r.applies_on,
    amount: toAmountString(new Dec(r.amount)),
    reason: r.reason,
    createdAt: r.created_at,
  }));
}

/** A manual correction of a service's pool (a cost outside the ledger, a share of a bill...), with its reason. */
export async function addAdjustment(
  db: Kysely<Database>,
  actor: Actor,
  input: { serviceId: number; appliesOn: string; amount: string; reason: string },
): Promise<Adjustment> {
  assertPoolingManager(actor);
  const errors: FieldError[] = [];
  if (!isDate(input.appliesOn))
    errors.push({ path: 'appliesOn', message: `expected a date YYYY-MM-DD, received "${input.appliesOn}"` });
  if (!/^-?\d{1,13}(\.\d{1,2})?$/.test(input.amount ?? '') || new Dec(input.amount).isZero()) {
    errors.push({
      path: 'amount',
      message: `expected a non-zero amount such as "1250.00" or "-300.00", received "${input.amount}"`,
    });
  }
  if (!input.reason?.trim()) errors.push({ path: 'reason', message: 'required: say why the pool is adjusted' });
  const service = await db.selectFrom('pooled_services').select('id').where('id', '=', input.serviceId).executeTakeFirst();
  if (!service) errors.push({ path: 'serviceId', message: `pooled service ${input.serviceId} does not exist` });
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  return inTransaction(db, async (trx) => {
    const posted = await trx
      .selectFrom('pooling_run_services')
      .select(['period_from', 'period_to'])
      .where('service_id', '=', input.serviceId)
      .where('state', '=', 'posted')
      .where('period_from', '<=', input.appliesOn)
      .where('period_to', '>=', input.appliesOn)
      .executeTakeFirst();
    if (posted) {
      throw new DomainError(
        'conflict',
        `appliesOn: the run of ${posted.period_from} – ${posted.period_to} is posted; reverse it first`,
        [{ path: 'appliesOn', message: `a posted run covers ${posted.period_from} – ${posted.period_to}` }],
      );
    }
    const row = await trx
      .insertInto('pooling_adjustments')
      .values({
        service_id: input.serviceId,
        applies_on: input.appliesOn,
        amount: input.amount,
        reason: input.reason.trim(),
        created_by: auditActorId(actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'pooling_adjustment.create',
      entity: 'pooled_service',
      entityId: input.serviceId,
      after: input,
    });
    return {
      id: row.id,
      serviceId: row.service_id,
      appliesOn: row.applies_on,
      amount: toAmountString(new Dec(row.amount)),
      reason: row.reason,
      createdAt: row.created_at,
    };
  });
}
