// The invoicing list's index: documents in a status (and of a kind), newest first. The count of a filter such as the
// drafts waiting for validation comes from the index alone, without reading the documents. Frozen once landed.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('create index sales_documents_status_kind_idx on sales_documents (status, kind, id)').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index sales_documents_status_kind_idx').execute(db);
}
