// Customers and suppliers ("tiers") the GIE invoices and buys from on behalf of its members: creation, changes,
// search, duplicate review and merging, each change audited. Entrepreneurs only ever see and create customers.
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database, PartyRow } from '../db/schema.ts';
import { containsPattern, foldedColumn, foldSearch } from '../db/search.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, invalid, notFound, sqlState } from '../errors.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import {
  type DuplicateReason,
  duplicateReason,
  groupDuplicates,
  keySimilarity,
  nameKey,
  SIMILAR_NAME_THRESHOLD,
} from './names.ts';
import { checkParty, HOME_COUNTRY, LEGAL_PAYMENT_DAYS, type PartyFields, type PartyKind } from './rules.ts';

/** A party as anyone outside the database sees it. */
export interface Party extends PartyFields {
  id: number;
  /** Set once merged: the party that carries on in its place (follow it with resolvePartyId). */
  mergedIntoId: number | null;
  createdAt: string;
  updatedAt: string;
}

export function toParty(row: PartyRow): Party {
  return {
    id: row.id,
    kind: row.kind,
    isCustomer: row.is_customer,
    isSupplier: row.is_supplier,
    name: row.name,
    ice: row.ice,
    ifNumber: row.if_number,
    rcNumber: row.rc_number,
    country: row.country,
    address: row.address,
    city: row.city,
    postalCode: row.postal_code,
    email: row.email,
    phone: row.phone,
    paymentDays: row.payment_days,
    paymentTermsAgreement: row.payment_terms_agreement,
    vatExemptionBasis: row.vat_exemption_basis,
    notes: row.notes,
    mergedIntoId: row.merged_into_id,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns of a checked party, ready to insert or update. */
export function partyColumns(fields: PartyFields) {
  return {
    kind: fields.kind,
    is_customer: fields.isCustomer,
    is_supplier: fields.isSupplier,
    name: fields.name,
    name_key: nameKey(fields.name),
    ice: fields.ice,
    if_number: fields.ifNumber,
    rc_number: fields.rcNumber,
    country: fields.country,
    address: fields.address,
    city: fields.city,
    postal_code: fields.postalCode,
    email: fields.email,
    phone: fields.phone,
    payment_days: fields.paymentDays,
    payment_terms_agreement: fields.paymentTermsAgreement,
    vat_exemption_basis: fields.vatExemptionBasis,
    notes: fields.notes,
    active: fields.active,
  };
}

export interface NewPartyInput {
  kind: PartyKind;
  name: string;
  /** Default: a customer, unless the party is declared a supplier only. */
  isCustomer?: boolean;
  isSupplier?: boolean;
  ice?: string | null;
  ifNumber?: string | null;
  rcNumber?: string | null;
  /** ISO 3166 alpha-2; default MA. */
  country?: string;
  address?: string | null;
  city?: string | null;
  postalCode?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Default: the GIE's default payment days, else 60. */
  paymentDays?: number;
  paymentTermsAgreement?: string | null;
  vatExemptionBasis?: string | null;
  notes?: string | null;
  active?: boolean;
}

export type PartyChanges = Partial<Omit<NewPartyInput, 'kind' | 'name'>> & { kind?: PartyKind; name?: string };

export interface PossibleDuplicate {
  id: number;
  name: string;
  ice: string | null;
  reason: DuplicateReason;
  /** 0 to 1: how alike the two names are once reduced to their keys. */
  similarity: number;
}

export interface CreatedParty {
  party: Party;
  /** Parties with the same or a very similar name: not refused, but worth a look before going on. */
  possibleDuplicates: PossibleDuplicate[];
}

/** The GIE's default payment days (gie_settings), or the legal 60 when the GIE has not set it. */
export async function defaultPaymentDays(db: Kysely<Database>): Promise<number> {
  const settings = await db.selectFrom('gie_settings').select('default_payment_days').executeTakeFirst();
  return settings?.default_payment_days ?? LEGAL_PAYMENT_DAYS;
}

/** The complete fields of a new party: what was given, and the defaults for the rest. */
export function newPartyFields(input: NewPartyInput, paymentDays: number): PartyFields {
  const isSupplier = input.isSupplier ?? false;
  return {
    kind: input.kind,
    name: input.name,
    isCustomer: input.isCustomer ?? !isSupplier,
    isSupplier,
    ice: input.ice ?? null,
    ifNumber: input.ifNumber ?? null,
    rcNumber: input.rcNumber ?? null,
    country: input.country ?? HOME_COUNTRY,
    address: input.address ?? null,
    city: input.city ?? null,
    postalCode: input.postalCode ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    paymentDays: input.paymentDays ?? paymentDays,
    paymentTermsAgreement: input.paymentTermsAgreement ?? null,
    vatExemptionBasis: input.vatExemptionBasis ?? null,
    notes: input.notes ?? null,
    active: input.active ?? true,
  };
}

function checked(fields: PartyFields): PartyFields {
  const { value, errors } = checkParty(fields);
  if (errors.length > 0) {
    throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  return value;
}

/** Entrepreneurs invoice customers through the GIE; suppliers are the GIE's business. */
function checkRolesFor(actor: Actor, fields: PartyFields): void {
  if (actor.role === 'entrepreneur' && fields.isSupplier) {
    throw new DomainError('forbidden', 'isSupplier: an entrepreneur may only record customers, not suppliers', [
      { path: 'isSupplier', message: 'an entrepreneur may only record customers, not suppliers' },
    ]);
  }
}

function iceTaken(ice: string, owner: { id: number; name: string } | undefined): DomainError {
  const message = owner
    ? `${ice} already belongs to party ${owner.id} (${owner.name})`
    : `${ice} already belongs to another party`;
  return new DomainError('conflict', `ice: ${message}`, [{ path: 'ice', message }]);
}

/** Refuses an ICE another party (not merged away) already has: one company, one party. */
async function checkIceFree(db: Kysely<Database>, ice: string | null, exceptId?: number): Promise<void> {
  if (ice === null) return;
  let query = db.selectFrom('parties').select(['id', 'name']).where('ice', '=', ice).where('merged_into_id', 'is', null);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  const owner = await query.executeTakeFirst();
  if (owner) throw iceTaken(ice, owner);
}

/** Another transaction took the ICE between our check and our write: the unique index had the last word. */
class IceRace extends Error {
  constructor(readonly ice: string) {
    super(`ice ${ice} was taken by a concurrent change`);
  }
}

async function writeOrRace<T>(ice: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (sqlState(error) === '23505' && ice !== null) throw new IceRace(ice);
    throw error;
  }
}

/** Runs a unit of work, turning a lost ICE race into the refusal checkIceFree gives, once the transaction is over. */
async function refusingIceRaces<T>(db: Kysely<Database>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof IceRace)) throw error;
    // inside a caller's transaction, aborted by the failed write, nothing more can be read
    const owner = db.isTransaction
      ? undefined
      : await db
          .selectFrom('parties')
          .select(['id', 'name'])
          .where('ice', '=', error.ice)
          .where('merged_into_id', 'is', null)
          .executeTakeFirst();
    throw iceTaken(error.ice, owner);
  }
}

/** Parties not merged away whose name is the same as or very like `name`, the most alike first. */
export async function findPossibleDuplicates(
  db: Kysely<Database>,
  name: string,
  options: { exceptId?: number; limit?: number; threshold?: number } = {},
): Promise<PossibleDuplicate[]> {
  const key = nameKey(name);
  if (!key) return [];
  let query = db.selectFrom('parties').select(['id', 'name', 'ice', 'name_key']).where('merged_into_id', 'is', null);
  if (options.exceptId !== undefined) query = query.where('id', '<>', options.exceptId);
  const threshold = options.threshold ?? SIMILAR_NAME_THRESHOLD;
  const found: PossibleDuplicate[] = [];
  for (const row of await query.execute()) {
    const reason = duplicateReason(key, row.name_key, threshold);
    if (!reason) continue;
    // rounded: the score is shown to people, who need no more than two decimals
    const similarity = Math.round(keySimilarity(key, row.name_key) * 100) / 100;
    found.push({ id: row.id, name: row.name, ice: row.ice, reason, similarity });
  }
  return found.sort((a, b) => b.similarity - a.similarity || a.id - b.id).slice(0, options.limit ?? 20);
}

export async function createParty(db: Kysely<Database>, actor: Actor, input: NewPartyInput): Promise<CreatedParty> {
  return refusingIceRaces(db, () =>
    inTransaction(db, async (trx) => {
      const fields = checked(newPartyFields(input, input.paymentDays ?? (await defaultPaymentDays(trx))));
      checkRolesFor(actor, fields);
      await checkIceFree(trx, fields.ice);
      const row = await writeOrRace(fields.ice, () =>
        trx.insertInto('parties').values(partyColumns(fields)).returningAll().executeTakeFirstOrThrow(),
      );
      const party = toParty(row);
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'party.create',
        entity: 'party',
        entityId: party.id,
        after: party,
      });
      const possibleDuplicates = await findPossibleDuplicates(trx, party.name, { exceptId: party.id });
      return { party, possibleDuplicates };
    }),
  );
}

/** Entrepreneurs see customers only; a supplier is, for them, a party that does not exist. */
function visibleTo(actor: Actor, row: PartyRow): boolean {
  return actor.role !== 'entrepreneur' || row.is_customer;
}

export async function getParty(db: Kysely<Database>, actor: Actor, id: number): Promise<Party> {
  const row = await db.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !visibleTo(actor, row)) throw notFound('party', id);
  return toParty(row);
}

export async function updateParty(db: Kysely<Database>, actor: Actor, id: number, changes: PartyChanges): Promise<Party> {
  return refusingIceRaces(db, () =>
    inTransaction(db, async (trx) => {
      const current = await trx.selectFrom('parties').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!current || !visibleTo(actor, current)) throw notFound('party', id);
      if (current.merged_into_id !== null) {
        throw new DomainError(
          'conflict',
          `party ${id} was merged into party ${current.merged_into_id}; change that one instead`,
          [{ path: 'id', message: `merged into party ${current.merged_into_id}` }],
        );
      }
      const before = toParty(current);
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as PartyChanges;
      const { id: _id, mergedIntoId: _m, createdAt: _c, updatedAt: _u, ...fields } = before;
      // an entrepreneur may not touch a party the GIE also buys from
      if (actor.role === 'entrepreneur' && current.is_supplier) checkRolesFor(actor, before);
      const next = checked({ ...fields, ...defined });
      checkRolesFor(actor, next);
      // a form saved unchanged is no event worth recording
      const columns = partyColumns(next);
      if (Object.entries(columns).every(([key, value]) => current[key as keyof typeof columns] === value)) return before;
      await checkIceFree(trx, next.ice, id);
      const row = await writeOrRace(next.ice, () =>
        trx
          .updateTable('parties')
          .set({ ...columns, updated_at: new Date().toISOString() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      const after = toParty(row);
      await recordAudit(trx, {
        actorUserId: auditActorId(actor),
        action: 'party.update',
        entity: 'party',
        entityId: id,
        before,
        after,
      });
      return after;
    }),
  );
}

export const PARTY_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type PartySort = (typeof PARTY_SORTS)[number];
export const MAX_PAGE_SIZE = 200;

export interface PartyQuery {
  /** Matches name, ICE and city, ignoring case and accents. */
  search?: string;
  role?: 'customer' | 'supplier';
  active?: boolean;
  includeMerged?: boolean;
  page?: number;
  pageSize?: number;
  sort?: PartySort;
}

export interface PartyPage {
  items: Party[];
  total: number;
  page: number;
  pageSize: number;
}

const folded = (column: 'name' | 'city') => foldedColumn(column);

type PartySelect = SelectQueryBuilder<Database, 'parties', object>;

function filtered(db: Kysely<Database>, actor: Actor, query: PartyQuery): PartySelect {
  let q = db.selectFrom('parties') as PartySelect;
  if (!query.includeMerged) q = q.where('merged_into_id', 'is', null);
  if (actor.role === 'entrepreneur') q = q.where('is_customer', '=', true);
  if (query.role === 'customer') q = q.where('is_customer', '=', true);
  if (query.role === 'supplier') q = q.where('is_supplier', '=', true);
  if (query.active !== undefined) q = q.where('active', '=', query.active);
  const search = query.search ? foldSearch(query.search) : '';
  if (search) {
    const pattern = containsPattern(search);
    const digits = search.replace(/\s+/g, '');
    q = q.where((eb) =>
      eb.or([
        eb(folded('name'), 'like', pattern),
        eb(folded('city'), 'like', pattern),
        ...(/^\d+$/.test(digits) ? [eb('ice', 'like', containsPattern(digits))] : []),
      ]),
    );
  }
  return q;
}

export async function listParties(db: Kysely<Database>, actor: Actor, query: PartyQuery = {}): Promise<PartyPage> {
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 50, MAX_PAGE_SIZE);
  if (!Number.isInteger(page) || page < 1) throw invalid('page', `expected a whole number from 1, received ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw invalid('pageSize', `expected a whole number from 1 to ${MAX_PAGE_SIZE}, received ${pageSize}`);
  }
  const sort = query.sort ?? 'name';
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  // the C collation sorts alike on every server; the id settles ties so that pages never overlap
  const order = sort.endsWith('name') ? sql`${folded('name')} collate "C"` : sql.ref('created_at');
  const [rows, count] = await Promise.all([
    filtered(db, actor, query)
      .selectAll()
      .orderBy(order, direction)
      .orderBy('id', direction)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, actor, query)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toParty), total: Number(count.count), page, pageSize };
}

/**
 * The party that carries on for `id`: itself, or the one it was merged into, followed to the end. Invoices keep
 * the id they were written with and resolve it through here.
 */
export async function resolvePartyId(db: Kysely<Database>, id: number): Promise<number> {
  const seen = new Set<number>();
  let current = id;
  for (;;) {
    const row = await db.selectFrom('parties').select(['id', 'merged_into_id']).where('id', '=', current).executeTakeFirst();
    if (!row) throw notFound('party', current);
    if (row.merged_into_id === null) return row.id;
    seen.add(row.id);
    if (seen.has(row.merged_into_id)) throw new DomainError('conflict', `party ${id} is merged in a loop`);
    current = row.merged_into_id;
  }
}

export interface MergeInput {
  /** The party that carries on. */
  into: number;
  /** Why the two are one, for the audit log. */
  reason: string;
}

export interface MergeResult {
  merged: Party;
  survivor: Party;
}

/** Fields the survivor takes from the merged party when it has none of its own. */
const FILLABLE = [
  'ice',
  'ifNumber',
  'rcNumber',
  'address',
  'city',
  'postalCode',
  'email',
  'phone',
  'vatExemptionBasis',
  'notes',
] as const;

/**
 * Merges party `id` into `input.into`. Nothing is deleted: the merged row stays, inactive, pointing at the survivor,
 * so that anything written with its id still finds its way; parties merged into it earlier now point at the
 * survivor too. The survivor fills its empty fields from the merged party and takes on its roles.
 */
export async function mergeParties(db: Kysely<Database>, actor: Actor, id: number, input: MergeInput): Promise<MergeResult> {
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', 'expected the reason of the merge, received an empty text');
  if (id === input.into) {
    throw new DomainError('conflict', `into: a party cannot be merged into itself (${id})`, [
      { path: 'into', message: 'a party cannot be merged into itself' },
    ]);
  }
  return inTransaction(db, async (trx) => {
    // both rows locked in id order, so that two opposite merges wait for each other instead of deadlocking
    const rows = await trx
      .selectFrom('parties')
      .selectAll()
      .where('id', 'in', [id, input.into])
      .orderBy('id')
      .forUpdate()
      .execute();
    const source = rows.find((r) => r.id === id);
    const target = rows.find((r) => r.id === input.into);
    if (!source) throw notFound('party', id);
    if (!target) throw invalid('into', `party ${input.into} does not exist`);
    if (source.merged_into_id !== null) {
      throw new DomainError('conflict', `party ${id} was already merged into party ${source.merged_into_id}`, [
        { path: 'id', message: `already merged into party ${source.merged_into_id}` },
      ]);
    }
    if (target.merged_into_id !== null) {
      throw new DomainError(
        'conflict',
        `into: party ${target.id} was merged into party ${target.merged_into_id}; merge into that one instead`,
        [{ path: 'into', message: `party ${target.id} was merged into party ${target.merged_into_id}` }],
      );
    }
    const now = new Date().toISOString();
    const mergedBefore = toParty(source);
    const survivorBefore = toParty(target);

    // the merged row leaves the ICE index first, so that the survivor may take its ICE
    const mergedRow = await trx
      .updateTable('parties')
      .set({ merged_into_id: target.id, active: false, updated_at: now })
      .where('id', '=', source.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const repointed = await trx
      .updateTable('parties')
      .set({ merged_into_id: target.id, updated_at: now })
      .where('merged_into_id', '=', source.id)
      .returning('id')
      .execute();

    const { id: _id, mergedIntoId: _m, createdAt: _c, updatedAt: _u, ...survivorFields } = survivorBefore;
    const filled: PartyFields = {
      ...survivorFields,
      isCustomer: survivorFields.isCustomer || mergedBefore.isCustomer,
      isSupplier: survivorFields.isSupplier || mergedBefore.isSupplier,
    };
    for (const key of FILLABLE) if (filled[key] === null) filled[key] = mergedBefore[key];
    const survivorRow = await trx
      .updateTable('parties')
      .set({ ...partyColumns(filled), updated_at: now })
      .where('id', '=', target.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    const merged = toParty(mergedRow);
    const survivor = toParty(survivorRow);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'party.merge',
      entity: 'party',
      entityId: source.id,
      before: { merged: mergedBefore, survivor: survivorBefore },
      after: { merged, survivor, reason, repointedIds: repointed.map((r) => r.id) },
    });
    return { merged, survivor };
  });
}

export interface PartySummary {
  id: number;
  name: string;
  kind: PartyKind;
  ice: string | null;
  city: string | null;
  isCustomer: boolean;
  isSupplier: boolean;
  createdAt: string;
}

export interface DuplicateGroup {
  reason: DuplicateReason;
  parties: PartySummary[];
}

/** Groups of probable duplicates among active parties not merged away, for a person to review and merge. */
export async function listDuplicateGroups(db: Kysely<Database>, options: { threshold?: number } = {}): Promise<DuplicateGroup[]> {
  const rows = await db
    .selectFrom('parties')
    .select(['id', 'name', 'name_key', 'kind', 'ice', 'city', 'is_customer', 'is_supplier', 'created_at'])
    .where('merged_into_id', 'is', null)
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  const groups = groupDuplicates(
    rows.map((r) => ({ ...r, nameKey: r.name_key })),
    options.threshold,
  );
  return groups
    .map((group) => ({
      reason: group.reason,
      parties: group.parties.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        ice: r.ice,
        city: r.city,
        isCustomer: r.is_customer,
        isSupplier: r.is_supplier,
        createdAt: r.created_at,
      })),
    }))
    .sort((a, b) => (a.parties[0]?.id ?? 0) - (b.parties[0]?.id ?? 0));
}
