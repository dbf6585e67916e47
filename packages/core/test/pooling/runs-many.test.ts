// A run over many members, as the allocation benchmark makes them: what is previewed is what the draft keeps, what
// posting returns is what a later read gives, the entry is the shares line for line and the notes are the members'.
import { expect, it } from 'vitest';
import { getEntry, type PostingLine, postMany } from '../../src/ledger/index.ts';
import { importMembers } from '../../src/members/import.ts';
import { Dec } from '../../src/money/index.ts';
import { createRun, getChargeNote, getRun, importUsage, postRun, previewRun } from '../../src/pooling/index.ts';
import { describeWithDatabase } from '../../src/testing/index.ts';
import { SYSTEM_ACTOR } from '../../src/users/actor.ts';
import { accountant, domain53, manager, QUARTER, YEAR } from './support.ts';

const EXTRA = 150;
const code = (i: number) => `G${String(i + 1).padStart(5, '0')}`;
const Q2 = { from: `${YEAR}-04-01`, to: `${YEAR}-06-30` };

describeWithDatabase('an allocation run over many members', (database) => {
  it('previews, keeps, posts and reads back the same shares, and posts them line for line', async () => {
    const { db } = database();
    const { serviceIds } = await domain53(db);
    const members = Array.from({ length: EXTRA }, (_, i) => i);
    const imported = await importMembers(
      db,
      manager,
      [
        'raison sociale;code analytique;statut;type;forme juridique;province',
        ...members.map((i) => `Coopérative ${i + 1};${code(i)};actif;coopérative;coopérative;`),
      ].join('\n'),
      'apply',
    );
    expect(imported.problems).toEqual([]);
    const ids = Object.fromEntries(
      (await db.selectFrom('members').select(['id', 'code']).where('code', 'like', 'G%').execute()).map((m) => [m.code, m.id]),
    );
    // uneven weights: revenue for one member in three, km for one in two, and a cost in the second quarter
    const sales: PostingLine[] = members
      .filter((i) => i % 3 === 0)
      .map((i) => ({ account: '7124', credit: new Dec(i).times('137.31').plus(50).toFixed(2), memberId: ids[code(i)] ?? null }));
    const invoiced = sales.reduce((acc, l) => acc.plus(l.credit ?? '0'), new Dec(0)).toFixed(2);
    await postMany(db, SYSTEM_ACTOR, [
      {
        journal: 'VT',
        date: `${YEAR}-08-20`,
        label: 'Factures du réseau',
        lines: [...sales, { account: '3421', debit: invoiced }],
      },
      {
        journal: 'OD',
        date: `${YEAR}-05-31`,
        label: 'Honoraires du deuxième trimestre',
        lines: [
          { account: '61365', debit: '12345.67', service: 'COMPTA' },
          { account: '5141', credit: '12345.67' },
        ],
      },
    ]);
    const usage = await importUsage(
      db,
      manager,
      [
        'service;membre;date;quantité',
        ...members.filter((i) => i % 2 === 0).map((i) => `TRANSPORT;${code(i)};${YEAR}-08-02;${((i * 7) % 300) + 1}`),
      ].join('\n'),
      'apply',
    );
    expect(usage.problems).toEqual([]);
    // the second quarter posted first, so that the third compares with it member by member
    const q2 = await postRun(db, manager, (await createRun(db, manager, { ...Q2, serviceIds: [serviceIds.COMPTA] })).id);

    const preview = await previewRun(db, accountant, QUARTER);
    expect(preview.problems).toEqual([]);
    const draft = await createRun(db, manager, QUARTER);
    expect(draft.services).toEqual(preview.services);
    expect(draft.totals).toEqual(preview.totals);
    expect(draft).toEqual(await getRun(db, accountant, draft.id));
    for (const service of draft.services) {
      expect(service.lines).toHaveLength(EXTRA + 7);
      expect(service.lines.reduce((acc, l) => acc.plus(l.amount), new Dec(0)).toFixed(2), service.code).toBe(service.pool.total);
    }
    const q2Compta = new Map(q2.services[0]?.lines.map((l) => [l.memberId, l.amount]));
    expect(draft.totals.byMember.map((m) => m.previous)).toEqual(
      draft.totals.byMember.map((m) => new Dec(q2Compta.get(m.memberId) ?? '0').toFixed(2)),
    );
    expect(draft.totals.byService.find((s) => s.code === 'COMPTA')?.previous).toBe('12345.67');

    const posted = await postRun(db, manager, draft.id);
    expect(posted).toEqual(await getRun(db, accountant, draft.id));
    expect(posted.services).toEqual(draft.services);
    expect(posted.totals).toEqual(draft.totals);

    // the entry: per service, each member's share on its account, then the service's total on 7197
    const entry = await getEntry(db, posted.entryId ?? 0);
    expect(posted.entryReference).toBe(entry.reference);
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit, l.memberId, l.service])).toEqual(
      posted.services.flatMap((s) => [
        ...s.lines
          .filter((l) => !new Dec(l.amount).isZero())
          .map((l) => [`4464-${l.memberCode}`, l.amount, '0.00', l.memberId, s.code]),
        ['7197', '0.00', s.pool.total, null, s.code],
      ]),
    );

    // one note per member charged, numbered after the second quarter's in member order, its lines the member's
    const charged = posted.totals.byMember.filter((m) => !new Dec(m.total).isZero());
    expect(posted.chargeNotes.map((n) => [n.memberId, n.totalTtc])).toEqual(charged.map((m) => [m.memberId, m.total]));
    const first = q2.chargeNotes.length + 1;
    expect(posted.chargeNotes.map((n) => n.number)).toEqual(
      charged.map((_, i) => `ND-${YEAR}-${String(first + i).padStart(5, '0')}`),
    );
    for (const note of [posted.chargeNotes[0], posted.chargeNotes.at(-1)]) {
      const read = await getChargeNote(db, accountant, note?.id ?? 0);
      expect(read.snapshot.entryReference).toBe(entry.reference);
      expect(read.snapshot.lines.map((l) => [l.serviceCode, l.amount, l.explanation])).toEqual(
        posted.services.flatMap((s) =>
          s.lines.filter((l) => l.memberId === note?.memberId).map((l) => [s.code, l.amount, l.explanation]),
        ),
      );
    }
  });
});
