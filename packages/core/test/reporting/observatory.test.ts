// The observatory's figures and files against a fixture whose answers are summed by hand below (the demo members'
// people, DOMAIN 5.1's invoice, DOMAIN 5.3's run), the small-cell rule as the observatory role meets it, and the
// CSV and XLSX read back to the same numbers as the JSON the screen shows.
import { expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { Dec } from '../../src/money/index.ts';
import {
  activityReport,
  activityReportPdf,
  flatRows,
  observatoryCsv,
  observatoryStatistics,
  observatoryXlsx,
} from '../../src/reporting/index.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import { EXPECTED } from '../pooling/support.ts';
import { manager, observatory, observatoryFixture, pdfText, readXlsxSheet, YEAR, YEAR_PERIOD } from './support.ts';

// the demo members' [people, women, youth, jobs], M01..M07
const PEOPLE = {
  M01: [24, 17, 9, 6],
  M02: [31, 31, 12, 9],
  M03: [18, 2, 7, 14],
  M04: [22, 20, 6, 4],
  M05: [15, 5, 8, 5],
  M06: [12, 9, 3, 3],
  M07: [9, 4, 6, 7],
} as const;
const sumOf = (codes: (keyof typeof PEOPLE)[], i: number) => codes.reduce((s, c) => s + PEOPLE[c][i]!, 0);
const pooledOf = (codes: (keyof typeof PEOPLE)[]) =>
  codes.reduce((s, c) => s.plus(EXPECTED.total[Number(c.slice(1)) - 1] as string), new Dec(0)).toFixed(2);

describeWithDatabase('observatory statistics', (database) => {
  it('sums the year: members in at the year end, people, revenue and contribution net of the credit note, pooled, admissions', async () => {
    const { db } = database();
    await observatoryFixture(db);
    const stats = await observatoryStatistics(db, manager, YEAR_PERIOD);
    const inAtEnd = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06'] as const; // M07 withdrew
    expect(stats.restricted).toBe(false);
    expect(stats.totals).toEqual({
      code: null,
      population: 7,
      suppressed: false,
      figures: {
        members: 6,
        people: sumOf([...inAtEnd], 0),
        women: sumOf([...inAtEnd], 1),
        youth: sumOf([...inAtEnd], 2),
        jobs: sumOf([...inAtEnd], 3),
        // 8 922.35 − 437.35 (credit note) + 10 000.00 + 2 000.00; the draft of M03 counts nowhere
        revenue: '20485.00',
        // 713.79 − 34.99 + 750.00 + 160.00
        contribution: '1588.80',
        pooled: '88749.99', // 36 000 + 18 750 + 9 999.99 + 24 000, the costs of DOMAIN 5.3
        admissions: 7,
      },
    });
    expect(stats.totals.figures?.people).toBe(122);
    const food = stats.bySector.find((r) => r.code === 'food_processing');
    expect(food?.figures).toEqual({
      members: 3,
      people: 67,
      women: 57,
      youth: 24,
      jobs: 18,
      revenue: '18485.00',
      contribution: '1428.80',
      pooled: pooledOf(['M01', 'M02', 'M06']),
      admissions: 3,
    });
    expect(stats.byProvince.map((r) => [r.code, r.figures?.revenue])).toEqual([
      ['al-hoceima', '0.00'],
      ['chefchaouen', '8485.00'],
      ['fahs-anjra', '0.00'],
      ['larache', '2000.00'],
      ['mdiq-fnideq', '0.00'],
      ['ouezzane', '0.00'],
      ['tetouan', '10000.00'],
    ]);
  });

  it('filters by area and province; the observatory sees groups of three or more only', async () => {
    const { db } = database();
    await observatoryFixture(db);
    const rural = await observatoryStatistics(db, observatory, { ...YEAR_PERIOD, area: 'rural' });
    expect(rural.restricted).toBe(true);
    expect(rural.totals.figures).toMatchObject({
      members: 3, // M01, M05, M06; M07 withdrew
      people: sumOf(['M01', 'M05', 'M06'], 0),
      revenue: '10485.00',
      contribution: '838.80',
      pooled: pooledOf(['M01', 'M05', 'M06', 'M07']),
      admissions: 4,
    });
    // every province holds one member: all hidden, no name nor figure
    const all = await observatoryStatistics(db, observatory, YEAR_PERIOD);
    expect(all.byProvince).toHaveLength(7);
    expect(all.byProvince.every((r) => r.suppressed && r.figures === null && r.population === null)).toBe(true);
    expect(all.bySector.map((r) => [r.code, r.suppressed])).toEqual([
      ['agriculture', true],
      ['crafts', true],
      ['fishing', true],
      ['food_processing', false],
      ['tourism', true],
    ]);
    expect(JSON.stringify(all)).not.toMatch(/Coopérative|M0\d/);
    // one province is one member: hidden from the observatory, shown to the manager
    const one = { ...YEAR_PERIOD, province: 'chefchaouen' };
    expect((await observatoryStatistics(db, observatory, one)).totals).toEqual({
      code: null,
      population: null,
      figures: null,
      suppressed: true,
    });
    expect((await observatoryStatistics(db, manager, one)).totals.figures).toMatchObject({ members: 1, revenue: '8485.00' });
  });

  it('refuses unknown filters and other roles, naming the field', async () => {
    const { db } = database();
    await observatoryFixture(db);
    await expect(observatoryStatistics(db, manager, { ...YEAR_PERIOD, province: 'paris' })).rejects.toMatchObject({
      kind: 'invalid',
      errors: [{ path: 'province' }],
    });
    await expect(observatoryStatistics(db, manager, { from: `${YEAR}-12-31`, to: `${YEAR}-01-01` })).rejects.toMatchObject({
      errors: [{ path: 'to' }],
    });
    for (const role of ['entrepreneur', 'committee'] as const) {
      await expect(observatoryStatistics(db, { userId: 0, role, memberId: 1 }, YEAR_PERIOD)).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    await expect(activityReport(db, observatory, YEAR)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('writes CSV and XLSX files that read back to the figures of the JSON, hidden cells included', async () => {
    const { db } = database();
    await observatoryFixture(db);
    for (const actor of [manager, observatory]) {
      const stats = await observatoryStatistics(db, actor, YEAR_PERIOD);
      const expected = flatRows(stats).map((r) => [
        r.table,
        r.code,
        r.row.figures ? String(r.row.figures.members) : '—',
        r.row.figures?.revenue ?? '—',
        r.row.figures?.pooled ?? '—',
        r.row.figures?.contribution ?? '—',
        r.row.figures ? String(r.row.figures.admissions) : '—',
      ]);
      expect(expected).toHaveLength(1 + 7 + 5);
      const csv = observatoryCsv(stats)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .map((l) => l.split(';'));
      const header = csv[0] ?? [];
      const col = (name: string) => header.indexOf(name);
      const pick = (row: string[]) =>
        ['tableau', 'code', 'membres', 'chiffre_affaires_ht', 'services_mutualises_ht', 'contribution_gie', 'admissions'].map(
          (name) => row[col(name)],
        );
      expect(csv.slice(1).map(pick)).toEqual(expected);
      const sheet = readXlsxSheet(await observatoryXlsx(stats), 1);
      expect(sheet[0]).toEqual(header);
      // numbers come back as the spreadsheet stores them: compare as decimals
      const asDecimal = (v: string | undefined) =>
        v === '—' || v === undefined || !/^-?[\d.]+$/.test(v) ? v : new Dec(v).toFixed(2);
      const fromXlsx = sheet.slice(1).map((row) => pick(row).map((v, i) => (i >= 2 ? asDecimal(v) : v)));
      expect(fromXlsx).toEqual(expected.map((row) => row.map((v, i) => (i >= 2 ? asDecimal(v) : v))));
    }
  });

  it('neutralises a name that a spreadsheet would run as a formula', async () => {
    const { db } = database();
    await seedDemo(db);
    await db
      .insertInto('sectors')
      .values({ code: 'zz_test', name_fr: '=HYPERLINK("http://x")', name_ar: '=x', name_en: '=x' })
      .execute();
    await db.updateTable('members').set({ sector: 'zz_test' }).where('code', '=', 'M03').execute();
    const csv = observatoryCsv(await observatoryStatistics(db, manager, YEAR_PERIOD));
    const line = csv.split('\r\n').find((l) => l.startsWith('secteur;zz_test;'));
    expect(line?.split(';')[2]).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it('prepares the activity report: months, services, each member contribution against pooled services, and its PDF', async () => {
    const { db } = database();
    await observatoryFixture(db);
    const report = await activityReport(db, manager, YEAR);
    expect(report.revenueByMonth.filter((m) => m.revenue !== '0.00')).toEqual([
      { month: `${YEAR}-03`, revenue: '8485.00' },
      { month: `${YEAR}-05`, revenue: '10000.00' },
      { month: `${YEAR}-08`, revenue: '2000.00' },
    ]);
    expect(report.revenueByMonth).toHaveLength(12);
    expect(report.pooledByService.map((s) => [s.code, s.amount])).toEqual([
      ['COMMERCIAL', '18750.00'],
      ['COMPTA', '36000.00'],
      ['LOCAL', '24000.00'],
      ['TRANSPORT', '9999.99'],
    ]);
    const contribution: Record<string, string> = { M01: '678.80', M02: '750.00', M05: '160.00' };
    expect(report.members.map((m) => [m.code, m.contribution, m.pooled, m.balance])).toEqual(
      ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07'].map((code, i) => {
        const paid = contribution[code] ?? '0.00';
        const pooled = EXPECTED.total[i] as string;
        return [code, paid, pooled, new Dec(paid).minus(pooled).toFixed(2)];
      }),
    );
    expect(report.totals).toEqual({ contribution: '1588.80', pooled: '88749.99', balance: '-87161.19' });
    const text = pdfText(await activityReportPdf(report));
    expect(text).toContain(`Rapport d’activité ${YEAR}`);
    expect(text).toContain('GIE-ECP Tanger-Tétouan (démonstration)');
    expect(text).toMatch(/Membres au 31 décembre 6 /);
    expect(text).toContain('20 485,00 MAD');
    expect(text).toContain('88 749,99 MAD');
    expect(text).toMatch(/M01 Coopérative Al Baraka des produits du terroir 678,80 14 309,90 -13 631,10/);
    // the totals line (pdftotext puts its label after the figures)
    expect(text).toMatch(/M07 [^\d]+0,00 11 901,00 -11 901,00 1 588,80 88 749,99 -87 161,19 Total/);
    for (const service of ['COMPTA — Comptabilité 36 000,00', 'TRANSPORT — Transport 9 999,99', 'mars 10 000,00'])
      expect(text).toContain(service);
  });
});
