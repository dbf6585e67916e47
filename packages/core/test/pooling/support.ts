// The books of DOMAIN 5.3 in a test database: seven members, their revenue and km in the third quarter, their m²,
// the four pooled services with their keys, and the quarter's costs (three entries and one supplier bill).
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { postMany } from '../../src/ledger/entries.ts';
import { openFiscalYear } from '../../src/ledger/periods.ts';
import { createParty } from '../../src/parties/parties.ts';
import { createService, recordPurchase, recordUsage, setMemberQuantity } from '../../src/pooling/index.ts';
import { type Actor, SYSTEM_ACTOR } from '../../src/users/actor.ts';

export const YEAR = new Date().getUTCFullYear();
export const manager: Actor = { userId: 0, role: 'manager', memberId: null };
export const accountant: Actor = { userId: 0, role: 'accountant', memberId: null };
export const QUARTER = { from: `${YEAR}-07-01`, to: `${YEAR}-09-30` };
export const MEMBERS = ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07'] as const;
export const REVENUE = ['48200.00', '125430.50', '0', '17880.00', '61005.25', '9340.75', '22143.50'];
export const KM = ['1240', '3880', '610', '0', '2215', '455', '980'];
export const M2 = ['40', '25', '0', '60', '0', '15', '35'];

/** DOMAIN 5.3, row by row. */
export const EXPECTED = {
  COMPTA: ['5142.86', '5142.86', '5142.86', '5142.86', '5142.86', '5142.85', '5142.85'],
  COMMERCIAL: ['3182.22', '8281.06', '0.00', '1180.46', '4027.63', '616.69', '1461.94'],
  TRANSPORT: ['1321.96', '4136.46', '650.32', '0.00', '2361.40', '485.07', '1044.78'],
  LOCAL: ['4662.86', '3428.57', '1371.43', '6308.57', '1371.43', '2605.71', '4251.43'],
  total: ['14309.90', '20988.95', '7164.61', '12631.89', '12903.32', '8850.32', '11901.00'],
} as const;

export interface Domain53 {
  memberIds: Record<string, number>;
  serviceIds: Record<'COMPTA' | 'COMMERCIAL' | 'TRANSPORT' | 'LOCAL', number>;
  supplierId: number;
}

const date = (month: number, day: number) => `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The demo members (no demo books), the year open, and everything DOMAIN 5.3 needs in the third quarter. */
export async function domain53(db: Kysely<Database>): Promise<Domain53> {
  await seedDemo(db);
  await openFiscalYear(db, SYSTEM_ACTOR, `${YEAR}-01-01`);
  const rows = await db
    .selectFrom('members')
    .select(['id', 'code'])
    .where('code', 'in', [...MEMBERS])
    .execute();
  const memberIds = Object.fromEntries(rows.map((r) => [r.code as string, r.id]));
  // revenue invoiced through the GIE in the quarter (one invoice each), and the quarter's costs
  await postMany(db, SYSTEM_ACTOR, [
    ...MEMBERS.filter((_, i) => REVENUE[i] !== '0').map((code, i) => ({
      journal: 'VT',
      date: date(7, 10 + i),
      label: `Facture ${code}`,
      lines: [
        { account: '3421', debit: REVENUE[MEMBERS.indexOf(code)] },
        { account: '7124', credit: REVENUE[MEMBERS.indexOf(code)], memberId: memberIds[code] ?? null },
      ],
    })),
    {
      journal: 'OD',
      date: date(8, 31),
      label: 'Honoraires et foires du trimestre',
      lines: [
        { account: '61365', debit: '30000.00', service: 'COMPTA' },
        { account: '61365', debit: '6000.00', service: 'COMPTA' },
        { account: '61443', debit: '18750.00', service: 'COMMERCIAL' },
        { account: '61312', debit: '24000.00', service: 'LOCAL' },
        { account: '5141', credit: '78750.00' },
      ],
    },
  ]);
  const validFrom = `${YEAR}-01-01`;
  const compta = await createService(db, manager, {
    code: 'COMPTA',
    name: 'Comptabilité',
    unit: 'hours',
    expenseAccounts: ['61365'],
    key: { kind: 'equal', validFrom },
  });
  const commercial = await createService(db, manager, {
    code: 'COMMERCIAL',
    name: 'Commercialisation et foires',
    unit: 'days',
    expenseAccounts: ['61443'],
    key: { kind: 'revenue', validFrom },
  });
  const transport = await createService(db, manager, {
    code: 'TRANSPORT',
    name: 'Transport',
    unit: 'km',
    expenseAccounts: ['61428'],
    key: { kind: 'usage', validFrom },
  });
  const local = await createService(db, manager, {
    code: 'LOCAL',
    name: 'Local partagé',
    unit: 'm2',
    expenseAccounts: ['61312'],
    key: {
      kind: 'composite',
      validFrom,
      components: [
        { kind: 'equal', share: '0.4' },
        { kind: 'quantity', quantity: 'area', share: '0.6' },
      ],
    },
  });
  for (const [i, code] of MEMBERS.entries()) {
    if (KM[i] !== '0') {
      // two trips each, so that usage is summed over the period
      const km = Number(KM[i]);
      const first = String(Math.floor(km / 2));
      await recordUsage(db, manager, {
        serviceId: transport.id,
        memberId: memberIds[code] as number,
        usedOn: date(7, 20),
        quantity: first,
      });
      await recordUsage(db, manager, {
        serviceId: transport.id,
        memberId: memberIds[code] as number,
        usedOn: date(9, 5),
        quantity: String(km - Number(first)),
      });
    }
    await setMemberQuantity(db, manager, {
      memberId: memberIds[code] as number,
      name: 'area',
      validFrom,
      quantity: M2[i] as string,
    });
  }
  const { party } = await createParty(db, manager, {
    kind: 'company',
    name: 'Transports Tingis SARL',
    ice: '002233445000071',
    isSupplier: true,
  });
  await recordPurchase(db, manager, {
    supplierId: party.id,
    billDate: date(9, 15),
    billNumber: 'TT-2041',
    lines: [{ description: 'Transport frigorifique du trimestre', serviceId: transport.id, amountHt: '9999.99', vatRate: '20' }],
  });
  return {
    memberIds,
    serviceIds: { COMPTA: compta.id, COMMERCIAL: commercial.id, TRANSPORT: transport.id, LOCAL: local.id },
    supplierId: party.id,
  };
}
