// The demo GIE a newcomer starts with: a few member cooperatives of Tanger-Tétouan and one login per role.
// Loaded through the same core functions as real data, and only into an empty database.
import type { Insertable, Kysely } from 'kysely';
import type { Database, MembersTable, Role } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { ribKey } from '../identifiers/index.ts';
import { postMany } from '../ledger/entries.ts';
import { openFiscalYear } from '../ledger/periods.ts';
import { SYSTEM_ACTOR } from '../users/actor.ts';
import { createUser } from '../users/users.ts';
import { seedDemoActivity } from './activity.ts';
import { seedDemoPooling } from './pooling.ts';
import { seedDemoSelection } from './selection.ts';

export const DEMO_PASSWORD = 'demo-gie-2026';

const DEMO_GIE_RIB_BODY = '1016401234567890123456';
const DEMO_GIE_RIB = `${DEMO_GIE_RIB_BODY}${ribKey(DEMO_GIE_RIB_BODY)}`;

type DemoMember = Insertable<MembersTable> & { code: string };

const member = (
  code: string,
  legal_name: string,
  province: string,
  commune: string,
  area: 'rural' | 'urban',
  sector: string,
  activities: string,
  people: [number, number, number, number],
  extra: Partial<DemoMember> = {},
): DemoMember => ({
  code,
  legal_name,
  status: 'active',
  province,
  commune,
  area,
  sector,
  activities,
  people_count: people[0],
  women_count: people[1],
  youth_count: people[2],
  jobs_count: people[3],
  rights_share: '1',
  admitted_on: '2026-01-15',
  ...extra,
});

export const DEMO_MEMBERS: readonly DemoMember[] = [
  member(
    'M01',
    'Coopérative Al Baraka des produits du terroir',
    'chefchaouen',
    'Bab Taza',
    'rural',
    'food_processing',
    'Miel, huile d’olive, paniers du terroir, ateliers de dégustation',
    [24, 17, 9, 6],
    {
      ice: '001234567000089',
      if_number: '45123456',
      capital: '30000.00',
      registration_number: '1245',
      registration_place: 'Chefchaouen',
      contact_name: 'Fatima Zahra Alaoui',
      contact_phone: '0539 98 76 54',
    },
  ),
  member(
    'M02',
    'Coopérative féminine Nour de couscous et pâtes',
    'tetouan',
    'Tétouan',
    'urban',
    'food_processing',
    'Couscous roulé main, pâtes artisanales',
    [31, 31, 12, 9],
    { ice: '002345678000034', contribution_rate: '7.50' },
  ),
  member(
    'M03',
    'Coopérative de pêche artisanale Al Amal',
    'mdiq-fnideq',
    'Fnideq',
    'urban',
    'fishing',
    'Pêche artisanale, conserverie',
    [18, 2, 7, 14],
  ),
  member(
    'M04',
    'Coopérative Atlas de tissage',
    'ouezzane',
    'Ouezzane',
    'urban',
    'crafts',
    'Tissage, tapis, couvertures',
    [22, 20, 6, 4],
  ),
  member(
    'M05',
    'Coopérative apicole Jbala',
    'larache',
    'Ksar El Kébir',
    'rural',
    'agriculture',
    'Apiculture, reines, essaims',
    [15, 5, 8, 5],
  ),
  member(
    'M06',
    'Coopérative de fromage de chèvre Tissemlal',
    'fahs-anjra',
    'Ksar Sghir',
    'rural',
    'food_processing',
    'Fromage de chèvre frais et affiné',
    [12, 9, 3, 3],
  ),
  member(
    'M07',
    'Coopérative d’écotourisme Rif Nature',
    'al-hoceima',
    'Al Hoceima',
    'rural',
    'tourism',
    'Randonnées, gîtes, découverte du Rif',
    [9, 4, 6, 7],
  ),
];

export const DEMO_USERS: ReadonlyArray<{ email: string; displayName: string; role: Role; memberCode?: string }> = [
  { email: 'admin@demo.gie-ecp.ma', displayName: 'Amina Admin', role: 'admin' },
  { email: 'gerant@demo.gie-ecp.ma', displayName: 'Youssef El Amrani', role: 'manager' },
  { email: 'comptable@demo.gie-ecp.ma', displayName: 'Karima Benali', role: 'accountant' },
  { email: 'comite@demo.gie-ecp.ma', displayName: 'Said Ouazzani', role: 'committee' },
  { email: 'entrepreneur@demo.gie-ecp.ma', displayName: 'Fatima Zahra Alaoui', role: 'entrepreneur', memberCode: 'M01' },
  { email: 'observatoire@demo.gie-ecp.ma', displayName: 'Observatoire régional de l’ESS', role: 'observatory' },
];

export interface DemoOptions {
  /** Also open the current fiscal year and post a few entries (the worked invoice of the pilot, its payment). */
  ledger?: boolean;
  /**
   * With the ledger, a year of trading up to today through the core (customers, invoices of six members, payments,
   * a credit note, a paid supplier bill) in place of the worked invoice's bare entries: what `gie seed --demo` and
   * the README's run command show. The test suites leave it out, so that their figures stay the worked examples.
   */
  activity?: boolean;
}

/** Seeds the demo GIE if the database has no user yet; returns whether it did. */
export async function seedDemo(db: Kysely<Database>, options: DemoOptions = {}): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    await trx
      .insertInto('gie_settings')
      .values({
        id: 1,
        name: 'GIE-ECP Tanger-Tétouan (démonstration)',
        ice: '003456789000012',
        if_number: '52341234',
        rc_number: '98765',
        rc_court: 'Tanger',
        tp_number: '50612345',
        address: '12, avenue Mohammed V',
        city: 'Tétouan',
        phone: '0539 71 00 00',
        email: 'contact@demo.gie-ecp.ma',
        bank_name: 'Banque Populaire',
        rib: DEMO_GIE_RIB,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const members = await trx
      .insertInto('members')
      .values([...DEMO_MEMBERS])
      .returning(['id', 'code', 'status'])
      .execute();
    await trx
      .insertInto('member_status_history')
      .values(
        members.map((m) => ({
          member_id: m.id,
          from_status: null,
          to_status: m.status,
          effective_on: '2026-01-15',
          reason: 'demo',
        })),
      )
      .execute();
    for (const user of DEMO_USERS) {
      const memberId = user.memberCode ? (members.find((m) => m.code === user.memberCode)?.id ?? null) : null;
      const created = await createUser(trx, SYSTEM_ACTOR, { ...user, memberId, password: DEMO_PASSWORD });
      if (memberId !== null) {
        const [firstName, ...rest] = user.displayName.split(' ');
        await trx
          .insertInto('entrepreneurs')
          .values({
            member_id: memberId,
            first_name: firstName ?? user.displayName,
            last_name: rest.join(' ') || '-',
            email: user.email,
            user_id: created.id,
          })
          .execute();
      }
    }
    if (options.ledger) await seedDemoLedger(trx, members, { workedInvoice: !options.activity });
    // the pooled services of DOMAIN 5.3, with a quarter of costs ready to allocate
    if (options.ledger) await seedDemoPooling(trx, members);
    if (options.ledger && options.activity) {
      const manager = await trx.selectFrom('users').select('id').where('role', '=', 'manager').executeTakeFirstOrThrow();
      await seedDemoActivity(trx, members, { userId: manager.id, role: 'manager', memberId: null });
    }
    // the full demo (the app's): the selection committee's call and applications too
    if (options.ledger) await seedDemoSelection(trx, DEMO_PASSWORD);
    return true;
  });
}

/**
 * The current year's books: a pooled cost and, unless real invoices come with the demo's activity, the worked invoice
 * of the pilot (DOMAIN 5.1) and its first payment as bare entries.
 */
async function seedDemoLedger(
  trx: Kysely<Database>,
  members: ReadonlyArray<{ id: number; code: string | null }>,
  options: { workedInvoice: boolean },
): Promise<void> {
  const year = new Date().getUTCFullYear();
  await openFiscalYear(trx, SYSTEM_ACTOR, `${year}-01-01`);
  const m01 = members.find((m) => m.code === 'M01')?.id ?? null;
  const date = (month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const worked: Parameters<typeof postMany>[2] = [
    {
      journal: 'VT',
      date: date(3, 15),
      label: 'Facture démonstration — Atelier, paniers, transport',
      sourceRef: `FA-${year}-00001`,
      lines: [
        { account: '3421', debit: '10082.08' },
        { account: '7124', credit: '8922.35', memberId: m01 },
        { account: '4455', credit: '1159.73' },
      ],
    },
    {
      journal: 'VT',
      date: date(3, 15),
      label: 'Part du membre M01',
      sourceRef: `FA-${year}-00001`,
      lines: [
        { account: '6186', debit: '8208.56', memberId: m01 },
        { account: '4464-M01', credit: '8208.56' },
      ],
    },
    {
      journal: 'BQ1',
      date: date(4, 2),
      label: 'Règlement client, 1er versement',
      sourceRef: `FA-${year}-00001`,
      lines: [
        { account: '5141', debit: '6000.00' },
        { account: '3421', credit: '6000.00' },
      ],
    },
  ];
  await postMany(trx, SYSTEM_ACTOR, [
    ...(options.workedInvoice ? worked : []),
    {
      journal: 'AC',
      date: date(4, 30),
      label: 'Honoraires du cabinet comptable (service mutualisé)',
      lines: [
        { account: '61365', debit: '3000.00', service: 'COMPTA' },
        { account: '34552', debit: '600.00' },
        { account: '4411', credit: '3600.00' },
      ],
    },
  ]);
}
