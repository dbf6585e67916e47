// A load generator for the attack suites: workers that issue invoices, record payments and payouts, post entries and
// post and reverse allocation runs over HTTP, retrying an interrupted keyed request with the same key once the
// server is back, and keeping what was acknowledged for the durability check.
import { type Acknowledged, MANUAL_LABEL, noneAcknowledged } from './invariants.ts';
import { HttpClient, HttpError } from './support.ts';

const YEAR = new Date().getUTCFullYear();
const today = () => new Date().toISOString().slice(0, 10);

/** Where the server is now: the workers wait here while it is down. */
export class Supervisor {
  private waiting: Array<() => void> = [];
  private current: string | null = null;
  /** How many times a server came up: a request knows which server it was sent to. */
  generation = 0;

  up(url: string): void {
    this.current = url;
    this.generation++;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  down(): void {
    this.current = null;
  }

  /** The address of the running server that came up after `generation` (any running one by default). */
  async next(generation = 0): Promise<string> {
    while (!this.current || this.generation <= generation) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.current;
  }
}

export interface LoadFigures {
  /** Requests sent, counting every retry. */
  requests: number;
  /** Requests cut by a kill (no answer). */
  interrupted: number;
  /** Keyed requests sent again after a restart. */
  retried: number;
  /** Refusals the rules give under contention (4xx): not a fault. */
  refused: number;
  /** 5xx answers: each one is a fault. */
  serverErrors: string[];
}

export interface World {
  manager: HttpClient;
  accountant: HttpClient;
  customerId: number;
  memberId: number;
}

/** Signs the load's users in and creates its customer. */
export async function prepareWorld(url: string, customerName = 'Client de la charge de test'): Promise<World> {
  const manager = await HttpClient.signIn(url, 'gerant@demo.gie-ecp.ma');
  const accountant = await HttpClient.signIn(url, 'comptable@demo.gie-ecp.ma');
  const customer = await manager.json<{ party: { id: number } }>('POST', '/api/parties', {
    kind: 'individual',
    name: customerName,
  });
  const members = await manager.json<{ items: Array<{ id: number; code: string }> }>('GET', '/api/members');
  const m01 = members.items.find((m) => m.code === 'M01');
  if (!m01) throw new Error('the demo member M01 is missing');
  return { manager, accountant, customerId: customer.party.id, memberId: m01.id };
}

const isNetworkError = (error: unknown) =>
  error instanceof TypeError || (error instanceof DOMException && ['TimeoutError', 'AbortError'].includes(error.name));

/**
 * Runs `workers` concurrent workers until `stop()`; `ack` fills as the server acknowledges. `name` prefixes the
 * idempotency keys, so that several loads on one database never share a key.
 */
export function startLoad(world: World, supervisor: Supervisor, workers: number, name = 'load') {
  const ack: Acknowledged = noneAcknowledged();
  const figures: LoadFigures = { requests: 0, interrupted: 0, retried: 0, refused: 0, serverErrors: [] };
  const open: Array<{ id: number; due: number }> = []; // issued invoices with cents left to pay
  let stopped = false;
  let sequence = 0;
  let run: { id: number; status: 'posted' } | null = null;
  let runBusy = false;

  /**
   * One request; a keyed one is sent again with its key after a restart until it gets an answer (a request without
   * a key is not: its effect is unknown). Undefined when the request was refused or its outcome is unknown.
   */
  async function call<T>(client: HttpClient, method: string, url: string, body: unknown, key?: string): Promise<T | undefined> {
    let generation = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      // a retry goes to the server started after the one that did not answer
      client.baseUrl = await supervisor.next(generation);
      generation = supervisor.generation;
      figures.requests++;
      if (attempt > 0) figures.retried++;
      try {
        return await client.json<T>(method, url, body, key ? { 'idempotency-key': key } : {});
      } catch (error) {
        if (error instanceof HttpError) {
          if (error.status >= 500) figures.serverErrors.push(error.message);
          else figures.refused++;
          return undefined;
        }
        if (!isNetworkError(error)) throw error;
        figures.interrupted++;
        if (!key || stopped) return undefined;
      }
    }
    return undefined;
  }

  const operations: Record<string, (w: number, n: number) => Promise<void>> = {
    async invoice(w, n) {
      const draft = await call<{ id: number }>(world.manager, 'POST', '/api/invoicing/documents', {
        kind: 'invoice',
        memberId: world.memberId,
        customerId: world.customerId,
        lines: [{ description: `${MANUAL_LABEL} ${w}.${n}`, quantity: '1', unitPrice: '100.00', vat: '20' }],
      });
      if (!draft) return;
      const issued = await call<{ id: number; number: string }>(
        world.manager,
        'POST',
        `/api/invoicing/documents/${draft.id}/issue`,
        {},
        `${name}-issue-${w}-${n}`,
      );
      if (!issued) return;
      ack.invoices.set(issued.id, issued.number);
      open.push({ id: issued.id, due: 12_000 });
    },
    async payment(w, n) {
      const invoice = open[Math.floor(Math.random() * open.length)];
      if (!invoice) return operations.invoice?.(w, n);
      invoice.due -= 1000;
      if (invoice.due <= 0) open.splice(open.indexOf(invoice), 1);
      const payment = await call<{ id: number }>(
        world.accountant,
        'POST',
        '/api/invoicing/payments',
        {
          customerId: world.customerId,
          receivedOn: today(),
          method: 'transfer',
          amount: '10.00',
          allocations: [{ documentId: invoice.id, amount: '10.00' }],
        },
        `${name}-payment-${w}-${n}`,
      );
      if (payment) ack.payments.set(payment.id, '10.00');
    },
    async payout(w, n) {
      const payout = await call<{ id: number }>(
        world.manager,
        'POST',
        '/api/invoicing/payouts',
        { memberId: world.memberId, paidOn: today(), amount: '1.00' },
        `${name}-payout-${w}-${n}`,
      );
      if (payout) ack.payouts.set(payout.id, '1.00');
    },
    async entry(w, n) {
      const entry = await call<{ id: number; reference: string }>(
        world.accountant,
        'POST',
        '/api/ledger/entries',
        {
          journal: 'OD',
          date: today(),
          label: `${MANUAL_LABEL} ${w}.${n}`,
          lines: [
            { account: '5141', debit: '1.23' },
            { account: '5161', credit: '1.23' },
          ],
        },
        `${name}-entry-${w}-${n}`,
      );
      if (entry) ack.entries.set(entry.id, entry.reference);
    },
    async allocation(w, n) {
      // one run at a time: post the second quarter, then reverse it, then again
      if (runBusy) return operations.entry?.(w, n);
      runBusy = true;
      try {
        if (run) {
          const reversed = await call<{ reversalEntryId: number }>(
            world.manager,
            'POST',
            `/api/pooling/runs/${run.id}/reverse`,
            { date: today(), reason: MANUAL_LABEL },
            `${name}-reverse-${w}-${n}`,
          );
          if (reversed) {
            ack.runsReversed.set(run.id, reversed.reversalEntryId);
            run = null;
          }
          return;
        }
        const draft = await call<{ id: number }>(world.manager, 'POST', '/api/pooling/runs', {
          from: `${YEAR}-04-01`,
          to: `${YEAR}-06-30`,
        });
        if (!draft) {
          // a posting whose answer was lost: find the posted run to reverse it next time
          const runs = await call<{ items: Array<{ id: number; status: string }> }>(
            world.manager,
            'GET',
            '/api/pooling/runs',
            undefined,
          );
          const posted = runs?.items.find((r) => r.status === 'posted');
          if (posted) run = { id: posted.id, status: 'posted' };
          return;
        }
        const posted = await call<{ id: number; entryId: number }>(
          world.manager,
          'POST',
          `/api/pooling/runs/${draft.id}/post`,
          {},
          `${name}-run-${w}-${n}`,
        );
        if (posted) {
          ack.runsPosted.set(posted.id, posted.entryId);
          run = { id: posted.id, status: 'posted' };
        }
      } finally {
        runBusy = false;
      }
    },
  };
  const mix = ['invoice', 'invoice', 'payment', 'payment', 'payment', 'entry', 'entry', 'payout', 'allocation'];

  const running = Array.from({ length: workers }, async (_, w) => {
    while (!stopped) {
      const name = mix[Math.floor(Math.random() * mix.length)] ?? 'entry';
      await operations[name]?.(w, ++sequence);
    }
  });

  return {
    ack,
    figures,
    /** Lets the operations in progress end (the server must be up for keyed retries) and waits for the workers. */
    async stop(): Promise<void> {
      stopped = true;
      await Promise.all(running);
    },
  };
}

/** A copy of what was acknowledged so far, frozen at a kill: later acknowledgements are not checked against it. */
export function snapshotOf(ack: Acknowledged): Acknowledged {
  return {
    invoices: new Map(ack.invoices),
    payments: new Map(ack.payments),
    payouts: new Map(ack.payouts),
    entries: new Map(ack.entries),
    runsPosted: new Map(ack.runsPosted),
    runsReversed: new Map(ack.runsReversed),
  };
}
