// Criteria grids: reusable templates of weighted criteria, each with its own scale. A call copies a grid; the
// template stays editable until a call made from it starts scoring (the database refuses changes after that).
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, notFound } from '../errors.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { assertSelectionStaff, guardError } from './access.ts';
import { checkCriteria } from './scoring.ts';

export interface CriterionInput {
  label: string;
  description?: string | null;
  /** Percent, e.g. "30"; the grid's weights add up to 100. */
  weight: string;
  scaleMin: number;
  scaleMax: number;
}

export interface Criterion {
  id: number;
  position: number;
  label: string;
  description: string | null;
  weight: string;
  scaleMin: number;
  scaleMax: number;
}

export interface GridInput {
  name: string;
  description?: string | null;
  criteria: CriterionInput[];
}

export interface Grid {
  id: number;
  name: string;
  description: string | null;
  criteria: Criterion[];
  /** A call made from this grid has started scoring: the grid can no longer change (copy it instead). */
  locked: boolean;
  createdAt: string;
  updatedAt: string;
}

/** "30.00" → "30"; "12.50" → "12.5". */
export function weightText(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export function toCriterion(row: {
  id: number;
  position: number;
  label: string;
  description: string | null;
  weight: string;
  scale_min: number;
  scale_max: number;
}): Criterion {
  return {
    id: row.id,
    position: row.position,
    label: row.label,
    description: row.description,
    weight: weightText(row.weight),
    scaleMin: row.scale_min,
    scaleMax: row.scale_max,
  };
}

export function validationError(errors: Array<{ path: string; message: string }>): DomainError {
  return new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

function checkGrid(input: GridInput): void {
  const errors = checkCriteria(input.criteria);
  if (!input.name.trim()) errors.unshift({ path: 'name', message: 'required' });
  if (input.name.length > 200) errors.unshift({ path: 'name', message: 'at most 200 characters' });
  if (errors.length > 0) throw validationError(errors);
}

export async function getGrid(db: Kysely<Database>, actor: Actor, id: number): Promise<Grid> {
  assertSelectionStaff(actor);
  const row = await db.selectFrom('selection_grids').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('grid', id);
  const [criteria, started] = await Promise.all([
    db.selectFrom('selection_grid_criteria').selectAll().where('grid_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('selection_calls')
      .select('id')
      .where('grid_id', '=', id)
      .where('scoring_started_at', 'is not', null)
      .executeTakeFirst(),
  ]);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    criteria: criteria.map(toCriterion),
    locked: started !== undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listGrids(db: Kysely<Database>, actor: Actor): Promise<Grid[]> {
  assertSelectionStaff(actor);
  const rows = await db.selectFrom('selection_grids').select('id').orderBy('id').execute();
  return Promise.all(rows.map((r) => getGrid(db, actor, r.id)));
}

async function writeCriteria(trx: Kysely<Database>, gridId: number, criteria: CriterionInput[]): Promise<void> {
  await trx
    .insertInto('selection_grid_criteria')
    .values(
      criteria.map((c, i) => ({
        grid_id: gridId,
        position: i + 1,
        label: c.label.trim(),
        description: c.description?.trim() || null,
        weight: c.weight,
        scale_min: c.scaleMin,
        scale_max: c.scaleMax,
      })),
    )
    .execute();
}

export async function createGrid(db: Kysely<Database>, actor: Actor, input: GridInput): Promise<Grid> {
  assertSelectionStaff(actor);
  checkGrid(input);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('selection_grids')
      .values({ name: input.name.trim(), description: input.description?.trim() || null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeCriteria(trx, row.id, input.criteria);
    const grid = await getGrid(trx, actor, row.id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.grid.create',
      entity: 'selection_grid',
      entityId: row.id,
      after: grid,
    });
    return grid;
  });
}

/** Replaces a grid's name and criteria; refused once a call made from it has started scoring. */
export async function updateGrid(db: Kysely<Database>, actor: Actor, id: number, input: GridInput): Promise<Grid> {
  assertSelectionStaff(actor);
  checkGrid(input);
  return inTransaction(db, async (trx) => {
    const before = await getGrid(trx, actor, id);
    if (before.locked) {
      throw new DomainError('conflict', `grid ${id} is used by a call whose scoring has started: it cannot change; copy it`, [
        { path: 'criteria', message: 'the grid is frozen' },
      ]);
    }
    try {
      await trx
        .updateTable('selection_grids')
        .set({ name: input.name.trim(), description: input.description?.trim() || null, updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('selection_grid_criteria').where('grid_id', '=', id).execute();
      await writeCriteria(trx, id, input.criteria);
    } catch (error) {
      guardError(error);
    }
    const after = await getGrid(trx, actor, id);
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'selection.grid.update',
      entity: 'selection_grid',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
