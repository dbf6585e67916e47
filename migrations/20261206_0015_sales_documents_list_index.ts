// The invoicing list's index: documents of a kind and status, newest first. The page's ids and the count of the
// filtered documents come from the index alone, without reading the documents' rows. Frozen: never edit once landed.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('create index sales_documents_kind_status_idx on sales_documents (kind, status, id)').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index sales_documents_kind_status_idx').execute(db);
}
