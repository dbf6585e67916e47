// Invoicing's benchmarks: issuing under 8 concurrent clients beside pgbench (and the series checked for gaps), and
// the invoice PDF beside a bare pdfmake document that draws the same table with the same embedded font.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSalesDraft, type Database, issuedSnapshot, issueSalesDocument, renderDocumentPdf } from '@gie-ecp/core';
import { type Kysely, sql } from 'kysely';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { YEAR } from './database.ts';
import { type Dataset, MANAGER, type Scale } from './generate.ts';
import { centsText, pick, type Row, randomSource, ratioRow, skippedRow, throughput } from './measure.ts';
import { PGBENCH_MISSING, pgbenchTps } from './tools.ts';

/** Numbers of the year's invoice series that are missing between 1 and the highest (a gapless series has none). */
async function seriesGaps(db: Kysely<Database>): Promise<{ issued: number; gaps: number }> {
  const { rows } = await sql<{ n: string; highest: string | null }>`
    select count(*) as n, max(substring(number from '(\\d+)$')::int) as highest
    from sales_documents where kind = 'invoice' and number like ${`%${YEAR}%`}`.execute(db);
  const issued = Number(rows[0]?.n ?? 0);
  return { issued, gaps: Number(rows[0]?.highest ?? 0) - issued };
}

export async function issuing(db: Kysely<Database>, dataset: Dataset, scale: Scale, pgbench: string | null): Promise<Row> {
  const what = 'issuing invoices (number + documents + ledger), 8 clients';
  const goal = '≥ 0.25× pgbench TPS, 0 gaps';
  const random = randomSource(11);
  const ours = await throughput(8, scale.seconds, async () => {
    const draft = await createSalesDraft(db, MANAGER, {
      kind: 'invoice',
      memberId: pick(random, dataset.memberIds),
      customerId: pick(random, dataset.customerIds),
      lines: [
        {
          description: 'Panier terroir',
          quantity: String(1 + Math.floor(random() * 9)),
          unitPrice: '350.00',
          vat: '10',
          revenue: 'goods',
        },
        { description: 'Transport', quantity: '1', unitPrice: centsText(10_000 + Math.floor(random() * 90_000)), vat: '14' },
      ],
    });
    await issueSalesDocument(db, MANAGER, draft.id, { issueDate: dataset.to });
  });
  const { issued, gaps } = await seriesGaps(db);
  if (!pgbench) return skippedRow(what, goal, `${ours.perSecond.toFixed(1)} invoices/s, ${gaps} gaps; ${PGBENCH_MISSING}`);
  const reference = await pgbenchTps(pgbench, 8, scale.seconds);
  return ratioRow({
    what,
    value: ours.perSecond,
    unit: 'invoices/s',
    referenceWhat: 'pgbench tpcb-like -c 8 -j 2',
    referenceValue: reference,
    goal,
    threshold: 0.25,
    atLeast: true,
    alsoMet: gaps === 0,
    note: `${gaps} gaps in ${issued} numbers`,
    ...(gaps === 0 ? {} : { remark: `${gaps} numbers missing from the series` }),
    extra: { issuedDuringRun: ours.count, seriesLength: issued, gaps },
  });
}

const TWENTY_LINES = Array.from({ length: 20 }, (_, i) => ({
  description: `Article ${i + 1} — produit du terroir, conditionnement coopératif`,
  quantity: String(1 + (i % 7)),
  unitPrice: centsText(1_250 + i * 733),
  vat: (['20', '10', '14'] as const)[i % 3] as '20' | '10' | '14',
}));

/** pdfmake itself, with the same Amiri font embedded, drawing the same 20-line table and nothing else. */
function barePdfmake(): (rows: string[][]) => Promise<unknown> {
  const require = createRequire(import.meta.resolve('@gie-ecp/core'));
  const normal = require.resolve('@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf');
  const bold = require.resolve('@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf');
  const files = new Map([normal, bold].map((p) => [p, readFileSync(p)]));
  const engine = pdfmake as unknown as {
    virtualfs: { existsSync(p: string): boolean; readFileSync(p: string): Buffer; writeFileSync(): void };
    setFonts(fonts: Record<string, { normal: string; bold: string }>): void;
    createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Uint8Array> };
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
  };
  engine.virtualfs = {
    existsSync: (p) => files.has(p),
    readFileSync: (p) => files.get(p) as Buffer,
    writeFileSync: () => {},
  };
  engine.setFonts({ Amiri: { normal, bold } });
  engine.setUrlAccessPolicy(() => false);
  engine.setLocalAccessPolicy((p) => files.has(p));
  return (rows) =>
    engine
      .createPdf({
        defaultStyle: { font: 'Amiri', fontSize: 9 },
        content: [{ table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto', 'auto'], body: rows } }],
      })
      .getBuffer();
}

export async function invoicePdf(db: Kysely<Database>, dataset: Dataset, scale: Scale): Promise<Row> {
  const draft = await createSalesDraft(db, MANAGER, {
    kind: 'invoice',
    memberId: dataset.memberIds[0] as number,
    customerId: dataset.customerIds[0] as number,
    lines: TWENTY_LINES,
  });
  await issueSalesDocument(db, MANAGER, draft.id, { issueDate: dataset.to });
  const snapshot = await issuedSnapshot(db, MANAGER, draft.id);
  const rows = [
    ['Désignation', 'Qté', 'PU HT', 'TVA', 'Montant HT'],
    ...TWENTY_LINES.map((l) => [l.description, l.quantity, l.unitPrice, `${l.vat} %`, l.unitPrice]),
  ];
  const bare = barePdfmake();
  // the first of each pays for reading the fonts: not counted
  await renderDocumentPdf(snapshot);
  await bare(rows);
  const seconds = Math.max(1, scale.seconds);
  const ours = await throughput(1, seconds, async () => {
    await renderDocumentPdf(snapshot);
  });
  const theirs = await throughput(1, seconds, async () => {
    await bare(rows);
  });
  return ratioRow({
    what: 'invoice PDF, 20 lines, embedded font',
    value: ours.perSecond,
    unit: 'PDF/s',
    referenceWhat: 'bare pdfmake, same table and font',
    referenceValue: theirs.perSecond,
    goal: '≥ 0.8× its rate',
    threshold: 0.8,
    atLeast: true,
  });
}
