// The observatory over HTTP: the observatory login reads aggregated statistics and nothing else, its files carry
// the JSON's numbers, bad filters answer 400 naming the field, and the manager downloads the activity report PDF.
import { describeWithDatabase } from '@gie-ecp/core/testing';
import { expect, it } from 'vitest';
import { pdfText, readXlsxSheet } from '../../../packages/core/test/reporting/support.ts';
import { DEMO, problem, seeded, signIn } from './support.ts';

const YEAR = new Date().getUTCFullYear();
const PERIOD = `from=${YEAR}-01-01&to=${YEAR}-12-31`;

interface Row {
  code: string | null;
  figures: { members: number; people: number; women: number; revenue: string } | null;
  suppressed: boolean;
}

describeWithDatabase('observatory API', (database) => {
  it('gives the observatory login aggregated figures, the same in CSV and XLSX, and nothing else', async () => {
    const app = await seeded(database());
    await database()
      .db.updateTable('member_status_history')
      .set({ effective_on: `${YEAR}-01-15` })
      .execute();
    const observatory = await signIn(app, DEMO.observatory);
    const response = await observatory.request('GET', `/api/reporting/observatory?${PERIOD}&area=rural`);
    expect(response.status).toBe(200);
    const stats = (await response.json()) as { restricted: boolean; totals: Row; byProvince: Row[]; bySector: Row[] };
    // rural demo members: M01, M05, M06, M07, people 24 + 15 + 12 + 9, women 17 + 5 + 9 + 4
    expect(stats.restricted).toBe(true);
    expect(stats.totals.figures).toMatchObject({ members: 4, people: 60, women: 35, revenue: '0.00' });
    expect(stats.byProvince.every((r) => r.suppressed && r.figures === null)).toBe(true);

    const csv = await observatory.request('GET', `/api/reporting/observatory?${PERIOD}&area=rural&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'));
    const xlsx = await observatory.request('GET', `/api/reporting/observatory?${PERIOD}&area=rural&format=xlsx`);
    expect(xlsx.headers.get('content-disposition')).toContain('.xlsx');
    const sheet = readXlsxSheet(new Uint8Array(await xlsx.arrayBuffer()), 1);
    const rows = [stats.totals, ...stats.byProvince, ...stats.bySector];
    for (const table of [lines, sheet]) {
      const header = table[0] ?? [];
      expect(table.slice(1).map((r) => [r[header.indexOf('membres')], r[header.indexOf('personnes')]])).toEqual(
        rows.map((r) => (r.figures ? [String(r.figures.members), String(r.figures.people)] : ['—', '—'])),
      );
    }

    // nothing else: not the members, not the activity report
    expect((await observatory.request('GET', '/api/members')).status).toBe(403);
    expect((await observatory.request('GET', `/api/reporting/activity-report?year=${YEAR}`)).status).toBe(403);
  });

  it('answers 400 naming the field for a bad filter, and changes nothing', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const unknown = await problem(await manager.request('GET', `/api/reporting/observatory?${PERIOD}&province=paris`));
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.map((e) => e.path)).toEqual(['province']);
    const badDate = await problem(await manager.request('GET', `/api/reporting/observatory?from=2026-13-01&to=${YEAR}-12-31`));
    expect(badDate.errors?.map((e) => e.path)).toEqual(['from']);
    const area = await problem(await manager.request('GET', `/api/reporting/observatory?${PERIOD}&area=forest`));
    expect(area.errors?.map((e) => e.path)).toEqual(['area']);
  });

  it('lets the manager download the activity report as a PDF with the key figures', async () => {
    const app = await seeded(database());
    const manager = await signIn(app, DEMO.manager);
    const response = await manager.request('GET', `/api/reporting/activity-report?year=${YEAR}&format=pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain(`Rapport d’activité ${YEAR}`);
    // people of the seven demo members: 24 + 31 + 18 + 22 + 15 + 12 + 9
    expect(text).toMatch(/Personnes 131 /);
  });
});
