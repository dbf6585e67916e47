// The demo GIE a newcomer starts with: a few member cooperatives of Tanger-Tétouan and one login per role.
// Loaded through the same core functions as real data, and only into an empty database.
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { SYSTEM_ACTOR } from '../users/actor.ts';
import { createUser } from '../users/users.ts';

export const DEMO_PASSWORD = 'demo-gie-2026';

export const DEMO_MEMBERS = [
  { code: 'M01', legal_name: 'Coopérative Al Baraka des produits du terroir (Chefchaouen)' },
  { code: 'M02', legal_name: 'Coopérative féminine Nour de couscous et pâtes (Tétouan)' },
  { code: 'M03', legal_name: 'Coopérative de pêche artisanale Al Amal (M’diq-Fnideq)' },
  { code: 'M04', legal_name: 'Coopérative Atlas de tissage (Ouezzane)' },
  { code: 'M05', legal_name: 'Coopérative apicole Jbala (Larache)' },
  { code: 'M06', legal_name: 'Coopérative de fromage de chèvre Tissemlal (Fahs-Anjra)' },
  { code: 'M07', legal_name: 'Coopérative d’écotourisme Rif Nature (Al Hoceima)' },
] as const;

export const DEMO_USERS: ReadonlyArray<{ email: string; displayName: string; role: Role; memberCode?: string }> = [
  { email: 'admin@demo.gie-ecp.ma', displayName: 'Amina Admin', role: 'admin' },
  { email: 'gerant@demo.gie-ecp.ma', displayName: 'Youssef El Amrani', role: 'manager' },
  { email: 'comptable@demo.gie-ecp.ma', displayName: 'Karima Benali', role: 'accountant' },
  { email: 'comite@demo.gie-ecp.ma', displayName: 'Said Ouazzani', role: 'committee' },
  { email: 'entrepreneur@demo.gie-ecp.ma', displayName: 'Fatima Zahra Alaoui', role: 'entrepreneur', memberCode: 'M01' },
];

/** Seeds the demo GIE if the database has no user yet; returns whether it did. */
export async function seedDemo(db: Kysely<Database>): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    const members = await trx
      .insertInto('members')
      .values(DEMO_MEMBERS.map((m) => ({ ...m, status: 'active' })))
      .returning(['id', 'code'])
      .execute();
    for (const user of DEMO_USERS) {
      const memberId = user.memberCode ? (members.find((m) => m.code === user.memberCode)?.id ?? null) : null;
      await createUser(trx, SYSTEM_ACTOR, { ...user, memberId, password: DEMO_PASSWORD });
    }
    return true;
  });
}
