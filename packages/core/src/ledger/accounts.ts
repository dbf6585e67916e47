// The chart of accounts (CGNC), the journals and the posting scheme: what the accountant may add, rename or
// deactivate (never delete once used), and the balance of an account or of a member's own account.
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database, JournalKind } from '../db/schema.ts';
import { containsPattern, foldedColumn, foldSearch, prefixPattern } from '../db/search.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { Dec, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';

export interface Account {
  code: string;
  label: string;
  parentCode: string | null;
  /** 1 to 8, the CGNC class (first digit). */
  accountClass: number;
  memberId: number | null;
  active: boolean;
  /** Posted debit minus credit, all periods. */
  balance: string;
}

export interface Journal {
  code: string;
  label: string;
  kind: JournalKind;
  accountCode: string | null;
  active: boolean;
}

const KEEPERS = ['admin', 'manager', 'accountant'];
export function assertBookkeeper(actor: Actor): void {
  if (!KEEPERS.includes(actor.role)) {
    throw new DomainError(
      'forbidden',
      `the books are kept by the accountant and the manager; you are signed in as ${actor.role}`,
    );
  }
}

const CODE = /^[1-8][0-9]{0,7}(-[A-Z0-9][A-Z0-9-]{0,19})?$/;

/**
 * Net posted movements (debit − credit) per account over the fiscal years still open. A closed year is not
 * counted again: its balances live on in the next year's opening entry.
 */
function currentBalances(db: Kysely<Database>) {
  return db
    .selectFrom('account_balances as b')
    .innerJoin('periods as p', 'p.id', 'b.period_id')
    .innerJoin('fiscal_years as fy', 'fy.id', 'p.fiscal_year_id')
    .where('fy.state', '=', 'open')
    .select('b.account_code')
    .select(sql<string>`sum(b.debit - b.credit)`.as('net'))
    .groupBy('b.account_code');
}

export async function listAccounts(
  db: Kysely<Database>,
  query: { search?: string; accountClass?: number; includeInactive?: boolean } = {},
): Promise<Account[]> {
  let q = db
    .selectFrom('accounts')
    .leftJoin(currentBalances(db).as('cb'), 'cb.account_code', 'accounts.code')
    .select(['accounts.code', 'accounts.label', 'accounts.parent_code', 'accounts.member_id', 'accounts.active'])
    .select(sql<string>`coalesce(cb.net, 0)`.as('balance'))
    .orderBy('accounts.code');
  if (!query.includeInactive) q = q.where('accounts.active', '=', true);
  if (query.accountClass) q = q.where('accounts.code', 'like', `${query.accountClass}%`);
  const search = query.search ? foldSearch(query.search) : '';
  if (search) {
    q = q.where((eb) =>
      eb.or([
        eb('accounts.code', 'like', prefixPattern(search.toUpperCase())),
        eb(foldedColumn('accounts.label'), 'like', containsPattern(search)),
      ]),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    code: r.code,
    label: r.label,
    parentCode: r.parent_code,
    accountClass: Number(r.code[0]),
    memberId: r.member_id,
    active: r.active,
    balance: toAmountString(new Dec(r.balance)),
  }));
}

/** Adds a sub-account under an existing account: its code starts with the parent's. */
export async function createAccount(
  db: Kysely<Database>,
  actor: Actor,
  input: { code: string; label: string; parentCode: string },
): Promise<Account> {
  assertBookkeeper(actor);
  const code = input.code.trim().toUpperCase();
  if (!CODE.test(code))
    throw invalid('code', `expected a CGNC account number such as 61251 (or 4464-M01), received "${input.code}"`);
  if (!input.label.trim()) throw invalid('label', 'required');
  return inTransaction(db, async (trx) => {
    const parent = await trx
      .selectFrom('accounts')
      .select(['code', 'active'])
      .where('code', '=', input.parentCode)
      .executeTakeFirst();
    if (!parent) throw invalid('parentCode', `unknown account "${input.parentCode}"`);
    if (!code.startsWith(parent.code) || code === parent.code) {
      throw invalid('code', `a sub-account of ${parent.code} starts with ${parent.code} and is longer`);
    }
    const existing = await trx.selectFrom('accounts').select('code').where('code', '=', code).executeTakeFirst();
    if (existing)
      throw new DomainError('conflict', `code: account ${code} already exists`, [{ path: 'code', message: 'already exists' }]);
    await trx.insertInto('accounts').values({ code, label: input.label.trim(), parent_code: parent.code }).execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'account.create',
      entity: 'account',
      entityId: code,
      after: { code, label: input.label.trim(), parentCode: parent.code },
    });
    return (await listAccounts(trx, { search: code, includeInactive: true })).find((a) => a.code === code) as Account;
  });
}

/** Renames or (de)activates an account. Accounts are never deleted once used, so there is no delete. */
export async function updateAccount(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
  changes: { label?: string; active?: boolean },
): Promise<Account> {
  assertBookkeeper(actor);
  if (changes.label !== undefined && !changes.label.trim()) throw invalid('label', 'required');
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('accounts').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!before) throw notFound('account', code);
    if (changes.active === false) {
      const role = await trx.selectFrom('posting_accounts').select('role').where('account_code', '=', code).executeTakeFirst();
      if (role)
        throw new DomainError(
          'conflict',
          `account ${code} is used by the posting scheme (${role.role}): change the scheme first`,
        );
    }
    await trx
      .updateTable('accounts')
      .set({ label: changes.label?.trim() ?? before.label, active: changes.active ?? before.active })
      .where('code', '=', code)
      .execute();
    const after = (await listAccounts(trx, { search: code, includeInactive: true })).find((a) => a.code === code) as Account;
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'account.update',
      entity: 'account',
      entityId: code,
      before: { label: before.label, active: before.active },
      after: { label: after.label, active: after.active },
    });
    return after;
  });
}

export async function listJournals(db: Kysely<Database>): Promise<Journal[]> {
  const rows = await db.selectFrom('journals').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, label: r.label, kind: r.kind, accountCode: r.account_code, active: r.active }));
}

/** Adds a journal: a bank journal per bank account (BQ2 on 51412...), or another kind. */
export async function createJournal(
  db: Kysely<Database>,
  actor: Actor,
  input: { code: string; label: string; kind: JournalKind; accountCode?: string | null },
): Promise<Journal> {
  assertBookkeeper(actor);
  const code = input.code.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9]{1,7}$/.test(code))
    throw invalid('code', `expected 2 to 8 capital letters or digits such as BQ2, received "${input.code}"`);
  const treasury = input.kind === 'bank' || input.kind === 'cash';
  if (treasury && !input.accountCode) throw invalid('accountCode', 'a bank or cash journal needs its treasury account');
  if (!treasury && input.accountCode) throw invalid('accountCode', 'only bank and cash journals have an account');
  return inTransaction(db, async (trx) => {
    if (await trx.selectFrom('journals').select('code').where('code', '=', code).executeTakeFirst()) {
      throw new DomainError('conflict', `code: journal ${code} already exists`, [{ path: 'code', message: 'already exists' }]);
    }
    if (input.accountCode) {
      const account = await trx.selectFrom('accounts').select('code').where('code', '=', input.accountCode).executeTakeFirst();
      if (!account?.code.startsWith('5'))
        throw invalid('accountCode', `expected a treasury account (class 5), received "${input.accountCode}"`);
    }
    await trx
      .insertInto('journals')
      .values({ code, label: input.label.trim(), kind: input.kind, account_code: input.accountCode ?? null })
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'journal.create',
      entity: 'journal',
      entityId: code,
      after: input,
    });
    return { code, label: input.label.trim(), kind: input.kind, accountCode: input.accountCode ?? null, active: true };
  });
}

export interface PostingAccount {
  role: string;
  accountCode: string;
  description: string;
}

export async function listPostingAccounts(db: Kysely<Database>): Promise<PostingAccount[]> {
  const rows = await db.selectFrom('posting_accounts').selectAll().orderBy('role').execute();
  return rows.map((r) => ({ role: r.role, accountCode: r.account_code, description: r.description }));
}

/** The account that plays a role in the posting scheme (e.g. `sales.receivable` → 3421). */
export async function postingAccount(db: Kysely<Database>, role: string): Promise<string> {
  const row = await db.selectFrom('posting_accounts').select('account_code').where('role', '=', role).executeTakeFirst();
  if (!row) throw new DomainError('conflict', `the posting scheme has no account for ${role}`);
  return row.account_code;
}

/** The accounts of several roles of the posting scheme in one query, by role; refused if one has none. */
export async function postingAccounts<R extends string>(db: Kysely<Database>, roles: readonly R[]): Promise<Record<R, string>> {
  const rows = await db.selectFrom('posting_accounts').select(['role', 'account_code']).where('role', 'in', roles).execute();
  const found = new Map(rows.map((r) => [r.role, r.account_code]));
  const missing = roles.find((role) => !found.has(role));
  if (missing !== undefined) throw new DomainError('conflict', `the posting scheme has no account for ${missing}`);
  return Object.fromEntries(roles.map((role) => [role, found.get(role)])) as Record<R, string>;
}

/** Points a role of the posting scheme at another account, without code. */
export async function setPostingAccount(
  db: Kysely<Database>,
  actor: Actor,
  role: string,
  accountCode: string,
): Promise<PostingAccount> {
  assertBookkeeper(actor);
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom('posting_accounts').selectAll().where('role', '=', role).executeTakeFirst();
    if (!current) throw notFound('posting role', role);
    const account = await trx
      .selectFrom('accounts')
      .select(['code', 'active'])
      .where('code', '=', accountCode)
      .executeTakeFirst();
    if (!account?.active) throw invalid('accountCode', `expected an active account, received "${accountCode}"`);
    await trx.updateTable('posting_accounts').set({ account_code: accountCode }).where('role', '=', role).execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'posting_account.update',
      entity: 'posting_account',
      entityId: role,
      before: { accountCode: current.account_code },
      after: { accountCode },
    });
    return { role, accountCode, description: current.description };
  });
}

/** A member's own account and its balance (credit-positive: what the GIE owes the member). */
export async function memberAccount(
  db: Kysely<Database>,
  memberId: number,
): Promise<{ code: string; owedToMember: string } | null> {
  const row = await db
    .selectFrom('accounts')
    .leftJoin(currentBalances(db).as('cb'), 'cb.account_code', 'accounts.code')
    .select('accounts.code')
    .select(sql<string>`coalesce(-cb.net, 0)`.as('owed'))
    .where('accounts.member_id', '=', memberId)
    .executeTakeFirst();
  return row ? { code: row.code, owedToMember: toAmountString(new Dec(row.owed)) } : null;
}
