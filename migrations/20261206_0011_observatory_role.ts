// The observatory role: a read-only user who sees only the observatory's aggregated statistics (issue 8), so that
// funders and the regional observatory pull their figures without asking anyone. Frozen: never edit once landed.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'alter table users drop constraint users_role_check',
    `alter table users add constraint users_role_check
      check (role in ('admin', 'manager', 'accountant', 'committee', 'entrepreneur', 'observatory'))`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'alter table users drop constraint users_role_check',
    `alter table users add constraint users_role_check
      check (role in ('admin', 'manager', 'accountant', 'committee', 'entrepreneur'))`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
