// The observatory's fixture: the seven demo members with DOMAIN 5.3's posted third-quarter run, three issued
// invoices, one credit note, one draft that must not count, and M07 withdrawn after the run.
import { strFromU8, unzipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { today } from '../../src/dates.ts';
import type { Database } from '../../src/db/schema.ts';
import { createCreditNoteDraft, createSalesDraft, issueSalesDocument } from '../../src/invoicing/index.ts';
import { changeMemberStatus } from '../../src/members/registry.ts';
import { createParty } from '../../src/parties/parties.ts';
import { createRun, postRun } from '../../src/pooling/index.ts';
import { domain53, manager, QUARTER, YEAR } from '../pooling/support.ts';

export { pdfText } from '../selection/support.ts';
export { manager, YEAR };
export const observatory = { userId: 0, role: 'observatory' as const, memberId: null };
export const YEAR_PERIOD = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };

export const M01_LINES = [
  { description: 'Atelier de dégustation (prestation)', quantity: '2', unitPrice: '1250.00', vat: '20' },
  {
    description: 'Paniers produits du terroir',
    quantity: '35',
    unitPrice: '180.00',
    discountPercent: '5',
    vat: '10',
    revenue: 'goods' as const,
  },
  { description: 'Transport frigorifique', quantity: '1', unitPrice: '437.35', vat: '14' },
];

export async function observatoryFixture(db: Kysely<Database>): Promise<{ memberIds: Record<string, number> }> {
  const { memberIds } = await domain53(db);
  // the demo members came in on a fixed day; bring it into the year under test
  await db
    .updateTable('member_status_history')
    .set({ effective_on: `${YEAR}-01-15` })
    .execute();
  const run = await createRun(db, manager, QUARTER);
  await postRun(db, manager, run.id);
  const { party } = await createParty(db, manager, { kind: 'company', name: 'Hôtel Dar Tétouan SARL', ice: '001525856000067' });
  const invoice = async (code: string, lines: typeof M01_LINES, day: string) => {
    const draft = await createSalesDraft(db, manager, {
      kind: 'invoice',
      memberId: memberIds[code] as number,
      customerId: party.id,
      lines,
    });
    return issueSalesDocument(db, manager, draft.id, { issueDate: day });
  };
  // M01: DOMAIN 5.1's invoice (8 922.35 HT, contribution 8 % = 713.79), then a credit note of its transport line
  const m01 = await invoice('M01', M01_LINES, `${YEAR}-03-20`);
  const note = await createCreditNoteDraft(db, manager, m01.id, [M01_LINES[2] as (typeof M01_LINES)[number]]);
  await issueSalesDocument(db, manager, note.id, { issueDate: `${YEAR}-03-25` });
  // M02 keeps 7.50 %: 10 000.00 HT → 750.00; M05 at the default 8 %: 2 000.00 HT → 160.00
  await invoice('M02', [{ description: 'Couscous, 500 kg', quantity: '500', unitPrice: '20.00', vat: '20' }], `${YEAR}-05-12`);
  await invoice('M05', [{ description: 'Essaims', quantity: '4', unitPrice: '500.00', vat: '20' }], `${YEAR}-08-03`);
  // a draft counts nowhere
  await createSalesDraft(db, manager, {
    kind: 'invoice',
    memberId: memberIds.M03 as number,
    customerId: party.id,
    lines: [{ description: 'Poisson', quantity: '1', unitPrice: '99999.00', vat: '20' }],
  });
  await changeMemberStatus(db, manager, memberIds.M07 as number, {
    to: 'withdrawn',
    effectiveOn: today(),
    reason: 'Retrait volontaire',
    force: true,
  });
  return { memberIds };
}

/** The cells of an XLSX sheet as text, row by row, read from the zipped XML (not with the library that wrote it). */
export function readXlsxSheet(bytes: Uint8Array, sheet: number): string[][] {
  const files = unzipSync(bytes);
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    decode([...(m[1] ?? '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const rows: string[][] = [];
  for (const row of text(`xl/worksheets/sheet${sheet}.xml`).matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const cell of (row[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const column = [...(cell[1] ?? '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const attributes = cell[2] ?? '';
      const body = cell[3] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '';
      let content = decode(value);
      if (/t="s"/.test(attributes)) content = shared[Number(value)] ?? '';
      else if (/t="inlineStr"/.test(attributes)) content = decode(/<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1] ?? '');
      cells[column] = content;
    }
    rows.push(Array.from(cells, (c) => c ?? ''));
  }
  return rows;
}
