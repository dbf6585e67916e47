// The worked example's setting in the database, shared by the selection suites: three committee members, a call
// with the five-criterion grid, three eligible applications X, Y, Z; and pdftotext for the documents.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { checkEligibility, createApplication } from '../../src/selection/applications.ts';
import { createCall, setCommittee } from '../../src/selection/calls.ts';
import { createGrid } from '../../src/selection/grids.ts';
import { declareConflict, scoreApplication } from '../../src/selection/scores.ts';
import { type Actor, SYSTEM_ACTOR } from '../../src/users/actor.ts';
import { createUser } from '../../src/users/users.ts';

export const GRID = {
  name: 'Grille du test',
  criteria: [
    { label: 'Pertinence du projet', weight: '30', scaleMin: 0, scaleMax: 5 },
    { label: 'Viabilité économique', weight: '25', scaleMin: 0, scaleMax: 10 },
    { label: 'Impact emploi, femmes et jeunes', weight: '20', scaleMin: 1, scaleMax: 5 },
    { label: 'Gouvernance coopérative', weight: '15', scaleMin: 0, scaleMax: 5 },
    { label: 'Besoin en services mutualisés', weight: '10', scaleMin: 0, scaleMax: 3 },
  ],
};
export const ITEMS = ['Coopérative de la région', 'Au moins 7 membres'];

export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'gie-selection-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    return execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' })
      .replace(/[\u00A0\u202F]/g, ' ')
      .replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Setup {
  manager: Actor;
  a: Actor;
  b: Actor;
  c: Actor;
  callId: number;
  gridId: number;
  /** Applications X, Y, Z of the worked example. */
  ids: { X: number; Y: number; Z: number };
  criteria: number[];
}

export async function setUp(db: Kysely<Database>): Promise<Setup> {
  await seedDemo(db);
  const managerRow = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'gerant@demo.gie-ecp.ma')
    .executeTakeFirstOrThrow();
  const manager: Actor = { userId: managerRow.id, role: 'manager', memberId: null };
  const users: Actor[] = [];
  for (const [i, name] of ['Alami', 'Berrada', 'Chraibi'].entries()) {
    const user = await createUser(db, SYSTEM_ACTOR, {
      email: `membre${i + 1}@comite.test`,
      displayName: `Membre ${name}`,
      role: 'committee',
      password: 'comite-secret-2026',
    });
    users.push({ userId: user.id, role: 'committee', memberId: null });
  }
  const [a, b, c] = users as [Actor, Actor, Actor];
  const grid = await createGrid(db, manager, GRID);
  const call = await createCall(db, manager, {
    title: 'Appel 2026 des coopératives du Rif',
    opensOn: '2026-01-01',
    closesOn: '2026-12-31',
    gridId: grid.id,
    eligibilityItems: ITEMS,
    threshold: '65',
    places: 1,
    status: 'open',
  });
  await setCommittee(db, manager, call.id, [
    { userId: a.userId, role: 'president' },
    { userId: b.userId, role: 'rapporteur' },
    { userId: c.userId, role: 'member' },
  ]);
  const ids: Record<string, number> = {};
  for (const [name, legalName] of [
    ['X', 'Coopérative Xaouen du miel'],
    ['Y', 'Coopérative Yasmine des tapis'],
    ['Z', 'Coopérative Zitoun de l’huile'],
  ] as const) {
    const app = await createApplication(db, manager, call.id, {
      candidate: { legalName, province: 'chefchaouen', peopleCount: 10 },
      project: `Projet de la ${legalName}`,
      needs: ['commercialisation'],
    });
    await checkEligibility(db, manager, app.id, { answers: ITEMS.map(() => ({ met: true })) });
    ids[name] = app.id;
  }
  const criteria = (
    await db.selectFrom('selection_call_criteria').select('id').where('call_id', '=', call.id).orderBy('position').execute()
  ).map((r) => r.id);
  return { manager, a, b, c, callId: call.id, gridId: grid.id, ids: ids as Setup['ids'], criteria };
}

export const marks = (criteria: number[], values: number[]) =>
  values.map((value, i) => ({
    criterionId: criteria[i] as number,
    value: String(value),
    comment: i === 0 ? 'Avis motivé' : null,
  }));

/** The worked example of scoring.test.ts, marked through the core: C has a conflict on X, B leaves Z unfinished. */
export async function scoreExample(db: Kysely<Database>, s: Setup): Promise<void> {
  const { X, Y, Z } = s.ids;
  await declareConflict(db, s.c, X, 'Je suis membre de la coopérative Xaouen');
  await scoreApplication(db, s.a, X, marks(s.criteria, [4, 7, 4, 3, 2]));
  await scoreApplication(db, s.b, X, marks(s.criteria, [5, 8, 5, 4, 3]));
  await scoreApplication(db, s.a, Y, marks(s.criteria, [2, 3, 2, 2, 1]));
  await scoreApplication(db, s.b, Y, marks(s.criteria, [5, 9, 4, 4, 3]));
  await scoreApplication(db, s.c, Y, marks(s.criteria, [3, 6, 3, 3, 2]));
  await scoreApplication(db, s.a, Z, marks(s.criteria, [5, 7, 3, 5, 3]));
  await scoreApplication(db, s.c, Z, marks(s.criteria, [5, 8, 3, 5, 2]));
  await scoreApplication(db, s.b, Z, marks(s.criteria, [1]));
}
