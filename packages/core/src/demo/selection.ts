// The demo's selection committee: a criteria grid, an open call with three committee members, and three
// applications (two found eligible, ready to score; one waiting for its eligibility check).
import type { Kysely } from 'kysely';
import { addDays, today } from '../dates.ts';
import type { Database } from '../db/schema.ts';
import { checkEligibility, createApplication } from '../selection/applications.ts';
import { createCall, setCommittee } from '../selection/calls.ts';
import { createGrid } from '../selection/grids.ts';
import { SYSTEM_ACTOR } from '../users/actor.ts';
import { createUser } from '../users/users.ts';

export const DEMO_COMMITTEE_USERS = [
  { email: 'comite2@demo.gie-ecp.ma', displayName: 'Nadia Bennani', role: 'committee' },
  { email: 'comite3@demo.gie-ecp.ma', displayName: 'Hicham Tahiri', role: 'committee' },
] as const;

export const DEMO_GRID = {
  name: 'Grille standard du comité',
  description: 'Pertinence, viabilité, impact, gouvernance, besoin des services mutualisés.',
  criteria: [
    {
      label: 'Pertinence du projet',
      description: 'Cohérence avec les activités du GIE et le marché visé',
      weight: '30',
      scaleMin: 0,
      scaleMax: 5,
    },
    {
      label: 'Viabilité économique',
      description: 'Comptes, débouchés, capacité à facturer',
      weight: '25',
      scaleMin: 0,
      scaleMax: 10,
    },
    { label: 'Impact sur l’emploi, les femmes et les jeunes', description: null, weight: '20', scaleMin: 1, scaleMax: 5 },
    {
      label: 'Gouvernance coopérative',
      description: 'Assemblées tenues, comptes approuvés, renouvellement',
      weight: '15',
      scaleMin: 0,
      scaleMax: 5,
    },
    { label: 'Besoin des services mutualisés', description: null, weight: '10', scaleMin: 0, scaleMax: 3 },
  ],
};

const ELIGIBILITY = [
  'Coopérative immatriculée dans la région Tanger-Tétouan-Al Hoceima',
  'Au moins 7 membres',
  "Activité dans un secteur de l'appel (agroalimentaire, artisanat, pêche, tourisme)",
];

/** Seeds the selection demo into the demo GIE (its users exist: the committee user comite@ presides). */
export async function seedDemoSelection(trx: Kysely<Database>, password: string): Promise<void> {
  const president = await trx
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'comite@demo.gie-ecp.ma')
    .executeTakeFirstOrThrow();
  const others = [];
  for (const user of DEMO_COMMITTEE_USERS) others.push(await createUser(trx, SYSTEM_ACTOR, { ...user, password }));
  const grid = await createGrid(trx, SYSTEM_ACTOR, DEMO_GRID);
  const day = today();
  const call = await createCall(trx, SYSTEM_ACTOR, {
    title: `Appel à candidatures ${day.slice(0, 4)} — coopératives de la région`,
    description:
      'Le GIE-ECP accueille de nouvelles coopératives qui facturent par le GIE et partagent ses services mutualisés ' +
      '(comptabilité, commercialisation, transport, locaux).',
    opensOn: addDays(day, -30),
    closesOn: addDays(day, 30),
    gridId: grid.id,
    eligibilityItems: ELIGIBILITY,
    threshold: '60',
    places: 1,
    status: 'open',
  });
  await setCommittee(trx, SYSTEM_ACTOR, call.id, [
    { userId: president.id, role: 'president' },
    { userId: others[0]?.id as number, role: 'rapporteur' },
    { userId: others[1]?.id as number, role: 'member' },
  ]);
  const candidates = [
    {
      candidate: {
        legalName: 'Coopérative Tifawin des plantes aromatiques',
        province: 'chefchaouen',
        commune: 'Bab Berred',
        area: 'rural' as const,
        sector: 'agriculture',
        activities: 'Plantes aromatiques et médicinales, distillation',
        peopleCount: 14,
        womenCount: 11,
        youthCount: 5,
        contactName: 'Khadija Amrani',
        contactEmail: 'tifawin@example.ma',
      },
      project: 'Vendre les huiles essentielles aux hôtels de Tanger par le GIE et mutualiser le transport.',
      needs: ['commercialisation', 'transport'],
    },
    {
      candidate: {
        legalName: 'Coopérative Al Fath de poterie',
        province: 'tetouan',
        commune: 'Tétouan',
        area: 'urban' as const,
        sector: 'crafts',
        activities: 'Poterie émaillée, vaisselle de table',
        peopleCount: 9,
        womenCount: 3,
        youthCount: 4,
        contactName: 'Omar Benjelloun',
      },
      project: 'Un atelier partagé dans les locaux du GIE et une comptabilité tenue par le cabinet mutualisé.',
      needs: ['premises', 'accounting'],
    },
    {
      candidate: {
        legalName: 'Coopérative Bahr de mareyage',
        province: 'larache',
        commune: 'Larache',
        area: 'urban' as const,
        sector: 'fishing',
        activities: 'Mareyage, vente de poisson frais',
        peopleCount: 6,
        contactName: 'Rachid Ziani',
      },
      project: 'Accéder à la commercialisation commune et au transport frigorifique.',
      needs: ['commercialisation', 'transport'],
    },
  ];
  const applications = [];
  for (const entry of candidates) applications.push(await createApplication(trx, SYSTEM_ACTOR, call.id, entry));
  for (const application of applications.slice(0, 2)) {
    await checkEligibility(trx, SYSTEM_ACTOR, application.id, { answers: ELIGIBILITY.map(() => ({ met: true })) });
  }
}
