// Allocation runs: a period's pooled costs split between the members, previewed, kept as a draft, then approved and
// posted in one transaction (one balanced entry, the charge notes numbered) — and reversed, never edited.
import { type Insertable, type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { addDays, addMonths } from '../dates.ts';
import type { Database, PoolingRunStatus } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { formatDateFr } from '../documents/pdf/format.ts';
import { DomainError, type FieldError, invalid, notFound, sqlState } from '../errors.ts';
import { yieldToEventLoop } from '../imports/csv.ts';
import { postingAccount } from '../ledger/accounts.ts';
import { entryReference, post, reverseEntry } from '../ledger/entries.ts';
import type { PostingLine } from '../ledger/posting.ts';
import { Dec, roundMoney, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertPoolingManager, assertPoolingReader } from './access.ts';
import { allocateService } from './allocation.ts';
import { type CostPool, checkPeriod, costPoolOf, type PoolingPeriod } from './cost-pools.ts';
import { basisLabel, keyBases } from './keys.ts';
import { isDate, type KeyVersion, keyInForce, keyVersionsOf, subscribedMembers } from './services.ts';
import { basisWeights } from './weights.ts';

export type RunPhase = 'computing' | 'posting';
export type RunProgress = (done: number, total: number, phase: RunPhase) => void;

export interface RunInput extends PoolingPeriod {
  /** The services to allocate; all active services when left out. */
  serviceIds?: number[] | null;
}

export interface RunLine {
  memberId: number;
  memberCode: string;
  memberName: string;
  weight: string;
  totalWeight: string;
  exact: string;
  /** HT, to the centime. */
  amount: string;
  vat: string;
  remainderCentimes: number;
  explanation: string;
}

export interface RunService {
  serviceId: number;
  code: string;
  name: string;
  unit: string;
  keyVersionId: number;
  keyValidFrom: string;
  keyLabel: string;
  /** Bases used, with their totals; `fallbackFrom` names a basis replaced by the key's fallback. */
  bases: Array<{ label: string; share: string; totalWeight: string; fallbackFrom: string | null }>;
  pool: CostPool;
  vatRate: string | null;
  lines: RunLine[];
  /** What the previous period's posted runs charged for this service, for comparison. */
  previousAmount: string;
}

export interface RunTotals {
  byMember: Array<{
    memberId: number;
    memberCode: string;
    memberName: string;
    amount: string;
    vat: string;
    total: string;
    previous: string;
  }>;
  byService: Array<{
    serviceId: number;
    code: string;
    name: string;
    cost: string;
    allocated: string;
    vat: string;
    previous: string;
  }>;
  amount: string;
  vat: string;
  total: string;
}

export interface RunComputation {
  from: string;
  to: string;
  /** The period compared with: as long as this one, just before it. */
  previousPeriod: PoolingPeriod;
  services: RunService[];
  /** Services left out, and why (already allocated for the period, nothing to allocate). */
  skipped: Array<{ serviceId: number; code: string; reason: string }>;
  /** Services that cannot be allocated as they stand (all-zero weights and no fallback...): a draft refuses them. */
  problems: FieldError[];
  totals: RunTotals;
}

export interface AllocationRun extends RunComputation {
  id: number;
  status: PoolingRunStatus;
  postingDate: string | null;
  entryId: number | null;
  entryReference: string | null;
  reversalEntryId: number | null;
  reversalReason: string | null;
  chargeNotes: Array<{ id: number; memberId: number; number: string; totalTtc: string }>;
  createdAt: string;
  postedAt: string | null;
  reversedAt: string | null;
}

/** The period just before, as long: whole months give whole months (a quarter before a quarter), else days. */
export function previousPeriod(period: PoolingPeriod): PoolingPeriod {
  const start = new Date(`${period.from}T00:00:00Z`);
  const endNext = addDays(period.to, 1);
  if (start.getUTCDate() === 1 && endNext.endsWith('-01')) {
    const months =
      (Number(endNext.slice(0, 4)) - Number(period.from.slice(0, 4))) * 12 +
      Number(endNext.slice(5, 7)) -
      Number(period.from.slice(5, 7));
    return { from: addMonths(period.from, -months), to: addDays(period.from, -1) };
  }
  const days = Math.round((Date.parse(`${period.to}T00:00:00Z`) - start.getTime()) / 86_400_000) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

const money = (v: Dec | string) => toAmountString(new Dec(v));

// A run's lines come back from the database already in these forms (a draft writes them so, numeric keeps the text
// it was given): a decimal is made of them only when one is not, as a run has a line per member and service.
const PLAIN = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;
const AMOUNT = /^-?(0|[1-9]\d*)\.\d\d$/;
const plainText = (v: string) => (PLAIN.test(v) && v !== '-0' ? v : new Dec(v).toFixed());
const amountText = (v: string) => (AMOUNT.test(v) && v !== '-0.00' ? v : money(v));

async function previousAmounts(db: Kysely<Database>, period: PoolingPeriod, serviceIds: number[]) {
  if (serviceIds.length === 0) return [];
  const { rows } = await sql<{ service_id: number; member_id: number; amount: string }>`
    select l.service_id, l.member_id, sum(l.amount) as amount
    from pooling_run_lines l join pooling_run_services s on s.run_id = l.run_id and s.service_id = l.service_id
    where s.state = 'posted' and s.period_from >= ${period.from} and s.period_to <= ${period.to}
      and l.service_id in (${sql.join(serviceIds)})
    group by l.service_id, l.member_id`.execute(db);
  return rows;
}

/** The previous period's amounts summed by member or by service, in one pass over its lines. */
function sumBy(
  rows: ReadonlyArray<{ service_id: number; member_id: number; amount: string }>,
  keyOf: (row: (typeof rows)[number]) => number,
) {
  const sums = new Map<number, Dec>();
  for (const row of rows) sums.set(keyOf(row), (sums.get(keyOf(row)) ?? new Dec(0)).plus(row.amount));
  return sums;
}

function totalsOf(services: RunService[], previous: Array<{ service_id: number; member_id: number; amount: string }>): RunTotals {
  const byMember = new Map<number, RunTotals['byMember'][number] & { a: Dec; v: Dec }>();
  // each line's amounts read once into a decimal and added to its member and its service; no VAT is most lines
  const byService = services.map((service) => {
    let allocated = new Dec(0);
    let vatTotal = new Dec(0);
    for (const line of service.lines) {
      const current = byMember.get(line.memberId) ?? {
        memberId: line.memberId,
        memberCode: line.memberCode,
        memberName: line.memberName,
        amount: '0.00',
        vat: '0.00',
        total: '0.00',
        previous: '0.00',
        a: new Dec(0),
        v: new Dec(0),
      };
      const amount = new Dec(line.amount);
      current.a = current.a.plus(amount);
      allocated = allocated.plus(amount);
      if (line.vat !== '0.00') {
        const vat = new Dec(line.vat);
        current.v = current.v.plus(vat);
        vatTotal = vatTotal.plus(vat);
      }
      byMember.set(line.memberId, current);
    }
    return {
      serviceId: service.serviceId,
      code: service.code,
      name: service.name,
      cost: service.pool.total,
      allocated: money(allocated),
      vat: money(vatTotal),
      previous: service.previousAmount,
    };
  });
  const members = [...byMember.values()].sort((a, b) => a.memberCode.localeCompare(b.memberCode));
  const previousByMember = sumBy(previous, (p) => p.member_id);
  const previousOf = (memberId: number) => previousByMember.get(memberId) ?? new Dec(0);
  const amount = members.reduce((acc, m) => acc.plus(m.a), new Dec(0));
  const vat = members.reduce((acc, m) => acc.plus(m.v), new Dec(0));
  return {
    byMember: members.map(({ a, v, ...m }) => ({
      ...m,
      amount: money(a),
      vat: money(v),
      total: money(a.plus(v)),
      previous: money(previousOf(m.memberId)),
    })),
    byService,
    amount: money(amount),
    vat: money(vat),
    total: money(amount.plus(vat)),
  };
}

/** Services already allocated by a posted run over a period that overlaps this one. */
async function postedOverlaps(db: Kysely<Database>, period: PoolingPeriod, serviceIds: number[]) {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('pooling_run_services')
    .select(['service_id', 'run_id', 'period_from', 'period_to'])
    .where('state', '=', 'posted')
    .where('service_id', 'in', serviceIds)
    .where('period_from', '<=', period.to)
    .where('period_to', '>=', period.from)
    .execute();
}

/**
 * Computes a run without writing anything: per service its pool, its key in force at the end of the period, and
 * per member the weight, exact share, rounded amount and explanation; totals; the previous period for comparison.
 */
export async function computeRun(
  db: Kysely<Database>,
  input: RunInput,
  onProgress: RunProgress = () => {},
): Promise<RunComputation> {
  checkPeriod(input);
  const chosen = input.serviceIds?.length ? [...new Set(input.serviceIds)] : null;
  let q = db.selectFrom('pooled_services').selectAll().orderBy('code');
  q = chosen ? q.where('id', 'in', chosen) : q.where('active', '=', true);
  const services = await q.execute();
  if (chosen) {
    chosen.forEach((id, i) => {
      if (!services.some((s) => s.id === id)) throw invalid(`serviceIds.${i}`, `pooled service ${id} does not exist`);
    });
  }
  const overlaps = await postedOverlaps(
    db,
    input,
    services.map((s) => s.id),
  );
  const prev = previousPeriod(input);
  const previous = await previousAmounts(
    db,
    prev,
    services.map((s) => s.id),
  );
  const previousByService = sumBy(previous, (p) => p.service_id);
  const computed: RunService[] = [];
  const skipped: RunComputation['skipped'] = [];
  const problems: FieldError[] = [];
  let done = 0;
  for (const service of services) {
    const overlap = overlaps.find((o) => o.service_id === service.id);
    const path = `services.${service.code}`;
    if (overlap) {
      const reason = `already allocated by posted run ${overlap.run_id} (${overlap.period_from} – ${overlap.period_to}); reverse it to allocate again`;
      if (chosen) problems.push({ path, message: reason });
      skipped.push({ serviceId: service.id, code: service.code, reason });
    } else {
      const pool = await costPoolOf(db, service, input);
      const versions = await keyVersionsOf(db, service.id);
      const key: KeyVersion | null = keyInForce(versions, input.to);
      if (!key) {
        problems.push({ path, message: `${service.code} has no key of allocation in force on ${input.to}` });
      } else if (new Dec(pool.total).isZero()) {
        skipped.push({ serviceId: service.id, code: service.code, reason: 'nothing to allocate: the cost pool is zero' });
      } else {
        const members = await subscribedMembers(db, service);
        const context = { serviceId: service.id, members, from: input.from, to: input.to };
        try {
          const bases = await Promise.all(
            keyBases(key).map(async (basis) => ({
              label: basisLabel(basis),
              share: basis.share,
              weights: await basisWeights(db, basis, context),
              fallback: key.fallback
                ? { label: basisLabel({ kind: key.fallback }), weights: await basisWeights(db, { kind: key.fallback }, context) }
                : null,
            })),
          );
          const allocation = allocateService({
            service: { code: service.code, name: service.name },
            cost: pool.total,
            members: members.map((m) => m.code),
            bases,
          });
          const byCode = new Map(members.map((m) => [m.code, m]));
          const rate = service.reinvoice_vat && service.vat_rate ? new Dec(service.vat_rate) : null;
          computed.push({
            serviceId: service.id,
            code: service.code,
            name: service.name,
            unit: service.unit,
            keyVersionId: key.id,
            keyValidFrom: key.validFrom,
            keyLabel: key.label,
            bases: allocation.bases,
            pool,
            vatRate: rate ? rate.toFixed(2) : null,
            previousAmount: money(previousByService.get(service.id) ?? new Dec(0)),
            lines: allocation.lines.map((line) => {
              const member = byCode.get(line.memberCode) as { id: number; code: string; name: string };
              return {
                memberId: member.id,
                memberCode: member.code,
                memberName: member.name,
                weight: line.weight,
                totalWeight: line.totalWeight,
                exact: line.exact,
                amount: line.amount,
                vat: rate ? money(roundMoney(new Dec(line.amount).times(rate).div(100))) : '0.00',
                remainderCentimes: line.remainderCentimes,
                explanation: line.explanation,
              };
            }),
          });
        } catch (error) {
          if (error instanceof DomainError && error.kind === 'invalid') problems.push(...error.errors);
          else throw error;
        }
      }
    }
    done += 1;
    onProgress(done, services.length, 'computing');
    await yieldToEventLoop();
  }
  return {
    from: input.from,
    to: input.to,
    previousPeriod: prev,
    services: computed,
    skipped,
    problems,
    totals: totalsOf(computed, previous),
  };
}

export async function previewRun(
  db: Kysely<Database>,
  actor: Actor,
  input: RunInput,
  onProgress?: RunProgress,
): Promise<RunComputation> {
  assertPoolingReader(actor);
  return computeRun(db, input, onProgress);
}

function refuseProblems(problems: FieldError[]): void {
  if (problems.length > 0) {
    throw new DomainError('invalid', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
  }
}

/**
 * Writes a run's lines (one per member and service) in one statement with one array per column: as a VALUES list
 * they were 10 parameters a line in 20 statements, which PostgreSQL parsed more slowly than it stored them.
 */
async function insertRunLines(db: Kysely<Database>, lines: ReadonlyArray<Insertable<Database['pooling_run_lines']>>) {
  if (lines.length === 0) return;
  const column = <C extends keyof Insertable<Database['pooling_run_lines']>>(name: C, type: string) =>
    sql`${sql.val(lines.map((l) => l[name]))}::${sql.raw(type)}[]`;
  await sql`insert into pooling_run_lines
      (run_id, service_id, member_id, weight, total_weight, exact, amount, vat, remainder_centimes, explanation)
    select run_id, service_id, member_id, weight, total_weight, exact, amount, vat, remainder_centimes, explanation
    from unnest(${column('run_id', 'integer')}, ${column('service_id', 'integer')}, ${column('member_id', 'integer')},
      ${column('weight', 'numeric')}, ${column('total_weight', 'numeric')}, ${column('exact', 'numeric')},
      ${column('amount', 'numeric')}, ${column('vat', 'numeric')}, ${column('remainder_centimes', 'smallint')},
      ${column('explanation', 'text')})
      with ordinality as l (run_id, service_id, member_id, weight, total_weight, exact, amount, vat, remainder_centimes, explanation, n)
    order by n`.execute(db);
}

/** Computes a run and keeps it as a draft, to be approved and posted. */
export async function createRun(
  db: Kysely<Database>,
  actor: Actor,
  input: RunInput,
  onProgress?: RunProgress,
): Promise<AllocationRun> {
  assertPoolingManager(actor);
  const computation = await computeRun(db, input, onProgress);
  refuseProblems(computation.problems);
  if (computation.services.length === 0) {
    throw new DomainError('invalid', `serviceIds: nothing to allocate from ${input.from} to ${input.to}`, [
      {
        path: 'serviceIds',
        message: `no service has anything to allocate: ${computation.skipped.map((s) => `${s.code}: ${s.reason}`).join('; ') || 'no active service'}`,
      },
    ]);
  }
  const id = await inTransaction(db, async (trx) => {
    const run = await trx
      .insertInto('pooling_runs')
      .values({ period_from: input.from, period_to: input.to, created_by: auditActorId(actor) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('pooling_run_services')
      .values(
        computation.services.map((s) => ({
          run_id: run.id,
          service_id: s.serviceId,
          key_version_id: s.keyVersionId,
          period_from: input.from,
          period_to: input.to,
          cost: s.pool.total,
          basis: JSON.stringify({
            name: s.name,
            unit: s.unit,
            keyLabel: s.keyLabel,
            keyValidFrom: s.keyValidFrom,
            bases: s.bases,
            pool: s.pool,
            vatRate: s.vatRate,
          }),
        })),
      )
      .execute();
    const lines = computation.services.flatMap((s) =>
      s.lines.map((l) => ({
        run_id: run.id,
        service_id: s.serviceId,
        member_id: l.memberId,
        weight: l.weight,
        total_weight: l.totalWeight,
        exact: l.exact,
        amount: l.amount,
        vat: l.vat,
        remainder_centimes: l.remainderCentimes,
        explanation: l.explanation,
      })),
    );
    await insertRunLines(trx, lines);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'pooling_run.create',
      entity: 'pooling_run',
      entityId: run.id,
      after: {
        from: input.from,
        to: input.to,
        total: computation.totals.total,
        services: computation.services.map((s) => s.code),
      },
    });
    return run.id;
  });
  return getRun(db, actor, id);
}

interface StoredBasis {
  name: string;
  unit: string;
  keyLabel: string;
  keyValidFrom: string;
  bases: RunService['bases'];
  pool: CostPool;
  vatRate: string | null;
}

async function chargeNotesOf(db: Kysely<Database>, runId: number): Promise<AllocationRun['chargeNotes']> {
  const notes = await db
    .selectFrom('pooling_charge_notes')
    .select(['id', 'member_id', 'number', 'total_ttc'])
    .where('run_id', '=', runId)
    .orderBy('number')
    .execute();
  return notes.map((n) => ({ id: n.id, memberId: n.member_id, number: n.number, totalTtc: money(n.total_ttc) }));
}

/** The reference of the run's entry, read alone: the entry has a line per member and service. */
async function entryReferenceOf(db: Kysely<Database>, entryId: number): Promise<string> {
  const row = await db
    .selectFrom('entries')
    .innerJoin('fiscal_years', 'fiscal_years.id', 'entries.fiscal_year_id')
    .select(['entries.id', 'entries.journal_code', 'entries.number', 'fiscal_years.starts_on'])
    .where('entries.id', '=', entryId)
    .executeTakeFirstOrThrow();
  return entryReference(row.journal_code, row.starts_on, row.number, row.id);
}

export async function getRun(db: Kysely<Database>, actor: Actor, id: number): Promise<AllocationRun> {
  assertPoolingReader(actor);
  const run = await db.selectFrom('pooling_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!run) throw notFound('allocation run', id);
  const [services, lines, notes] = await Promise.all([
    db
      .selectFrom('pooling_run_services as rs')
      .innerJoin('pooled_services as s', 's.id', 'rs.service_id')
      .select(['rs.service_id', 'rs.key_version_id', 'rs.cost', 'rs.basis', 's.code'])
      .where('rs.run_id', '=', id)
      .orderBy('s.code')
      .execute(),
    db
      .selectFrom('pooling_run_lines as l')
      .innerJoin('members as m', 'm.id', 'l.member_id')
      .selectAll('l')
      .select(['m.code', 'm.legal_name'])
      .where('l.run_id', '=', id)
      .orderBy('m.code')
      .execute(),
    chargeNotesOf(db, id),
  ]);
  const prev = previousPeriod({ from: run.period_from, to: run.period_to });
  const previous = await previousAmounts(
    db,
    prev,
    services.map((s) => s.service_id),
  );
  const previousByService = sumBy(previous, (p) => p.service_id);
  const linesOf = new Map<number, typeof lines>();
  for (const line of lines) {
    const list = linesOf.get(line.service_id) ?? [];
    list.push(line);
    linesOf.set(line.service_id, list);
  }
  const runServices: RunService[] = services.map((s) => {
    const basis = s.basis as StoredBasis;
    return {
      serviceId: s.service_id,
      code: s.code,
      name: basis.name,
      unit: basis.unit,
      keyVersionId: s.key_version_id,
      keyValidFrom: basis.keyValidFrom,
      keyLabel: basis.keyLabel,
      bases: basis.bases,
      pool: basis.pool,
      vatRate: basis.vatRate,
      previousAmount: money(previousByService.get(s.service_id) ?? new Dec(0)),
      lines: (linesOf.get(s.service_id) ?? []).map((l) => ({
        memberId: l.member_id,
        memberCode: l.code ?? '',
        memberName: l.legal_name,
        weight: plainText(l.weight),
        totalWeight: plainText(l.total_weight),
        exact: plainText(l.exact),
        amount: amountText(l.amount),
        vat: amountText(l.vat),
        remainderCentimes: l.remainder_centimes,
        explanation: l.explanation,
      })),
    };
  });
  return {
    id: run.id,
    status: run.status,
    from: run.period_from,
    to: run.period_to,
    previousPeriod: prev,
    services: runServices,
    skipped: [],
    problems: [],
    totals: totalsOf(runServices, previous),
    postingDate: run.posting_date,
    entryId: run.entry_id,
    entryReference: run.entry_id ? await entryReferenceOf(db, run.entry_id) : null,
    reversalEntryId: run.reversal_entry_id,
    reversalReason: run.reversal_reason,
    chargeNotes: notes,
    createdAt: run.created_at,
    postedAt: run.posted_at,
    reversedAt: run.reversed_at,
  };
}

export interface RunSummary {
  id: number;
  from: string;
  to: string;
  status: PoolingRunStatus;
  services: string[];
  total: string;
  entryId: number | null;
  reversalEntryId: number | null;
  createdAt: string;
}

export async function listRuns(
  db: Kysely<Database>,
  actor: Actor,
  query: { status?: PoolingRunStatus } = {},
): Promise<RunSummary[]> {
  assertPoolingReader(actor);
  let q = db.selectFrom('pooling_runs').selectAll().orderBy('period_from', 'desc').orderBy('id', 'desc').limit(500);
  if (query.status) q = q.where('status', '=', query.status);
  const runs = await q.execute();
  if (runs.length === 0) return [];
  const ids = runs.map((r) => r.id);
  const [services, totals] = await Promise.all([
    db
      .selectFrom('pooling_run_services as rs')
      .innerJoin('pooled_services as s', 's.id', 'rs.service_id')
      .select(['rs.run_id', 's.code'])
      .where('rs.run_id', 'in', ids)
      .orderBy('s.code')
      .execute(),
    db
      .selectFrom('pooling_run_lines')
      .select(['run_id', sql<string>`sum(amount + vat)`.as('total')])
      .where('run_id', 'in', ids)
      .groupBy('run_id')
      .execute(),
  ]);
  return runs.map((r) => ({
    id: r.id,
    from: r.period_from,
    to: r.period_to,
    status: r.status,
    services: services.filter((s) => s.run_id === r.id).map((s) => s.code),
    total: money(totals.find((t) => t.run_id === r.id)?.total ?? '0'),
    entryId: r.entry_id,
    reversalEntryId: r.reversal_entry_id,
    createdAt: r.created_at,
  }));
}

/** Deletes a draft run (a posted one is reversed, never deleted). */
export async function deleteDraftRun(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  assertPoolingManager(actor);
  await inTransaction(db, async (trx) => {
    const run = await trx.selectFrom('pooling_runs').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!run) throw notFound('allocation run', id);
    if (run.status !== 'draft')
      throw new DomainError('conflict', `allocation run ${id} is ${run.status}: it is reversed, never deleted`);
    await trx.deleteFrom('pooling_runs').where('id', '=', id).execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'pooling_run.delete',
      entity: 'pooling_run',
      entityId: id,
    });
  });
}

/**
 * Approves and posts a draft run in one transaction: the pools are checked unchanged since the draft, one balanced
 * entry is posted (D 4464-member / C 7197 per service, analytic the service; VAT when the service re-invoices it), and
 * each member charged gets its charge note, numbered by the database from its own gapless series.
 */
export async function postRun(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  options: { date?: string | null; idempotencyKey?: string | null } = {},
  onProgress: RunProgress = () => {},
): Promise<AllocationRun> {
  assertPoolingManager(actor);
  if (options.date && !isDate(options.date)) throw invalid('date', `expected a date YYYY-MM-DD, received "${options.date}"`);
  const key = options.idempotencyKey?.trim() || null;
  let posted: AllocationRun | null = null;
  try {
    posted = await inTransaction(db, async (trx): Promise<AllocationRun | null> => {
      const run = await trx.selectFrom('pooling_runs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!run) throw notFound('allocation run', id);
      if (key) {
        const other = await trx.selectFrom('pooling_runs').select('id').where('idempotency_key', '=', key).executeTakeFirst();
        if (other && other.id !== id) {
          throw new DomainError('conflict', `idempotency key "${key}" was already used for run ${other.id}`, [
            { path: 'idempotency-key', message: 'already used for another run' },
          ]);
        }
        if (other && run.status !== 'draft') return null; // the same request again: the first answer stands
      }
      if (run.status !== 'draft') throw new DomainError('conflict', `allocation run ${id} is already ${run.status}`);
      const current = await getRun(trx, actor, id);
      const period = { from: run.period_from, to: run.period_to };
      const overlaps = await postedOverlaps(
        trx,
        period,
        current.services.map((s) => s.serviceId),
      );
      const problems: FieldError[] = overlaps.map((o) => {
        const code = current.services.find((s) => s.serviceId === o.service_id)?.code ?? String(o.service_id);
        return {
          path: `services.${code}`,
          message: `already allocated by posted run ${o.run_id} (${o.period_from} – ${o.period_to})`,
        };
      });
      for (const service of current.services) {
        const pool = await costPoolOf(trx, { id: service.serviceId, code: service.code, name: service.name }, period);
        if (pool.total !== service.pool.total) {
          problems.push({
            path: `services.${service.code}`,
            message: `the cost pool changed since the draft (${service.pool.total} → ${pool.total}): compute a new draft`,
          });
        }
      }
      if (problems.length > 0) {
        throw new DomainError('conflict', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
      }
      const [transfer, vatAccount] = await Promise.all([
        postingAccount(trx, 'pooling.cost_transfer'),
        postingAccount(trx, 'pooling.reinvoice_vat'),
      ]);
      const memberIds = [...new Set(current.services.flatMap((s) => s.lines.map((l) => l.memberId)))];
      const accounts = await trx
        .selectFrom('accounts')
        .select(['code', 'member_id'])
        .where('member_id', 'in', memberIds)
        .execute();
      const accountByMember = new Map(accounts.map((a) => [a.member_id, a.code]));
      const accountOf = (memberId: number, code: string) => {
        const account = accountByMember.get(memberId);
        if (!account) throw new DomainError('conflict', `member ${code} has no member account (4464-${code})`);
        return account;
      };
      const side = (amount: Dec, debitWhenPositive: boolean): Pick<PostingLine, 'debit' | 'credit'> =>
        amount.gt(0) === debitWhenPositive ? { debit: money(amount.abs()) } : { credit: money(amount.abs()) };
      // the run's totals are its lines' sums, per service and per member: added up once, when the draft was read
      const totalOfService = new Map(current.totals.byService.map((t) => [t.serviceId, t]));
      const totalOfMember = new Map(current.totals.byMember.map((t) => [t.memberId, t]));
      const lines: PostingLine[] = [];
      const periodText = `${formatDateFr(run.period_from)} – ${formatDateFr(run.period_to)}`;
      for (const service of current.services) {
        for (const line of service.lines) {
          const ttc = new Dec(line.amount).plus(line.vat);
          if (ttc.isZero()) continue;
          lines.push({
            account: accountOf(line.memberId, line.memberCode),
            ...side(ttc, true),
            label: `${service.name} ${periodText}`,
            memberId: line.memberId,
            service: service.code,
          });
        }
        const ht = new Dec(totalOfService.get(service.serviceId)?.allocated ?? '0');
        const vat = new Dec(totalOfService.get(service.serviceId)?.vat ?? '0');
        if (!ht.isZero())
          lines.push({ account: transfer, ...side(ht, false), label: `${service.name} ${periodText}`, service: service.code });
        if (!vat.isZero())
          lines.push({
            account: vatAccount,
            ...side(vat, false),
            label: `TVA ${service.name} ${periodText}`,
            service: service.code,
          });
      }
      onProgress(1, 2, 'posting');
      const entry = await post(trx, actor, {
        journal: 'OD',
        date: options.date ?? run.period_to,
        label: `Répartition des services mutualisés ${periodText}`,
        sourceRef: `REP-${id}`,
        lines,
      });
      const stamp = await trx
        .updateTable('pooling_runs')
        .set({
          status: 'posted',
          entry_id: entry.id,
          posting_date: entry.date,
          posted_by: auditActorId(actor),
          posted_at: new Date().toISOString(),
          idempotency_key: key,
        })
        .where('id', '=', id)
        .returning(['posting_date', 'posted_at'])
        .executeTakeFirstOrThrow();
      const settings = await trx.selectFrom('gie_settings').selectAll().where('id', '=', 1).executeTakeFirst();
      const members = await trx.selectFrom('members').selectAll().where('id', 'in', memberIds).orderBy('code').execute();
      // each member's lines, service by service, gathered in one pass (a run has members × services lines)
      const linesOf = new Map<number, Array<{ service: RunService; line: RunLine }>>();
      for (const service of current.services)
        for (const line of service.lines) {
          const list = linesOf.get(line.memberId) ?? [];
          list.push({ service, line });
          linesOf.set(line.memberId, list);
        }
      const notes: Insertable<Database['pooling_charge_notes']>[] = [];
      for (const member of members) {
        const memberLines = (linesOf.get(member.id) ?? []).map(({ service: s, line: l }) => ({
          serviceCode: s.code,
          serviceName: s.name,
          keyLabel: s.keyLabel,
          cost: s.pool.total,
          weight: l.weight,
          totalWeight: l.totalWeight,
          explanation: l.explanation,
          amount: l.amount,
          vatRate: s.vatRate,
          vat: l.vat,
        }));
        const ht = new Dec(totalOfMember.get(member.id)?.amount ?? '0');
        const vat = new Dec(totalOfMember.get(member.id)?.vat ?? '0');
        if (ht.plus(vat).isZero()) continue;
        notes.push({
          run_id: id,
          member_id: member.id,
          issue_date: entry.date,
          total_ht: money(ht),
          total_vat: money(vat),
          total_ttc: money(ht.plus(vat)),
          snapshot: JSON.stringify({
            gie: {
              name: settings?.name ?? 'GIE',
              address: settings?.address ?? null,
              city: settings?.city ?? null,
              ice: settings?.ice ?? null,
              ifNumber: settings?.if_number ?? null,
              rcNumber: settings?.rc_number ?? null,
              rcCourt: settings?.rc_court ?? null,
              tpNumber: settings?.tp_number ?? null,
              phone: settings?.phone ?? null,
              email: settings?.email ?? null,
            },
            member: {
              id: member.id,
              code: member.code,
              name: member.legal_name,
              address: member.address,
              commune: member.commune,
              ice: member.ice,
              account: accountOf(member.id, member.code ?? ''),
            },
            period: { from: run.period_from, to: run.period_to },
            entryReference: entry.reference,
            lines: memberLines,
            totals: { ht: money(ht), vat: money(vat), ttc: money(ht.plus(vat)) },
          }),
        });
      }
      // rows of one INSERT are written in the order listed, so the series numbers the notes by member code
      for (let start = 0; start < notes.length; start += 500)
        await trx
          .insertInto('pooling_charge_notes')
          .values(notes.slice(start, start + 500))
          .execute();
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'pooling_run.post',
        entity: 'pooling_run',
        entityId: id,
        after: { entry: entry.reference, total: current.totals.total },
      });
      onProgress(2, 2, 'posting');
      // the draft read above, now posted: its content cannot have changed, so it is not read a second time
      return {
        ...current,
        status: 'posted',
        postingDate: stamp.posting_date,
        entryId: entry.id,
        entryReference: entry.reference,
        postedAt: stamp.posted_at,
        chargeNotes: await chargeNotesOf(trx, id),
      };
    });
  } catch (error) {
    if (sqlState(error) === '23505' && /pooling_run_services_one_posted/.test((error as Error).message)) {
      throw new DomainError('conflict', 'a posted run already allocates one of these services for this period; reverse it first');
    }
    throw error;
  }
  return posted ?? getRun(db, actor, id);
}

/** Reverses a posted run with the mirror entry; its services and period can then be allocated again. */
export async function reverseRun(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: { date: string; reason: string; idempotencyKey?: string | null },
): Promise<AllocationRun> {
  assertPoolingManager(actor);
  const errors: FieldError[] = [];
  if (!isDate(input.date)) errors.push({ path: 'date', message: `expected a date YYYY-MM-DD, received "${input.date}"` });
  if (!input.reason?.trim()) errors.push({ path: 'reason', message: 'required: say why the run is reversed' });
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  await inTransaction(db, async (trx) => {
    const run = await trx.selectFrom('pooling_runs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!run) throw notFound('allocation run', id);
    if (run.status === 'reversed' && input.idempotencyKey && run.reversal_entry_id !== null) {
      const reversal = await trx
        .selectFrom('entries')
        .select('idempotency_key')
        .where('id', '=', run.reversal_entry_id)
        .executeTakeFirst();
      if (reversal?.idempotency_key === input.idempotencyKey.trim()) return; // the same request again: the first answer stands
    }
    if (run.status !== 'posted' || run.entry_id === null) {
      throw new DomainError('conflict', `allocation run ${id} is ${run.status}: only a posted run can be reversed`);
    }
    const reversal = await reverseEntry(trx, actor, run.entry_id, {
      date: input.date,
      label: `Extourne répartition ${formatDateFr(run.period_from)} – ${formatDateFr(run.period_to)} : ${input.reason.trim()}`,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    await trx
      .updateTable('pooling_runs')
      .set({
        status: 'reversed',
        reversal_entry_id: reversal.id,
        reversed_by: auditActorId(actor),
        reversed_at: new Date().toISOString(),
        reversal_reason: input.reason.trim(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'pooling_run.reverse',
      entity: 'pooling_run',
      entityId: id,
      after: { reversal: reversal.reference, reason: input.reason.trim() },
    });
  });
  return getRun(db, actor, id);
}
