// The member registry: create, read, list, update, and move members through their lifecycle, scoped so that an
// entrepreneur only ever reaches their own member. Every change is audited in its own transaction.
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { today } from '../dates.ts';
import type { Database, MemberRow, MemberStatus, MembersTable } from '../db/schema.ts';
import { containsPattern, foldedColumn, foldSearch } from '../db/search.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { memberAccount } from '../ledger/accounts.ts';
import { Dec } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { checkMemberFields, EMPTY_MEMBER_FIELDS, type MemberFields, type MemberReference } from './fields.ts';
import { canMove, nextAnalyticCode, REASON_REQUIRED, TRANSITIONS } from './lifecycle.ts';

/** A member as the API and the screens see it. */
export interface Member extends MemberFields {
  id: number;
  /** Analytic code, given at admission. */
  code: string | null;
  status: MemberStatus;
  admittedOn: string | null;
  hasLogo: boolean;
  /** The rate that applies: the member's own, or the GIE's default. */
  effectiveContributionRate: string;
  createdAt: string;
  updatedAt: string;
}

export interface MemberStatusChange {
  id: number;
  fromStatus: MemberStatus | null;
  toStatus: MemberStatus;
  effectiveOn: string;
  reason: string | null;
  forced: boolean;
  actorUserId: number | null;
  at: string;
}

/** Columns read for a member: everything but the logo's bytes. */
const MEMBER_COLUMNS = [
  'id',
  'code',
  'legal_name',
  'status',
  'created_at',
  'kind',
  'trade_name',
  'legal_form',
  'registration_number',
  'registration_place',
  'ice',
  'if_number',
  'tp_number',
  'cnss_number',
  'address',
  'province',
  'commune',
  'area',
  'sector',
  'activities',
  'founded_on',
  'people_count',
  'women_count',
  'youth_count',
  'jobs_count',
  'capital',
  'contact_name',
  'contact_phone',
  'contact_email',
  'bank_name',
  'rib',
  'logo_media_type',
  'contribution_rate',
  'rights_share',
  'admitted_on',
  'updated_at',
] as const satisfies ReadonlyArray<keyof MembersTable>;

type MemberColumnsRow = Pick<Selectable<MembersTable>, (typeof MEMBER_COLUMNS)[number]>;

/** How member fields map to columns, one place for both directions. */
const COLUMN_OF: { [K in keyof MemberFields]: keyof MembersTable } = {
  legalName: 'legal_name',
  tradeName: 'trade_name',
  kind: 'kind',
  legalForm: 'legal_form',
  registrationNumber: 'registration_number',
  registrationPlace: 'registration_place',
  ice: 'ice',
  ifNumber: 'if_number',
  tpNumber: 'tp_number',
  cnssNumber: 'cnss_number',
  address: 'address',
  province: 'province',
  commune: 'commune',
  area: 'area',
  sector: 'sector',
  activities: 'activities',
  foundedOn: 'founded_on',
  peopleCount: 'people_count',
  womenCount: 'women_count',
  youthCount: 'youth_count',
  jobsCount: 'jobs_count',
  capital: 'capital',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  contactEmail: 'contact_email',
  bankName: 'bank_name',
  rib: 'rib',
  contributionRate: 'contribution_rate',
  rightsShare: 'rights_share',
};

const FIELD_KEYS = Object.keys(COLUMN_OF) as Array<keyof MemberFields>;

function toMember(row: MemberColumnsRow, defaultRate: string): Member {
  const fields = Object.fromEntries(
    FIELD_KEYS.map((key) => [key, (row as Record<string, unknown>)[COLUMN_OF[key]] ?? null]),
  ) as unknown as MemberFields;
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    admittedOn: row.admitted_on,
    ...fields,
    capital: fields.capital === null ? null : normaliseDecimal(fields.capital),
    contributionRate: fields.contributionRate === null ? null : normaliseDecimal(fields.contributionRate),
    rightsShare: normaliseDecimal(fields.rightsShare),
    hasLogo: row.logo_media_type !== null,
    effectiveContributionRate: normaliseDecimal(row.contribution_rate ?? defaultRate),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** numeric(…) comes back padded ("8.00", "0.0000"); show it as entered would read best: trailing zeros kept to 2. */
function normaliseDecimal(text: string): string {
  if (!text.includes('.')) return text;
  const [int, frac = ''] = text.split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${int}.${trimmed}`;
}

/** The columns of a member's fields, for inserts and updates. */
export function toColumns(fields: MemberFields): Insertable<MembersTable> {
  const columns: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) columns[COLUMN_OF[key]] = fields[key];
  return columns as unknown as Insertable<MembersTable>;
}

export async function memberReference(db: Kysely<Database>): Promise<MemberReference> {
  const [provinces, sectors] = await Promise.all([
    db.selectFrom('provinces').select('code').execute(),
    db.selectFrom('sectors').select('code').execute(),
  ]);
  return { provinces: new Set(provinces.map((p) => p.code)), sectors: new Set(sectors.map((s) => s.code)) };
}

export async function defaultContributionRate(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('gie_settings').select('default_contribution_rate').executeTakeFirst();
  return row?.default_contribution_rate ?? '8.00';
}

function validationError(errors: Array<{ path: string; message: string }>): DomainError {
  return new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

function iceConflict(ice: string, other: { id: number; legal_name: string }): DomainError {
  const message = `already registered for member ${other.id} (${other.legal_name})`;
  return new DomainError('conflict', `ice: ${ice} is ${message}`, [{ path: 'ice', message }]);
}

/** Only GIE staff change the registry; an entrepreneur reads their own member. */
export function assertStaff(actor: Actor): void {
  if (!['admin', 'manager'].includes(actor.role)) {
    throw new DomainError('forbidden', `the member registry is kept by the manager; you are signed in as ${actor.role}`);
  }
}

/** Reads a member the actor may see; another member is "not found" for an entrepreneur, so ids cannot be probed. */
export async function getMember(db: Kysely<Database>, actor: Actor, id: number): Promise<Member> {
  if (actor.role === 'entrepreneur' && actor.memberId !== id) throw notFound('member', id);
  const row = await db.selectFrom('members').select(MEMBER_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('member', id);
  return toMember(row, await defaultContributionRate(db));
}

/** Several members the actor may see, read at once (batch work): the ones missing or hidden from the actor are left out. */
export async function getMembers(db: Kysely<Database>, actor: Actor, ids: readonly number[]): Promise<Map<number, Member>> {
  const visible = [...new Set(ids)].filter((id) => actor.role !== 'entrepreneur' || actor.memberId === id);
  if (visible.length === 0) return new Map();
  const [rows, rate] = await Promise.all([
    db.selectFrom('members').select(MEMBER_COLUMNS).where('id', 'in', visible).execute(),
    defaultContributionRate(db),
  ]);
  return new Map(rows.map((row) => [row.id, toMember(row, rate)]));
}

export interface MemberQuery {
  search?: string;
  status?: MemberStatus;
  province?: string;
  sector?: string;
  area?: 'rural' | 'urban';
  page?: number;
  pageSize?: number;
  sort?: 'code' | '-code' | 'legalName' | '-legalName' | 'createdAt' | '-createdAt' | 'status' | '-status';
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const SORT_COLUMN = { code: 'code', legalName: 'legal_name', createdAt: 'created_at', status: 'status' } as const;

/** Lists the members the actor may see, filtered, sorted and paginated. */
export async function listMembers(db: Kysely<Database>, actor: Actor, query: MemberQuery = {}): Promise<Page<Member>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  let base = db.selectFrom('members');
  if (actor.role === 'entrepreneur') base = base.where('id', '=', actor.memberId ?? -1);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.province) base = base.where('province', '=', query.province);
  if (query.sector) base = base.where('sector', '=', query.sector);
  if (query.area) base = base.where('area', '=', query.area);
  const search = query.search ? foldSearch(query.search) : '';
  if (search) {
    const pattern = containsPattern(search);
    base = base.where((eb) =>
      eb.or([
        eb(foldedColumn('legal_name'), 'like', pattern),
        eb(foldedColumn('trade_name'), 'like', pattern),
        eb(foldedColumn('code'), 'like', pattern),
        eb('ice', 'like', pattern),
        eb(foldedColumn('commune'), 'like', pattern),
      ]),
    );
  }
  const sort = query.sort ?? 'code';
  const descending = sort.startsWith('-');
  const column = SORT_COLUMN[(descending ? sort.slice(1) : sort) as keyof typeof SORT_COLUMN];
  const [rows, count, rate] = await Promise.all([
    base
      .select(MEMBER_COLUMNS)
      .orderBy(sql`${sql.ref(column)} ${descending ? sql`desc` : sql`asc`} nulls last`)
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    defaultContributionRate(db),
  ]);
  return { items: rows.map((row) => toMember(row, rate)), total: Number(count.n), page, pageSize };
}

export type NewMemberInput = Partial<MemberFields> & { legalName: string };

/** Registers a candidate member (admission comes with the lifecycle). */
export async function createMember(db: Kysely<Database>, actor: Actor, input: NewMemberInput): Promise<Member> {
  assertStaff(actor);
  return inTransaction(db, async (trx) => {
    const fields: MemberFields = { ...EMPTY_MEMBER_FIELDS, ...input };
    const errors = checkMemberFields(fields, await memberReference(trx));
    if (errors.length > 0) throw validationError(errors);
    await assertIceFree(trx, fields.ice, null);
    const row = await trx
      .insertInto('members')
      .values({ ...toColumns(fields), status: 'candidate' })
      .returning(MEMBER_COLUMNS)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('member_status_history')
      .values({
        member_id: row.id,
        from_status: null,
        to_status: 'candidate',
        effective_on: today(),
        reason: null,
        actor_user_id: auditActorId(actor),
      })
      .execute();
    const member = toMember(row, await defaultContributionRate(trx));
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'member.create',
      entity: 'member',
      entityId: row.id,
      after: member,
    });
    return member;
  });
}

async function assertIceFree(db: Kysely<Database>, ice: string | null, exceptId: number | null): Promise<void> {
  if (ice === null) return;
  let query = db.selectFrom('members').select(['id', 'legal_name']).where('ice', '=', ice);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  const other = await query.executeTakeFirst();
  if (other) throw iceConflict(ice, other);
}

/** Changes a member's identity fields. */
export async function updateMember(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  changes: Partial<MemberFields>,
): Promise<Member> {
  assertStaff(actor);
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('members').select(MEMBER_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('member', id);
    const rate = await defaultContributionRate(trx);
    const before = toMember(current, rate);
    const fields: MemberFields = { ...pickFields(before), ...changes };
    const errors = checkMemberFields(fields, await memberReference(trx));
    if (errors.length > 0) throw validationError(errors);
    await assertIceFree(trx, fields.ice, id);
    const row = await trx
      .updateTable('members')
      .set({ ...toColumns(fields), updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .returning(MEMBER_COLUMNS)
      .executeTakeFirstOrThrow();
    const after = toMember(row, rate);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'member.update',
      entity: 'member',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

function pickFields(member: Member): MemberFields {
  return Object.fromEntries(FIELD_KEYS.map((key) => [key, member[key]])) as unknown as MemberFields;
}

export interface StatusChangeInput {
  to: MemberStatus;
  /** The date the change takes effect (defaults to today); not in the future. */
  effectiveOn?: string;
  reason?: string | null;
  /** The manager overrides a refusal (e.g. withdrawal with an unsettled account); needs a reason. */
  force?: boolean;
}

/**
 * Moves a member to another status if the lifecycle allows it. Admission gives the analytic code (M01, M02...),
 * under a lock so that two admissions never get the same code.
 */
export async function changeMemberStatus(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  input: StatusChangeInput,
): Promise<Member> {
  assertStaff(actor);
  const effectiveOn = input.effectiveOn ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveOn) || Number.isNaN(Date.parse(effectiveOn))) {
    throw invalid('effectiveOn', `expected a date YYYY-MM-DD, received "${effectiveOn}"`);
  }
  if (effectiveOn > today()) throw invalid('effectiveOn', 'cannot be in the future');
  const reason = input.reason?.trim() || null;
  if ((REASON_REQUIRED.has(input.to) || input.force) && !reason) {
    throw invalid('reason', input.force ? 'a forced change needs a reason' : `required to move a member to ${input.to}`);
  }
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('members').select(MEMBER_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('member', id);
    if (!canMove(current.status, input.to)) {
      const allowed = TRANSITIONS[current.status];
      throw new DomainError(
        'conflict',
        `a ${current.status} member cannot become ${input.to}` +
          (allowed.length ? `; it can become ${allowed.join(' or ')}` : '; withdrawal is final'),
        [{ path: 'to', message: `not allowed from ${current.status}` }],
      );
    }
    const last = await trx
      .selectFrom('member_status_history')
      .select('effective_on')
      .where('member_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (last && effectiveOn < last.effective_on) {
      throw invalid('effectiveOn', `cannot be before the previous change (${last.effective_on})`);
    }
    if (input.to === 'withdrawn') {
      // a member leaves with its account settled, unless the manager forces it and says why
      const account = await memberAccount(trx, id);
      if (account && !new Dec(account.owedToMember).eq(0) && !input.force) {
        throw new DomainError(
          'conflict',
          `account ${account.code} is not settled (${account.owedToMember} owed to the member): settle it, or force the withdrawal with a reason`,
          [{ path: 'force', message: 'the member account is not settled' }],
        );
      }
    }
    let code = current.code;
    if (input.to === 'admitted' && code === null) {
      // one admission at a time takes a code: the lock lasts until this transaction ends
      await sql`select pg_advisory_xact_lock(hashtext('members.code'))`.execute(trx);
      const codes = await trx.selectFrom('members').select('code').where('code', 'like', 'M%').execute();
      code = nextAnalyticCode(codes.map((c) => c.code));
    }
    const rate = await defaultContributionRate(trx);
    const row = await trx
      .updateTable('members')
      .set({
        status: input.to,
        code,
        admitted_on: input.to === 'admitted' ? effectiveOn : current.admitted_on,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', id)
      .returning(MEMBER_COLUMNS)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('member_status_history')
      .values({
        member_id: id,
        from_status: current.status,
        to_status: input.to,
        effective_on: effectiveOn,
        reason,
        forced: Boolean(input.force),
        actor_user_id: auditActorId(actor),
      })
      .execute();
    const after = toMember(row, rate);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: `member.${input.to}`,
      entity: 'member',
      entityId: id,
      before: toMember(current, rate),
      after,
    });
    return after;
  });
}

export async function memberHistory(db: Kysely<Database>, actor: Actor, id: number): Promise<MemberStatusChange[]> {
  await getMember(db, actor, id);
  const rows = await db.selectFrom('member_status_history').selectAll().where('member_id', '=', id).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    effectiveOn: r.effective_on,
    reason: r.reason,
    forced: r.forced,
    actorUserId: r.actor_user_id,
    at: r.at,
  }));
}

export type { MemberRow };
