// The allocation benchmark: a run over the subscribed members × the ten services, computed (weights, largest
// remainder, explanations) and posted (one entry, charge notes), beside inserting as many rows in one statement.
import { createRun, type Database, postRun } from '@gie-ecp/core';
import { type Kysely, sql } from 'kysely';
import { YEAR } from './database.ts';
import { type Dataset, MANAGER, type Scale } from './generate.ts';
import { type Row, ratioRow, timed } from './measure.ts';

export async function allocation(db: Kysely<Database>, dataset: Dataset, scale: Scale): Promise<Row> {
  const period = { from: `${YEAR}-11-01`, to: `${YEAR}-11-30` };
  // the two steps a manager takes, timed apart: compute and keep the draft, then post it
  let draftMs = 0;
  const ours = await timed(async () => {
    const draft = await timed(() => createRun(db, MANAGER, { ...period, serviceIds: dataset.serviceIds }));
    draftMs = draft.ms;
    return postRun(db, MANAGER, draft.value.id, { date: period.to });
  });
  const shares = ours.value.services.reduce((n, s) => n + s.lines.length, 0);
  await sql`create table if not exists bench_rows (member_id integer, service_id integer, amount numeric(15, 2), explanation text)`.execute(
    db,
  );
  await sql`truncate bench_rows`.execute(db);
  const reference = await timed(() =>
    sql`insert into bench_rows select g % 2000, g % 10, (g * 7 % 100000) / 100.0, 'part ' || g
        from generate_series(1, ${shares}) g`.execute(db),
  );
  await sql`drop table bench_rows`.execute(db);
  return ratioRow({
    what: `allocation run: ${dataset.serviceIds.length} services × ${scale.allocationMembers.toLocaleString('en')} members, compute and post`,
    value: ours.ms,
    unit: 'ms',
    referenceWhat: `inserting ${shares.toLocaleString('en')} rows in one statement`,
    referenceValue: reference.ms,
    goal: '≤ 3× its time',
    threshold: 3,
    atLeast: false,
    extra: {
      shares,
      chargeNotes: ours.value.chargeNotes.length,
      draftMs: Math.round(draftMs),
      postMs: Math.round(ours.ms - draftMs),
    },
  });
}
