// The demo GIE's pooled services (DOMAIN 5.3): accounting, commercialisation and fairs, transport, shared premises,
// with their keys, the members' m² and km, and a second quarter of costs posted, ready to allocate in one run.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { postMany } from '../ledger/entries.ts';
import { createService, setMemberQuantity } from '../pooling/services.ts';
import { recordUsage } from '../pooling/usage.ts';
import { SYSTEM_ACTOR } from '../users/actor.ts';

const AREA: Record<string, string> = { M01: '40', M02: '25', M03: '0', M04: '60', M05: '0', M06: '15', M07: '35' };
const KM: Record<string, string> = { M01: '1240', M02: '3880', M03: '610', M04: '0', M05: '2215', M06: '455', M07: '980' };

/** Seeds the pooled services into the demo books (called by seedDemo with the ledger, in its transaction). */
export async function seedDemoPooling(
  trx: Kysely<Database>,
  members: ReadonlyArray<{ id: number; code: string | null }>,
): Promise<void> {
  const year = new Date().getUTCFullYear();
  const date = (month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const validFrom = `${year}-01-01`;
  const actor = SYSTEM_ACTOR;
  await createService(trx, actor, {
    code: 'COMPTA',
    name: 'Comptabilité',
    description: 'Tenue de la comptabilité et déclarations, cabinet partagé',
    unit: 'hours',
    expenseAccounts: ['61365'],
    key: { kind: 'equal', validFrom },
  });
  await createService(trx, actor, {
    code: 'COMMERCIAL',
    name: 'Commercialisation et foires',
    description: 'Stands, salons et foires, catalogue commun',
    unit: 'days',
    expenseAccounts: ['61443'],
    key: { kind: 'revenue', fallback: 'equal', validFrom },
  });
  const transport = await createService(trx, actor, {
    code: 'TRANSPORT',
    name: 'Transport',
    description: 'Camion frigorifique partagé',
    unit: 'km',
    expenseAccounts: ['61428'],
    key: { kind: 'usage', fallback: 'equal', validFrom },
  });
  await createService(trx, actor, {
    code: 'LOCAL',
    name: 'Local partagé',
    description: 'Entrepôt et salle de conditionnement de Tétouan',
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
  for (const member of members) {
    if (!member.code) continue;
    await setMemberQuantity(trx, actor, { memberId: member.id, name: 'area', validFrom, quantity: AREA[member.code] ?? '0' });
    const km = KM[member.code];
    if (km && km !== '0') {
      await recordUsage(trx, actor, {
        serviceId: transport.id,
        memberId: member.id,
        usedOn: date(5, 20),
        quantity: km,
        note: 'Tournées du trimestre',
      });
    }
  }
  // the second quarter's costs, with the services' analytic codes (the ledger demo already has 3 000.00 of COMPTA)
  await postMany(trx, actor, [
    {
      journal: 'AC',
      date: date(6, 30),
      label: 'Honoraires du cabinet comptable, solde du trimestre (service mutualisé)',
      lines: [
        { account: '61365', debit: '33000.00', service: 'COMPTA' },
        { account: '34552', debit: '6600.00' },
        { account: '4411', credit: '39600.00' },
      ],
    },
    {
      journal: 'AC',
      date: date(5, 12),
      label: 'Stand au Salon de l’agriculture de Meknès (service mutualisé)',
      lines: [
        { account: '61443', debit: '18750.00', service: 'COMMERCIAL' },
        { account: '34552', debit: '3750.00' },
        { account: '4411', credit: '22500.00' },
      ],
    },
    {
      journal: 'AC',
      date: date(6, 15),
      label: 'Transport frigorifique du trimestre (service mutualisé)',
      lines: [
        { account: '61428', debit: '9999.99', service: 'TRANSPORT' },
        { account: '34552', debit: '2000.00' },
        { account: '4411', credit: '11999.99' },
      ],
    },
    {
      journal: 'AC',
      date: date(6, 1),
      label: 'Loyer de l’entrepôt, deuxième trimestre (service mutualisé)',
      lines: [
        { account: '61312', debit: '24000.00', service: 'LOCAL' },
        { account: '4411', credit: '24000.00' },
      ],
    },
  ]);
}
