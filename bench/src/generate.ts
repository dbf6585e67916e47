// The national-scale GIE network, generated from a seed through the core's own functions (imports, invoicing,
// payments, the ledger's batch posting, pooled services and usage), so every rule and trigger applies as in use.
import {
  type Actor,
  createSalesDraft,
  createService,
  type Database,
  importMembers,
  importParties,
  importUsage,
  issueInvoices,
  issueSalesDocument,
  type Posting,
  postMany,
  recordPayment,
  recordPayments,
  type SalesLineInput,
} from '@gie-ecp/core';
import { type Kysely, sql } from 'kysely';
import { YEAR } from './database.ts';
import { centsText, pick, progress, randomSource } from './measure.ts';

export interface Scale {
  name: string;
  members: number;
  customers: number;
  /** Invoices issued through invoicing (number, snapshot, entry), three in four paid. */
  invoices: number;
  /** Of those, the first ones issued and paid one by one (the back office's path); the rest go by batches. */
  singleInvoices: number;
  /** Invoices of the past as the ledger holds them (sale, member share, payment), posted by batches of 1,000. */
  ledgerInvoices: number;
  services: number;
  /** Members subscribed to the pooled services (the allocation benchmark's width). */
  allocationMembers: number;
  /** Seconds each throughput benchmark runs. */
  seconds: number;
  /** Concurrent sessions used to issue the invoices (PostgreSQL only; PGlite has one). */
  workers: number;
}

export const SCALES: Record<'smoke' | 'quick' | 'full', Scale> = {
  smoke: {
    name: 'smoke',
    members: 20,
    customers: 60,
    invoices: 40,
    singleInvoices: 20,
    ledgerInvoices: 300,
    services: 10,
    allocationMembers: 20,
    seconds: 0.5,
    workers: 2,
  },
  quick: {
    name: 'quick',
    members: 500,
    customers: 5_000,
    invoices: 5_000,
    singleInvoices: 500,
    ledgerInvoices: 20_000,
    services: 10,
    allocationMembers: 500,
    seconds: 3,
    workers: 4,
  },
  full: {
    name: 'full',
    members: 20_000,
    customers: 200_000,
    invoices: 1_000_000,
    singleInvoices: 2_000,
    ledgerInvoices: 0,
    services: 10,
    allocationMembers: 2_000,
    seconds: 15,
    workers: 4,
  },
};

/** Invoices a batch: one transaction each for the invoices and for their payments. */
const INVOICE_BATCH = 1_000;

export const MANAGER: Actor = { userId: 0, role: 'manager', memberId: null };

const WORDS = ['Argan', 'Atlas', 'Rif', 'Safran', 'Miel', 'Tissage', 'Poterie', 'Olive', 'Cèdre', 'Figue', 'Amande', 'Nour'];
const CITIES = ['Tanger', 'Tétouan', 'Al Hoceima', 'Chefchaouen', 'Larache', 'Ouezzane', 'Fnideq', 'Martil'];
const PRODUCTS = [
  { description: 'Huile d’argan (litre)', price: 18000, vat: '20' as const, revenue: 'goods' as const },
  { description: 'Miel de thym (kg)', price: 22000, vat: '20' as const, revenue: 'goods' as const },
  { description: 'Panier terroir', price: 35000, vat: '10' as const, revenue: 'goods' as const },
  { description: 'Atelier de dégustation', price: 125000, vat: '20' as const, revenue: 'services' as const },
  { description: 'Transport frigorifique', price: 43735, vat: '14' as const, revenue: 'services' as const },
];
/** The pooled services of a GIE, each with a key: what they cost is shared among the subscribed members. */
const SERVICES = [
  { code: 'COMPTA', name: 'Comptabilité', unit: 'hours', account: '61365', key: 'equal' },
  { code: 'COMMERCIAL', name: 'Commercialisation', unit: 'days', account: '61443', key: 'revenue' },
  { code: 'TRANSPORT', name: 'Transport', unit: 'km', account: '61428', key: 'usage' },
  { code: 'LOCAL', name: 'Local partagé', unit: 'm2', account: '61312', key: 'equal' },
  { code: 'FOIRES', name: 'Foires et salons', unit: 'days', account: '61443', key: 'usage' },
  { code: 'FORMATION', name: 'Formation', unit: 'hours', account: '61365', key: 'equal' },
  { code: 'EMBALLAGE', name: 'Emballage', unit: 'units', account: '61428', key: 'usage' },
  { code: 'LABO', name: 'Analyses de laboratoire', unit: 'units', account: '61365', key: 'usage' },
  { code: 'STOCKAGE', name: 'Stockage', unit: 'm2', account: '61312', key: 'revenue' },
  { code: 'INFO', name: 'Informatique', unit: 'hours', account: '61365', key: 'equal' },
] as const;

export interface Dataset {
  memberIds: number[];
  memberCodes: string[];
  customerIds: number[];
  invoiceIds: number[];
  serviceIds: number[];
  /** Dates used: every posting of the dataset lies in January to November of YEAR. */
  from: string;
  to: string;
  timings: Record<string, number>;
}

const day = (dayOfYear: number) => {
  const date = new Date(Date.UTC(YEAR, 0, 1 + dayOfYear));
  return date.toISOString().slice(0, 10);
};
/** Days 0 to 333: 1 January to 30 November. */
const LAST_DAY = 333;

async function inChunks<T>(items: readonly T[], size: number, work: (chunk: T[], start: number) => Promise<void>) {
  for (let start = 0; start < items.length; start += size) await work(items.slice(start, start + size), start);
}

function refuseProblems(what: string, report: { problems: Array<{ row: number; column?: string | null; message: string }> }) {
  if (report.problems.length > 0) {
    const first = report.problems.slice(0, 3).map((p) => `row ${p.row} ${p.column ?? ''}: ${p.message}`);
    throw new Error(`${what} import refused: ${first.join('; ')}`);
  }
}

/** Generates the dataset into an empty, migrated database (see `freshDatabase`). */
export async function generate(db: Kysely<Database>, scale: Scale, seed: number, concurrent: boolean): Promise<Dataset> {
  const random = randomSource(seed);
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work();
    timings[name] = Math.round(performance.now() - started);
    process.stderr.write(`  ${name}: done in ${(timings[name] / 1000).toFixed(1)} s\n`);
    return value;
  };

  // members: the registry's CSV import (checked, then written by batches), active with their analytic code, which
  // gives each its 4464 account through the database's trigger
  await step('members', async () => {
    const show = progress('members', scale.members);
    const rows = Array.from({ length: scale.members }, (_, i) => i);
    await inChunks(rows, 5_000, async (chunk, start) => {
      const csv = [
        'raison sociale;code analytique;statut;type;forme juridique;province',
        ...chunk.map(
          (i) => `Coopérative ${pick(random, WORDS)} ${i + 1};G${String(i + 1).padStart(5, '0')};actif;coopérative;coopérative;`,
        ),
      ].join('\n');
      refuseProblems('members', await importMembers(db, MANAGER, csv, 'apply'));
      show(start + chunk.length);
    });
  });
  const members = await db.selectFrom('members').select(['id', 'code']).where('code', 'like', 'G%').orderBy('code').execute();
  const memberIds = members.map((m) => m.id);
  const memberCodes = members.map((m) => m.code as string);

  await step('customers', async () => {
    const show = progress('customers', scale.customers);
    const rows = Array.from({ length: scale.customers }, (_, i) => i);
    await inChunks(rows, 10_000, async (chunk, start) => {
      const csv = [
        'nom;type;ice;ville',
        ...chunk.map((i) => {
          const company = random() < 0.6;
          // companies carry their ICE (15 digits, unique); people have none
          const ice = company ? `9${String(i + 1).padStart(14, '0')}` : '';
          return `${company ? 'Société' : 'Client'} ${pick(random, WORDS)} ${i + 1};${company ? 'société' : 'particulier'};${ice};${pick(random, CITIES)}`;
        }),
      ].join('\n');
      refuseProblems('customers', await importParties(db, MANAGER, csv, 'apply'));
      show(start + chunk.length);
    });
  });
  const customerIds = (await db.selectFrom('parties').select('id').where('is_customer', '=', true).orderBy('id').execute()).map(
    (p) => p.id,
  );

  // invoices through invoicing, three in four paid, in date order so that each series reads chronologically: the
  // first ones one by one as the back office issues them (draft, issue, payment; concurrent sessions on PostgreSQL),
  // the rest by batches through the same rules (issueInvoices, recordPayments), planned a batch at a time
  const planInvoice = (i: number) => {
    const lineCount = 1 + Math.floor(random() * 4);
    const lines: SalesLineInput[] = Array.from({ length: lineCount }, () => {
      const product = pick(random, PRODUCTS);
      return {
        description: product.description,
        quantity: String(1 + Math.floor(random() * 20)),
        unitPrice: centsText(product.price),
        vat: product.vat,
        revenue: product.revenue,
      };
    });
    return {
      memberId: pick(random, memberIds),
      customerId: pick(random, customerIds),
      lines,
      date: day(Math.floor((i * LAST_DAY) / Math.max(1, scale.invoices))),
      paid: random() < 0.75,
    };
  };
  const single = Math.min(scale.singleInvoices, scale.invoices);
  const invoiceIds: number[] = new Array(scale.invoices);
  await step('invoices one by one', async () => {
    const show = progress('invoices issued one by one', single);
    const plan = Array.from({ length: single }, (_, i) => planInvoice(i));
    let next = 0;
    let done = 0;
    const worker = async () => {
      for (let i = next++; i < plan.length; i = next++) {
        const p = plan[i] as (typeof plan)[number];
        const draft = await createSalesDraft(db, MANAGER, {
          kind: 'invoice',
          memberId: p.memberId,
          customerId: p.customerId,
          lines: p.lines,
        });
        const issued = await issueSalesDocument(db, MANAGER, draft.id, { issueDate: p.date });
        invoiceIds[i] = issued.id;
        if (p.paid)
          await recordPayment(db, MANAGER, {
            customerId: p.customerId,
            receivedOn: p.date,
            method: 'transfer',
            amount: issued.totals.ttc,
            allocations: [{ documentId: issued.id, amount: issued.totals.ttc }],
          });
        show(++done);
      }
    };
    await Promise.all(Array.from({ length: concurrent ? scale.workers : 1 }, worker));
  });
  await step('invoices in batches', async () => {
    const show = progress('invoices issued in batches', scale.invoices - single);
    for (let start = single; start < scale.invoices; start += INVOICE_BATCH) {
      const plan = Array.from({ length: Math.min(INVOICE_BATCH, scale.invoices - start) }, (_, k) => planInvoice(start + k));
      const issued = await issueInvoices(
        db,
        MANAGER,
        plan.map((p) => ({ memberId: p.memberId, customerId: p.customerId, lines: p.lines, issueDate: p.date })),
      );
      await recordPayments(
        db,
        MANAGER,
        issued
          .filter((_, k) => plan[k]?.paid)
          .map((invoice) => ({
            customerId: invoice.customerId,
            receivedOn: invoice.issueDate,
            method: 'transfer' as const,
            amount: invoice.totals.ttc,
            allocations: [{ documentId: invoice.id, amount: invoice.totals.ttc }],
          })),
      );
      issued.forEach((invoice, k) => {
        invoiceIds[start + k] = invoice.id;
      });
      show(start + plan.length - single);
    }
  });

  // the ledger's past: invoices as the ledger records them (sale, member share) and their payments, posted by the
  // ledger's batch function, 1,000 entries a call, with every trigger (balance, numbering, period, balances table)
  await step('ledger history', async () => {
    const show = progress('ledger history invoices', scale.ledgerInvoices);
    const batch: Posting[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      batch.sort((a, b) => a.date.localeCompare(b.date));
      await postMany(db, MANAGER, batch.splice(0));
    };
    for (let i = 0; i < scale.ledgerInvoices; i++) {
      const memberIndex = Math.floor(random() * memberIds.length);
      const memberId = memberIds[memberIndex] as number;
      const partyId = pick(random, customerIds);
      const ht = 5_000 + Math.floor(random() * 2_000_000);
      const vat = Math.round(ht * 0.2);
      const share = ht - Math.round(ht * 0.08);
      const date = day(Math.floor(random() * LAST_DAY));
      const ref = `HIST-${i + 1}`;
      batch.push(
        {
          journal: 'VT',
          date,
          label: `Facture historique ${ref}`,
          sourceRef: ref,
          lines: [
            { account: '3421', debit: centsText(ht + vat), partyId },
            { account: '7124', credit: centsText(ht), memberId },
            { account: '4455', credit: centsText(vat) },
            { account: '6186', debit: centsText(share), memberId },
            { account: `4464-${memberCodes[memberIndex]}`, credit: centsText(share) },
          ],
        },
        {
          journal: 'BQ1',
          date,
          label: `Règlement ${ref}`,
          sourceRef: ref,
          lines: [
            { account: '5141', debit: centsText(ht + vat) },
            { account: '3421', credit: centsText(ht + vat), partyId },
          ],
        },
      );
      if (batch.length >= 1_000) await flush();
      show(i + 1);
    }
    await flush();
  });

  // pooled services: ten services on the first members, their year's costs, and usage for the usage keys
  const serviceIds = await step('pooled services', async () => {
    const subscribed = memberIds.slice(0, scale.allocationMembers);
    const ids: number[] = [];
    for (const s of SERVICES.slice(0, scale.services)) {
      const created = await createService(db, MANAGER, {
        code: s.code,
        name: s.name,
        unit: s.unit,
        expenseAccounts: [s.account],
        subscription: 'list',
        memberIds: subscribed,
        key: { kind: s.key, validFrom: `${YEAR}-01-01` },
      });
      ids.push(created.id);
    }
    await postMany(
      db,
      MANAGER,
      SERVICES.slice(0, scale.services)
        .map((s) => ({
          journal: 'OD',
          date: `${YEAR}-11-15`,
          label: `Charges du service ${s.code}`,
          lines: [
            { account: s.account, debit: centsText(1_000_000 + Math.floor(random() * 50_000_000)), service: s.code },
            { account: '5141', credit: '0' },
          ],
        }))
        .map((p) => {
          const debit = p.lines[0]?.debit ?? '0';
          return { ...p, lines: [p.lines[0] as Posting['lines'][number], { account: '5141', credit: debit }] };
        }),
    );
    const usageServices = SERVICES.slice(0, scale.services).filter((s) => s.key === 'usage');
    const usageRows = subscribed.flatMap((_, m) =>
      usageServices.map((s) => `${s.code};${memberCodes[m]};${YEAR}-11-10;${1 + Math.floor(random() * 500)}`),
    );
    const show = progress('usage', usageRows.length);
    await inChunks(usageRows, 10_000, async (chunk, start) => {
      refuseProblems('usage', await importUsage(db, MANAGER, ['service;membre;date;quantité', ...chunk].join('\n'), 'apply'));
      show(start + chunk.length);
    });
    return ids;
  });

  await sql`analyze`.execute(db);
  return { memberIds, memberCodes, customerIds, invoiceIds, serviceIds, from: `${YEAR}-01-01`, to: `${YEAR}-11-30`, timings };
}

/** What a generated dataset holds, read back from the database (`--reuse`). */
export async function existingDataset(db: Kysely<Database>): Promise<Dataset> {
  const members = await db.selectFrom('members').select(['id', 'code']).where('code', 'like', 'G%').orderBy('code').execute();
  const customers = await db.selectFrom('parties').select('id').where('is_customer', '=', true).orderBy('id').execute();
  const invoices = await db.selectFrom('sales_documents').select('id').where('kind', '=', 'invoice').orderBy('id').execute();
  const codes = SERVICES.map((s) => s.code);
  const services = await db.selectFrom('pooled_services').select('id').where('code', 'in', codes).orderBy('id').execute();
  return {
    memberIds: members.map((m) => m.id),
    memberCodes: members.map((m) => m.code as string),
    customerIds: customers.map((c) => c.id),
    invoiceIds: invoices.map((i) => i.id),
    serviceIds: services.map((s) => s.id),
    from: `${YEAR}-01-01`,
    to: `${YEAR}-11-30`,
    timings: {},
  };
}
