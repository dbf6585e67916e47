// Two API processes on one PostgreSQL database under concurrent load: the numbers stay unique and gapless, the
// balances stay the sum of their lines, and the bank account moves by exactly what the clients were told was done.
import { migrateToLatest, seedDemo } from '@gie-ecp/core';
import { testEngines } from '@gie-ecp/core/testing';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { acknowledgedCount, lastEntryId, noneAcknowledged, violations } from './invariants.ts';
import { prepareWorld, Supervisor, startLoad } from './load.ts';
import { FULL, newTarget, openTarget, report, type ServerProcess, sleep, startServerProcess } from './support.ts';

const SECONDS = Number(process.env.RELIABILITY_SECONDS ?? (FULL ? 60 : 8));

/** Cents moved on the bank account 5141 (debit − credit), as an integer: exact, no float. */
async function bankCents(db: Parameters<typeof seedDemo>[0]): Promise<bigint> {
  const { rows } = await sql<{ net: string }>`
    select coalesce(sum(l.debit - l.credit), 0) * 100 as net from entry_lines l join entries e on e.id = l.entry_id
    where l.account_code = '5141' and e.status = 'posted'`.execute(db);
  return BigInt(String(rows[0]?.net ?? '0').replace(/\.0+$/, ''));
}

it.runIf(testEngines().includes('postgres'))(
  'two API processes on one PostgreSQL database keep numbers and balances exact under concurrent load',
  { timeout: 300_000 },
  async () => {
    const target = await newTarget('postgres');
    const servers: ServerProcess[] = [];
    try {
      const setup = await openTarget(target);
      await migrateToLatest(setup.db);
      await seedDemo(setup.db, { ledger: true });
      const seeded = await lastEntryId(setup.db);
      const bankBefore = await bankCents(setup.db);
      await setup.close();

      servers.push(await startServerProcess(target), await startServerProcess(target));
      const loads = await Promise.all(
        servers.map(async (server, i) => {
          const supervisor = new Supervisor();
          supervisor.up(server.url);
          const world = await prepareWorld(server.url, `Client du serveur ${i + 1}`);
          return startLoad(world, supervisor, FULL ? 6 : 3, `server${i + 1}`);
        }),
      );
      await sleep(SECONDS * 1000);
      await Promise.all(loads.map((l) => l.stop()));
      for (const server of servers) server.child.kill('SIGTERM');
      for (const server of servers) expect((await server.exited).code).toBe(0);
      servers.length = 0;

      const ack = noneAcknowledged();
      for (const load of loads)
        for (const [kind, acknowledged] of Object.entries(load.ack) as Array<[keyof typeof ack, Map<number, never>]>)
          for (const [id, value] of acknowledged) ack[kind].set(id, value);
      const db = await openTarget(target);
      try {
        expect(await violations(db.db, ack, { seededEntriesUpTo: seeded })).toEqual([]);
        // nothing was in doubt (no kill): what exists is exactly what was acknowledged
        const counted = async (query: string) => Number((await sql<{ n: string }>`${sql.raw(query)}`.execute(db.db)).rows[0]?.n);
        expect(await counted(`select count(*) as n from sales_documents where kind = 'invoice' and number is not null`)).toBe(
          ack.invoices.size,
        );
        expect(await counted('select count(*) as n from payments')).toBe(ack.payments.size);
        expect(await counted('select count(*) as n from payouts')).toBe(ack.payouts.size);
        // the bank account: +10.00 per payment, +1.23 per manual entry, −1.00 per payout, to the centime
        const expected = BigInt(ack.payments.size * 1000 + ack.entries.size * 123 - ack.payouts.size * 100);
        expect((await bankCents(db.db)) - bankBefore).toBe(expected);
      } finally {
        await db.close();
      }
      const figures = loads.map((l) => l.figures);
      report('two servers [postgres]', {
        seconds: SECONDS,
        requests: figures.reduce((n, f) => n + f.requests, 0),
        acknowledged: acknowledgedCount(ack),
        invoices: ack.invoices.size,
        payments: ack.payments.size,
        payouts: ack.payouts.size,
        entries: ack.entries.size,
        'runs posted': ack.runsPosted.size,
        'refused (4xx)': figures.reduce((n, f) => n + f.refused, 0),
        'server errors': figures.reduce((n, f) => n + f.serverErrors.length, 0),
      });
      expect(figures.flatMap((f) => f.serverErrors)).toEqual([]);
      expect(ack.invoices.size).toBeGreaterThan(0);
      expect(ack.payments.size).toBeGreaterThan(0);
    } finally {
      for (const server of servers) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      await target.drop();
    }
  },
);
