// What each member used of a service (hours, km, m², kg, days, units), entered by the manager or imported from a
// spreadsheet with the same dry-run/apply import as the registries; an entrepreneur reads their member's only.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, notFound } from '../errors.ts';
import {
  addProblem,
  CellError,
  type ImportProblem,
  type ImportProgress,
  type ImportReport,
  type ImportSpec,
  isoDate,
  parseImport,
  yieldToEventLoop,
} from '../imports/csv.ts';
import { Dec } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertMemberVisible, assertPoolingManager, assertPoolingReader } from './access.ts';
import { isDate } from './services.ts';

export interface UsageRecord {
  id: number;
  serviceId: number;
  serviceCode: string;
  memberId: number;
  memberCode: string | null;
  usedOn: string;
  quantity: string;
  unit: string;
  note: string | null;
  createdAt: string;
}

export interface UsageInput {
  serviceId: number;
  memberId: number;
  usedOn: string;
  quantity: string;
  note?: string | null;
}

const QUANTITY = /^\d{1,11}(\.\d{1,3})?$/;

export async function listUsage(
  db: Kysely<Database>,
  actor: Actor,
  query: {
    id?: number;
    serviceId?: number;
    memberId?: number;
    from?: string;
    to?: string;
    page?: number;
    pageSize?: number;
  } = {},
): Promise<{ items: UsageRecord[]; total: number; page: number; pageSize: number }> {
  // an entrepreneur lists their member's usage only, whatever they ask for
  if (actor.role === 'entrepreneur') {
    if (query.memberId !== undefined) assertMemberVisible(actor, query.memberId);
  } else assertPoolingReader(actor);
  const memberId = actor.role === 'entrepreneur' ? (actor.memberId ?? -1) : query.memberId;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  let base = db
    .selectFrom('pooling_usage as u')
    .innerJoin('pooled_services as s', 's.id', 'u.service_id')
    .innerJoin('members as m', 'm.id', 'u.member_id');
  if (query.id !== undefined) base = base.where('u.id', '=', query.id);
  if (query.serviceId !== undefined) base = base.where('u.service_id', '=', query.serviceId);
  if (memberId !== undefined) base = base.where('u.member_id', '=', memberId);
  if (query.from) base = base.where('u.used_on', '>=', query.from);
  if (query.to) base = base.where('u.used_on', '<=', query.to);
  const [rows, count] = await Promise.all([
    base
      .select([
        'u.id',
        'u.service_id',
        's.code as service_code',
        's.unit',
        'u.member_id',
        'm.code as member_code',
        'u.used_on',
        'u.quantity',
        'u.note',
        'u.created_at',
      ])
      .orderBy('u.used_on', 'desc')
      .orderBy('u.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      serviceId: r.service_id,
      serviceCode: r.service_code,
      memberId: r.member_id,
      memberCode: r.member_code,
      usedOn: r.used_on,
      quantity: new Dec(r.quantity).toFixed(),
      unit: r.unit,
      note: r.note,
      createdAt: r.created_at,
    })),
    total: Number(count.n),
    page,
    pageSize,
  };
}

export async function recordUsage(db: Kysely<Database>, actor: Actor, input: UsageInput): Promise<UsageRecord> {
  assertPoolingManager(actor);
  const errors: FieldError[] = [];
  if (!isDate(input.usedOn)) errors.push({ path: 'usedOn', message: `expected a date YYYY-MM-DD, received "${input.usedOn}"` });
  if (!QUANTITY.test(input.quantity ?? '') || new Dec(input.quantity).isZero()) {
    errors.push({
      path: 'quantity',
      message: `expected a positive quantity such as "12" or "3.5", received "${input.quantity}"`,
    });
  }
  const [service, member] = await Promise.all([
    db.selectFrom('pooled_services').select(['id', 'active']).where('id', '=', input.serviceId).executeTakeFirst(),
    db.selectFrom('members').select(['id', 'code']).where('id', '=', input.memberId).executeTakeFirst(),
  ]);
  if (!service) errors.push({ path: 'serviceId', message: `pooled service ${input.serviceId} does not exist` });
  if (!member) errors.push({ path: 'memberId', message: `member ${input.memberId} does not exist` });
  else if (!member.code)
    errors.push({ path: 'memberId', message: `member ${input.memberId} is a candidate: it uses no pooled service yet` });
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('pooling_usage')
      .values({
        service_id: input.serviceId,
        member_id: input.memberId,
        used_on: input.usedOn,
        quantity: input.quantity,
        note: input.note?.trim() || null,
        created_by: auditActorId(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'pooling_usage.create',
      entity: 'pooling_usage',
      entityId: row.id,
      after: input,
    });
    return row.id;
  });
  // the record just written, by its id (a page of that day's records could leave it out)
  const [record] = (await listUsage(db, actor, { id, pageSize: 1 })).items;
  if (!record) throw notFound('usage record', id);
  return record;
}

interface UsageRow {
  service: string;
  member: string;
  usedOn: string;
  quantity: string;
  note: string;
}

const USAGE_SPEC: ImportSpec<UsageRow> = {
  entity: 'usage',
  columns: [
    { key: 'service', headers: ['service', 'code service', 'service code'], required: true, parse: (t) => t.toUpperCase() },
    {
      key: 'member',
      headers: ['membre', 'member', 'code membre', 'member code', 'code analytique'],
      required: true,
      parse: (t) => t.toUpperCase(),
    },
    { key: 'usedOn', headers: ['date', 'used on'], required: true, parse: isoDate },
    {
      key: 'quantity',
      headers: ['quantité', 'quantity', 'qté'],
      required: true,
      parse: (t) => {
        const clean = t.replace(/[\s\u00A0\u202F]/g, '').replace(',', '.');
        if (!QUANTITY.test(clean) || new Dec(clean).isZero()) {
          throw new CellError(`expected a positive quantity such as 12 or 3,5 (at most 3 decimals), received "${t}"`);
        }
        return clean;
      },
    },
    { key: 'note', headers: ['note', 'commentaire', 'comment'] },
  ],
};

/**
 * Checks (dry run) or imports (apply) usage records from CSV: service code, member code, date, quantity, note.
 * With any problem nothing is written; otherwise every row is written in one transaction.
 */
export async function importUsage(
  db: Kysely<Database>,
  actor: Actor,
  text: string,
  mode: 'dry-run' | 'apply',
  onProgress: ImportProgress = () => {},
): Promise<ImportReport> {
  assertPoolingManager(actor);
  const parsed = await parseImport(USAGE_SPEC, text, onProgress);
  const problems: ImportProblem[] = [...parsed.problems];
  const columnOf = (key: keyof UsageRow) => parsed.headers[key] ?? key;
  const [services, members] = await Promise.all([
    db.selectFrom('pooled_services').select(['id', 'code', 'active']).execute(),
    db.selectFrom('members').select(['id', 'code']).where('code', 'is not', null).execute(),
  ]);
  const rows: Array<{ service_id: number; member_id: number; used_on: string; quantity: string; note: string | null }> = [];
  for (const { row, record, ok } of parsed.records) {
    const service = services.find((s) => s.code === record.service);
    const member = members.find((m) => m.code === record.member);
    if (record.service !== undefined && !service) {
      addProblem(problems, {
        row,
        column: columnOf('service'),
        message: `unknown service "${record.service}"; expected one of ${services.map((s) => s.code).join(', ')}`,
      });
    }
    if (record.member !== undefined && !member)
      addProblem(problems, { row, column: columnOf('member'), message: `no admitted member has the code "${record.member}"` });
    if (ok && service && member && record.usedOn && record.quantity) {
      rows.push({
        service_id: service.id,
        member_id: member.id,
        used_on: record.usedOn,
        quantity: record.quantity,
        note: record.note?.trim() || null,
      });
    }
  }
  problems.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    mode,
    total: parsed.total,
    valid: parsed.total - new Set(problems.map((p) => p.row)).size,
    problems,
    created: 0,
  };
  if (mode === 'dry-run' || problems.length > 0) return report;
  const created = await inTransaction(db, async (trx) => {
    let count = 0;
    for (let start = 0; start < rows.length; start += 1000) {
      const batch = rows.slice(start, start + 1000).map((r) => ({ ...r, created_by: auditActorId(actor) }));
      await trx.insertInto('pooling_usage').values(batch).execute();
      count += batch.length;
      onProgress(count, rows.length, 'writing');
      await yieldToEventLoop();
    }
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'pooling_usage.import',
      entity: 'pooling_usage',
      entityId: null,
      after: { created: count },
    });
    return count;
  });
  return { ...report, created };
}
