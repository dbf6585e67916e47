// The catalogue of pooled services, their dated keys of allocation, who subscribes to them, and the dated
// per-member quantities that keys by area (or any quantity) read. Every change is audited in its transaction.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { today } from '../dates.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError, invalid, notFound, sqlState } from '../errors.ts';
import { Dec } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertMemberVisible, assertPoolingManager, assertPoolingReader } from './access.ts';
import { checkKeySpec, type FallbackKind, type KeyKind, type KeySpec, keyLabel } from './keys.ts';

export const SERVICE_UNITS = ['hours', 'km', 'm2', 'kg', 'days', 'units'] as const;
export type ServiceUnit = (typeof SERVICE_UNITS)[number];

export interface KeyVersion extends KeySpec {
  id: number;
  serviceId: number;
  validFrom: string;
  /** The key in words: "40% equal shares + 60% quantity area". */
  label: string;
  createdAt: string;
}

export interface PooledService {
  id: number;
  code: string;
  name: string;
  description: string | null;
  unit: ServiceUnit;
  expenseAccounts: string[];
  reinvoiceVat: boolean;
  vatRate: string | null;
  subscription: 'all' | 'list';
  /** The members subscribed when `subscription` is "list". */
  memberIds: number[];
  active: boolean;
  /** The key in force today (null before the first version's date). */
  currentKey: KeyVersion | null;
  keys: KeyVersion[];
}

export interface ServiceInput {
  code: string;
  name: string;
  description?: string | null;
  unit: ServiceUnit;
  expenseAccounts?: string[];
  reinvoiceVat?: boolean;
  vatRate?: string | null;
  subscription?: 'all' | 'list';
  memberIds?: number[];
  active?: boolean;
  /** The first key, valid from its date. */
  key: KeySpec & { validFrom: string };
}

export type ServiceChanges = Partial<Omit<ServiceInput, 'code' | 'key'>>;

const CODE = /^[A-Z][A-Z0-9_-]{1,19}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RATE = /^\d{1,2}(\.\d{1,2})?$/;

function invalidAll(errors: FieldError[]): DomainError {
  return new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

export function isDate(text: string | undefined | null): text is string {
  return (
    typeof text === 'string' &&
    DATE.test(text) &&
    !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
    new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text
  );
}

function toKeyVersion(row: {
  id: number;
  service_id: number;
  valid_from: string;
  kind: string;
  spec: unknown;
  fallback_kind: string | null;
  created_at: string;
}): KeyVersion {
  const spec = (row.spec ?? {}) as Partial<KeySpec>;
  const key: KeySpec = {
    kind: row.kind as KeyKind,
    quantity: spec.quantity ?? null,
    headcount: spec.headcount ?? null,
    weights: spec.weights ?? null,
    components: spec.components ?? null,
    fallback: (row.fallback_kind as FallbackKind | null) ?? null,
  };
  return {
    ...key,
    id: row.id,
    serviceId: row.service_id,
    validFrom: row.valid_from,
    label: keyLabel(key),
    createdAt: row.created_at,
  };
}

/** The version of a key in force on a date: the latest whose date is not after it. */
export function keyInForce<K extends { validFrom: string }>(versions: readonly K[], date: string): K | null {
  return [...versions].filter((v) => v.validFrom <= date).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0] ?? null;
}

async function checkServiceFields(
  db: Kysely<Database>,
  input: ServiceChanges & { code?: string },
  errors: FieldError[],
): Promise<void> {
  if (input.code !== undefined && !CODE.test(input.code)) {
    errors.push({
      path: 'code',
      message: `expected an analytic code such as "TRANSPORT" (capitals, digits, - or _; 2 to 20), received "${input.code}"`,
    });
  }
  if (input.name !== undefined && !input.name.trim()) errors.push({ path: 'name', message: 'required' });
  if (input.unit !== undefined && !(SERVICE_UNITS as readonly string[]).includes(input.unit)) {
    errors.push({ path: 'unit', message: `expected one of ${SERVICE_UNITS.join(', ')}, received "${input.unit}"` });
  }
  if (input.vatRate !== undefined && input.vatRate !== null && !RATE.test(input.vatRate)) {
    errors.push({ path: 'vatRate', message: `expected a rate such as "20", received "${input.vatRate}"` });
  }
  if (input.expenseAccounts?.length) {
    const accounts = await db.selectFrom('accounts').select('code').where('code', 'in', input.expenseAccounts).execute();
    input.expenseAccounts.forEach((code, i) => {
      if (!code.startsWith('6'))
        errors.push({ path: `expenseAccounts.${i}`, message: `expected an expense account (class 6), received "${code}"` });
      else if (!accounts.some((a) => a.code === code))
        errors.push({ path: `expenseAccounts.${i}`, message: `unknown account "${code}"` });
    });
  }
  if (input.memberIds?.length) {
    const members = await db.selectFrom('members').select('id').where('id', 'in', input.memberIds).execute();
    input.memberIds.forEach((id, i) => {
      if (!members.some((m) => m.id === id)) errors.push({ path: `memberIds.${i}`, message: `member ${id} does not exist` });
    });
  }
}

async function checkKeyMembers(db: Kysely<Database>, spec: KeySpec, prefix: string, errors: FieldError[]): Promise<void> {
  const lists =
    spec.kind === 'composite'
      ? (spec.components ?? []).map((c, i) => ({ at: `${prefix}.components.${i}.weights`, weights: c.weights ?? [] }))
      : [{ at: `${prefix}.weights`, weights: spec.weights ?? [] }];
  const ids = lists.flatMap((l) => l.weights.map((w) => w.memberId));
  if (ids.length === 0) return;
  const found = await db.selectFrom('members').select('id').where('id', 'in', ids).execute();
  for (const list of lists) {
    list.weights.forEach((w, i) => {
      if (!found.some((m) => m.id === w.memberId))
        errors.push({ path: `${list.at}.${i}.memberId`, message: `member ${w.memberId} does not exist` });
    });
  }
}

function specColumns(spec: KeySpec) {
  return {
    kind: spec.kind,
    spec: JSON.stringify({
      quantity: spec.quantity ?? null,
      headcount: spec.headcount ?? null,
      weights: spec.weights ?? null,
      components: spec.components ?? null,
    }),
    fallback_kind: spec.fallback ?? null,
  };
}

export async function getService(db: Kysely<Database>, actor: Actor, id: number): Promise<PooledService> {
  assertPoolingReader(actor);
  return readService(db, id);
}

async function readService(db: Kysely<Database>, id: number, on = today()): Promise<PooledService> {
  const row = await db.selectFrom('pooled_services').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('pooled service', id);
  const [keys, subscribers] = await Promise.all([
    db.selectFrom('pooling_key_versions').selectAll().where('service_id', '=', id).orderBy('valid_from').execute(),
    db.selectFrom('pooling_subscriptions').select('member_id').where('service_id', '=', id).orderBy('member_id').execute(),
  ]);
  const versions = keys.map(toKeyVersion);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    unit: row.unit,
    expenseAccounts: row.expense_accounts ?? [],
    reinvoiceVat: row.reinvoice_vat,
    vatRate: row.vat_rate,
    subscription: row.subscription,
    memberIds: subscribers.map((s) => s.member_id),
    active: row.active,
    currentKey: keyInForce(versions, on),
    keys: versions,
  };
}

export async function listServices(
  db: Kysely<Database>,
  actor: Actor,
  query: { active?: boolean } = {},
): Promise<PooledService[]> {
  assertPoolingReader(actor);
  let q = db.selectFrom('pooled_services').select('id').orderBy('code');
  if (query.active !== undefined) q = q.where('active', '=', query.active);
  const rows = await q.execute();
  return Promise.all(rows.map((r) => readService(db, r.id)));
}

export async function createService(db: Kysely<Database>, actor: Actor, input: ServiceInput): Promise<PooledService> {
  assertPoolingManager(actor);
  const errors: FieldError[] = [];
  await checkServiceFields(db, input, errors);
  if (input.reinvoiceVat && !input.vatRate)
    errors.push({ path: 'vatRate', message: 'a service re-invoiced with VAT needs its rate' });
  if (!isDate(input.key?.validFrom))
    errors.push({ path: 'key.validFrom', message: `expected a date YYYY-MM-DD, received "${input.key?.validFrom}"` });
  if (input.key) {
    errors.push(...checkKeySpec(input.key, 'key'));
    await checkKeyMembers(db, input.key, 'key', errors);
  }
  if (errors.length > 0) throw invalidAll(errors);
  try {
    const id = await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto('pooled_services')
        .values({
          code: input.code,
          name: input.name.trim(),
          description: input.description?.trim() || null,
          unit: input.unit,
          expense_accounts: input.expenseAccounts ?? [],
          reinvoice_vat: input.reinvoiceVat ?? false,
          vat_rate: input.reinvoiceVat ? (input.vatRate ?? null) : null,
          subscription: input.subscription ?? 'all',
          active: input.active ?? true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.subscription === 'list' && input.memberIds?.length) {
        await trx
          .insertInto('pooling_subscriptions')
          .values(input.memberIds.map((m) => ({ service_id: row.id, member_id: m })))
          .execute();
      }
      await trx
        .insertInto('pooling_key_versions')
        .values({
          service_id: row.id,
          valid_from: input.key.validFrom,
          ...specColumns(input.key),
          created_by: auditActorId(actor),
        })
        .execute();
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'pooled_service.create',
        entity: 'pooled_service',
        entityId: row.id,
        after: input,
      });
      return row.id;
    });
    return readService(db, id);
  } catch (error) {
    if (sqlState(error) === '23505')
      throw new DomainError('conflict', `code: the analytic code ${input.code} is already used`, [
        { path: 'code', message: 'already used by another service' },
      ]);
    throw error;
  }
}

export async function updateService(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  changes: ServiceChanges,
): Promise<PooledService> {
  assertPoolingManager(actor);
  const errors: FieldError[] = [];
  await checkServiceFields(db, changes, errors);
  if (errors.length > 0) throw invalidAll(errors);
  await inTransaction(db, async (trx) => {
    const before = await readService(trx, id);
    const reinvoiceVat = changes.reinvoiceVat ?? before.reinvoiceVat;
    const vatRate = reinvoiceVat ? (changes.vatRate !== undefined ? changes.vatRate : before.vatRate) : null;
    if (reinvoiceVat && !vatRate) throw invalid('vatRate', 'a service re-invoiced with VAT needs its rate');
    const subscription = changes.subscription ?? before.subscription;
    await trx
      .updateTable('pooled_services')
      .set({
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        ...(changes.description !== undefined ? { description: changes.description?.trim() || null } : {}),
        ...(changes.unit !== undefined ? { unit: changes.unit } : {}),
        ...(changes.expenseAccounts !== undefined ? { expense_accounts: changes.expenseAccounts } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        reinvoice_vat: reinvoiceVat,
        vat_rate: vatRate,
        subscription,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    if (changes.memberIds !== undefined || changes.subscription === 'all') {
      await trx.deleteFrom('pooling_subscriptions').where('service_id', '=', id).execute();
      const memberIds = subscription === 'list' ? (changes.memberIds ?? before.memberIds) : [];
      if (memberIds.length) {
        await trx
          .insertInto('pooling_subscriptions')
          .values(memberIds.map((m) => ({ service_id: id, member_id: m })))
          .execute();
      }
    }
    const after = await readService(trx, id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'pooled_service.update',
      entity: 'pooled_service',
      entityId: id,
      before,
      after,
    });
  });
  return readService(db, id);
}

/** Adds a version of a service's key, valid from a date; earlier runs keep the version they used. */
export async function addKeyVersion(
  db: Kysely<Database>,
  actor: Actor,
  serviceId: number,
  input: KeySpec & { validFrom: string },
): Promise<KeyVersion> {
  assertPoolingManager(actor);
  const errors: FieldError[] = [];
  if (!isDate(input.validFrom))
    errors.push({ path: 'validFrom', message: `expected a date YYYY-MM-DD, received "${input.validFrom}"` });
  errors.push(...checkKeySpec(input, ''));
  await checkKeyMembers(db, input, 'key', errors);
  if (errors.length > 0) throw invalidAll(errors.map((e) => ({ ...e, path: e.path.replace(/^key\./, '') })));
  return inTransaction(db, async (trx) => {
    await readService(trx, serviceId);
    const used = await trx
      .selectFrom('pooling_run_services')
      .select('period_to')
      .where('service_id', '=', serviceId)
      .where('state', '=', 'posted')
      .where('period_to', '>=', input.validFrom)
      .executeTakeFirst();
    if (used) {
      throw new DomainError(
        'conflict',
        `validFrom: a posted run of this service covers ${used.period_to}: a new key applies after it`,
        [{ path: 'validFrom', message: `a posted run covers ${used.period_to}; reverse it first or choose a later date` }],
      );
    }
    try {
      const row = await trx
        .insertInto('pooling_key_versions')
        .values({ service_id: serviceId, valid_from: input.validFrom, ...specColumns(input), created_by: auditActorId(actor) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'pooling_key.add',
        entity: 'pooled_service',
        entityId: serviceId,
        after: input,
      });
      return toKeyVersion(row);
    } catch (error) {
      if (sqlState(error) === '23505')
        throw new DomainError('conflict', `validFrom: a key version already starts on ${input.validFrom}`, [
          { path: 'validFrom', message: 'a version already starts on this date' },
        ]);
      throw error;
    }
  });
}

/** Every version of a service's key, oldest first. */
export async function keyVersionsOf(db: Kysely<Database>, serviceId: number): Promise<KeyVersion[]> {
  const rows = await db
    .selectFrom('pooling_key_versions')
    .selectAll()
    .where('service_id', '=', serviceId)
    .orderBy('valid_from')
    .execute();
  return rows.map(toKeyVersion);
}

export async function listKeyVersions(db: Kysely<Database>, actor: Actor, serviceId: number): Promise<KeyVersion[]> {
  assertPoolingReader(actor);
  return (await readService(db, serviceId)).keys;
}

/** The members taking part in a service: all admitted or active members, or its list (still admitted or active). */
export async function subscribedMembers(
  db: Kysely<Database>,
  service: { id: number; subscription: 'all' | 'list' },
): Promise<Array<{ id: number; code: string; name: string }>> {
  let q = db
    .selectFrom('members')
    .select(['members.id', 'members.code', 'members.legal_name'])
    .where('members.code', 'is not', null)
    .where('members.status', 'in', ['admitted', 'active']);
  if (service.subscription === 'list') {
    q = q.innerJoin('pooling_subscriptions as s', 's.member_id', 'members.id').where('s.service_id', '=', service.id);
  }
  const rows = await q.orderBy('members.code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code as string, name: r.legal_name }));
}

export interface MemberQuantity {
  id: number;
  memberId: number;
  memberCode: string | null;
  name: string;
  validFrom: string;
  quantity: string;
}

/** Records a member's quantity (area in m², people...) from a date. */
export async function setMemberQuantity(
  db: Kysely<Database>,
  actor: Actor,
  input: { memberId: number; name: string; validFrom: string; quantity: string },
): Promise<MemberQuantity> {
  assertPoolingManager(actor);
  const errors: FieldError[] = [];
  if (!/^[a-z][a-z0-9_]{1,30}$/.test(input.name ?? ''))
    errors.push({ path: 'name', message: `expected a name such as "area", received "${input.name}"` });
  if (!isDate(input.validFrom))
    errors.push({ path: 'validFrom', message: `expected a date YYYY-MM-DD, received "${input.validFrom}"` });
  if (!/^\d{1,11}(\.\d{1,3})?$/.test(input.quantity ?? ''))
    errors.push({
      path: 'quantity',
      message: `expected a non-negative quantity such as "40" or "12.5", received "${input.quantity}"`,
    });
  const member = await db.selectFrom('members').select(['id', 'code']).where('id', '=', input.memberId).executeTakeFirst();
  if (!member) errors.push({ path: 'memberId', message: `member ${input.memberId} does not exist` });
  if (errors.length > 0) throw invalidAll(errors);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('pooling_member_quantities')
      .values({
        member_id: input.memberId,
        name: input.name,
        valid_from: input.validFrom,
        quantity: input.quantity,
        created_by: auditActorId(actor),
      })
      .onConflict((oc) => oc.columns(['member_id', 'name', 'valid_from']).doUpdateSet({ quantity: input.quantity }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'pooling_quantity.set',
      entity: 'member',
      entityId: input.memberId,
      after: input,
    });
    return {
      id: row.id,
      memberId: row.member_id,
      memberCode: member?.code ?? null,
      name: row.name,
      validFrom: row.valid_from,
      quantity: new Dec(row.quantity).toFixed(),
    };
  });
}

export async function listMemberQuantities(
  db: Kysely<Database>,
  actor: Actor,
  query: { memberId?: number; name?: string } = {},
): Promise<MemberQuantity[]> {
  if (query.memberId !== undefined) assertMemberVisible(actor, query.memberId);
  else assertPoolingReader(actor);
  let q = db
    .selectFrom('pooling_member_quantities as q')
    .innerJoin('members as m', 'm.id', 'q.member_id')
    .select(['q.id', 'q.member_id', 'm.code', 'q.name', 'q.valid_from', 'q.quantity'])
    .orderBy('q.name')
    .orderBy('m.code')
    .orderBy('q.valid_from');
  if (query.memberId !== undefined) q = q.where('q.member_id', '=', query.memberId);
  if (query.name) q = q.where('q.name', '=', query.name);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    memberCode: r.code,
    name: r.name,
    validFrom: r.valid_from,
    quantity: new Dec(r.quantity).toFixed(),
  }));
}
