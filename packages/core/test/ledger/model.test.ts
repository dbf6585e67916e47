// The ledger against a model of itself: random sequences of post / reverse / lock / unlock over random accounts.
// The database must accept exactly what the model accepts, leave nothing behind when it refuses, and end with
// the model's balances, a trial balance that nets to zero, and gapless numbers.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { post, reverseEntry, setPeriodState, trialBalance } from '../../src/ledger/index.ts';
import type { Posting } from '../../src/ledger/posting.ts';
import { Dec, toAmountString } from '../../src/money/index.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import { SYSTEM_ACTOR } from '../../src/users/actor.ts';
import { openYear } from './support.ts';

const ACCOUNTS = ['3421', '4411', '5141', '61365', '7124'];
const MONTHS = [1, 2, 3];

type Op =
  | { kind: 'post'; month: number; lines: Array<{ account: string; side: 'debit' | 'credit'; cents: number }> }
  | { kind: 'reverse'; pick: number; month: number }
  | { kind: 'lock' | 'unlock'; month: number };

const cents = fc.integer({ min: 0, max: 50_000 });
const line = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  side: fc.constantFrom('debit' as const, 'credit' as const),
  cents,
});
const balancedPost = fc
  .record({
    month: fc.constantFrom(...MONTHS),
    debit: fc.constantFrom(...ACCOUNTS),
    credit: fc.constantFrom(...ACCOUNTS),
    cents: fc.integer({ min: 1, max: 50_000 }),
  })
  .map(
    ({ month, debit, credit, cents }): Op => ({
      kind: 'post',
      month,
      lines: [
        { account: debit, side: 'debit', cents },
        { account: credit, side: 'credit', cents },
      ],
    }),
  );
const anyPost = fc
  .record({ month: fc.constantFrom(...MONTHS), lines: fc.array(line, { minLength: 1, maxLength: 4 }) })
  .map((p): Op => ({ kind: 'post', ...p }));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: balancedPost },
  { weight: 2, arbitrary: anyPost },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(20), month: fc.constantFrom(...MONTHS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('lock' as const, 'unlock' as const), month: fc.constantFrom(...MONTHS) }),
  },
);

const money = (c: number) => toAmountString(new Dec(c).div(100));
const dateIn = (month: number) => `2026-${String(month).padStart(2, '0')}-15`;

interface ModelEntry {
  id: number;
  lines: Array<{ account: string; signed: number }>;
  isReversal: boolean;
  reversed: boolean;
}

describeWithDatabase('the ledger against its model', (database) => {
  it('accepts exactly what the model accepts and ends with the model balances', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        await database().reset();
        const { db } = database();
        const year = await openYear(db);
        const periodOf = (month: number) => year.periods[month - 1]?.id ?? 0;
        const locked = new Set<number>();
        const entries: ModelEntry[] = [];
        const balances = new Map<string, number>();
        let posted = 0;

        for (const o of ops) {
          if (o.kind === 'lock' || o.kind === 'unlock') {
            await setPeriodState(db, SYSTEM_ACTOR, periodOf(o.month), o.kind === 'lock' ? 'locked' : 'open');
            if (o.kind === 'lock') locked.add(o.month);
            else locked.delete(o.month);
            continue;
          }
          if (o.kind === 'post') {
            const debit = o.lines.filter((l) => l.side === 'debit').reduce((a, l) => a + l.cents, 0);
            const credit = o.lines.filter((l) => l.side === 'credit').reduce((a, l) => a + l.cents, 0);
            const modelAccepts =
              o.lines.length >= 2 && o.lines.every((l) => l.cents > 0) && debit === credit && !locked.has(o.month);
            const posting: Posting = {
              journal: 'OD',
              date: dateIn(o.month),
              label: 'model',
              lines: o.lines.map((l) => ({ account: l.account, [l.side]: money(l.cents) })),
            };
            const result = await post(db, SYSTEM_ACTOR, posting).then(
              (entry) => entry,
              () => null,
            );
            expect(result !== null, `post ${JSON.stringify(o)}`).toBe(modelAccepts);
            if (result) {
              posted++;
              const lines = o.lines.map((l) => ({ account: l.account, signed: l.side === 'debit' ? l.cents : -l.cents }));
              entries.push({ id: result.id, lines, isReversal: false, reversed: false });
              for (const l of lines) balances.set(l.account, (balances.get(l.account) ?? 0) + l.signed);
            }
            continue;
          }
          if (o.kind !== 'reverse') continue;
          const target = entries.length === 0 ? undefined : entries[o.pick % entries.length];
          if (!target) continue;
          const modelAccepts = !target.isReversal && !target.reversed && !locked.has(o.month);
          const result = await reverseEntry(db, SYSTEM_ACTOR, target.id, { date: dateIn(o.month) }).then(
            (entry) => entry,
            () => null,
          );
          expect(result !== null, `reverse ${target.id} in month ${o.month}`).toBe(modelAccepts);
          if (result) {
            posted++;
            target.reversed = true;
            const lines = target.lines.map((l) => ({ account: l.account, signed: -l.signed }));
            entries.push({ id: result.id, lines, isReversal: true, reversed: false });
            for (const l of lines) balances.set(l.account, (balances.get(l.account) ?? 0) + l.signed);
          }
        }

        // nothing left behind by refusals: exactly the accepted entries, numbered 1..n
        const rows = await db.selectFrom('entries').select(['number', 'status']).orderBy('number').execute();
        expect(rows.map((r) => r.number)).toEqual(Array.from({ length: posted }, (_, i) => i + 1));
        const tb = await trialBalance(db, { from: '2026-01-01', to: '2026-12-31' });
        const actual = Object.fromEntries(tb.rows.filter((r) => r.closing !== '0.00').map((r) => [r.account, r.closing]));
        const expected = Object.fromEntries([...balances].filter(([, v]) => v !== 0).map(([k, v]) => [k, money(v)]));
        expect(actual).toEqual(expected);
        expect(tb.totals.debit).toBe(tb.totals.credit);
        expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit);
      }),
      { numRuns: 25 },
    );
  });
});
