// What the GIE owes each member and pays out: the member's position (invoiced, collected, contribution kept, share
// collected, paid out, the ledger balance) and payouts, never more than the share already collected for it net of
// what it owes the GIE. A payout is posted D 4464-xx / C bank.
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import { keyUsedForAnother, lockIdempotencyKey } from '../db/idempotency.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, type FieldError } from '../errors.ts';
import { memberAccount, postingAccount } from '../ledger/accounts.ts';
import { post } from '../ledger/entries.ts';
import { getMember } from '../members/registry.ts';
import { Dec, roundMoney, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';

export interface MemberPosition {
  memberId: number;
  /** Issued invoices minus issued credit notes. */
  invoicedHt: string;
  invoicedTtc: string;
  /** Received from customers on those invoices. */
  collected: string;
  /** The GIE's contribution kept on the invoices (net of credit notes). */
  contribution: string;
  /** The member's share of what was collected, in proportion to each invoice's collections. */
  collectedShare: string;
  /** Pooled services charged to the member by posted allocation runs (reversed runs left out). */
  pooledCosts: string;
  paidOut: string;
  /** The member's account in the ledger, credit positive: what the GIE owes it after everything (pooled costs too). */
  owedToMember: string;
  /** What can be paid out now: the collected share not yet paid, within what the ledger says is owed. */
  availableForPayout: string;
}

export async function memberPosition(db: Kysely<Database>, actor: Actor, memberId: number): Promise<MemberPosition> {
  await getMember(db, actor, memberId);
  const { rows } = await sql<{
    kind: string;
    total_ht: string;
    total_ttc: string;
    contribution: string;
    member_share: string;
    paid: string;
  }>`
    select d.kind, d.total_ht, d.total_ttc, coalesce(d.contribution, 0) as contribution, coalesce(d.member_share, 0) as member_share,
      coalesce((select sum(a.amount) from payment_allocations a where a.document_id = d.id), 0) as paid
    from sales_documents d
    where d.member_id = ${memberId} and d.status = 'issued' and d.kind in ('invoice', 'credit_note')`.execute(db);
  let ht = new Dec(0);
  let ttc = new Dec(0);
  let contribution = new Dec(0);
  let collected = new Dec(0);
  let collectedShare = new Dec(0);
  for (const r of rows) {
    const sign = r.kind === 'credit_note' ? -1 : 1;
    ht = ht.plus(new Dec(r.total_ht).times(sign));
    ttc = ttc.plus(new Dec(r.total_ttc).times(sign));
    contribution = contribution.plus(new Dec(r.contribution).times(sign));
    if (r.kind === 'invoice') {
      collected = collected.plus(r.paid);
      if (new Dec(r.total_ttc).gt(0))
        collectedShare = collectedShare.plus(roundMoney(new Dec(r.member_share).times(r.paid).div(r.total_ttc)));
    } else {
      // a credit note takes its share back from what the member could draw
      collectedShare = collectedShare.minus(r.member_share);
    }
  }
  const paid = await db
    .selectFrom('payouts')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), eb.val('0')).as('total'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  const pooled = await db
    .selectFrom('pooling_charge_notes as n')
    .innerJoin('pooling_runs as r', 'r.id', 'n.run_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('n.total_ttc'), eb.val('0')).as('total'))
    .where('n.member_id', '=', memberId)
    .where('r.status', '=', 'posted')
    .executeTakeFirstOrThrow();
  const owed = new Dec((await memberAccount(db, memberId))?.owedToMember ?? '0');
  const unpaidShare = collectedShare.minus(paid.total);
  const available = Dec.max(0, Dec.min(unpaidShare, owed));
  return {
    memberId,
    invoicedHt: toAmountString(ht),
    invoicedTtc: toAmountString(ttc),
    collected: toAmountString(collected),
    contribution: toAmountString(contribution),
    collectedShare: toAmountString(collectedShare),
    pooledCosts: toAmountString(new Dec(pooled.total)),
    paidOut: toAmountString(new Dec(paid.total)),
    owedToMember: toAmountString(owed),
    availableForPayout: toAmountString(available),
  };
}

export interface PayoutInput {
  memberId: number;
  paidOn: string;
  amount: string;
  reference?: string | null;
  idempotencyKey?: string | null;
}

export async function payMember(db: Kysely<Database>, actor: Actor, input: PayoutInput) {
  if (!['admin', 'manager'].includes(actor.role)) throw new DomainError('forbidden', 'payouts are made by the manager');
  const errors: FieldError[] = [];
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(input.amount) || new Dec(input.amount).lte(0))
    errors.push({ path: 'amount', message: `expected a positive amount, received "${input.amount}"` });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.paidOn) || Number.isNaN(Date.parse(input.paidOn)))
    errors.push({ path: 'paidOn', message: `expected a date YYYY-MM-DD, received "${input.paidOn}"` });
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  const key = input.idempotencyKey?.trim() || null;
  return inTransaction(db, async (trx) => {
    if (key) {
      await lockIdempotencyKey(trx, 'payout', key);
      const previous = await trx.selectFrom('payouts').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
      if (previous) {
        const same =
          previous.member_id === input.memberId && previous.paid_on === input.paidOn && new Dec(previous.amount).eq(input.amount);
        if (!same) throw keyUsedForAnother(key, 'payout');
        return { id: previous.id, entryId: previous.entry_id, amount: toAmountString(new Dec(previous.amount)) };
      }
    }
    // one payout of a member at a time: its account row is the lock
    const account = await trx
      .selectFrom('accounts')
      .select('code')
      .where('member_id', '=', input.memberId)
      .forUpdate()
      .executeTakeFirst();
    if (!account) throw new DomainError('conflict', 'the member has no account yet: admit it first');
    const position = await memberPosition(trx, actor, input.memberId);
    if (new Dec(input.amount).gt(position.availableForPayout)) {
      throw new DomainError('conflict', `amount: at most ${position.availableForPayout} can be paid out now`, [
        {
          path: 'amount',
          message: `at most ${position.availableForPayout} (collected share not yet paid, within the member's account)`,
        },
      ]);
    }
    const bank = await postingAccount(trx, 'treasury.bank');
    const journal = await trx
      .selectFrom('journals')
      .select('code')
      .where('account_code', '=', bank)
      .where('active', '=', true)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const entry = await post(trx, actor, {
      journal: journal.code,
      date: input.paidOn,
      label: `Reversement au membre ${account.code}${input.reference ? ` (${input.reference})` : ''}`,
      sourceRef: input.reference ?? null,
      lines: [
        { account: account.code, debit: input.amount, memberId: input.memberId },
        { account: bank, credit: input.amount },
      ],
    });
    const row = await trx
      .insertInto('payouts')
      .values({
        member_id: input.memberId,
        paid_on: input.paidOn,
        amount: input.amount,
        reference: input.reference?.trim() || null,
        entry_id: entry.id,
        idempotency_key: key,
        created_by: auditActorId(actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'payout.record',
      entity: 'payout',
      entityId: row.id,
      after: { memberId: input.memberId, amount: input.amount, entry: entry.reference },
    });
    return { id: row.id, entryId: entry.id, amount: toAmountString(new Dec(input.amount)) };
  });
}
