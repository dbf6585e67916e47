// Bringing the GIE's existing customers and suppliers in from a spreadsheet, under the same rules as the API.
// All rows or none: a dry run lists every problem; applying writes every row in one transaction, or nothing.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, sqlState } from '../errors.ts';
import { parseIce, parseIdentifiantFiscal } from '../identifiers/index.ts';
import {
  cell,
  type ImportProgress,
  type ImportReport,
  type ImportSpec,
  oneOf,
  parseImport,
  wholeNumber,
  yesNo,
  yieldToEventLoop,
} from '../imports/csv.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { defaultPaymentDays, newPartyFields, partyColumns } from './parties.ts';
import { checkParty, type PartyFields, type PartyKind } from './rules.ts';

/** One row of the file, as its cells read. */
export interface PartyImportRecord {
  name: string;
  kind: PartyKind;
  ice: string;
  ifNumber: string;
  rcNumber: string;
  country: string;
  address: string;
  city: string;
  postalCode: string;
  email: string;
  phone: string;
  paymentDays: number;
  paymentTermsAgreement: string;
  isCustomer: boolean;
  isSupplier: boolean;
  vatExemptionBasis: string;
  notes: string;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters at 19 columns a row. */
const INSERT_BATCH = 500;

const KINDS = {
  company: ['société', 'entreprise', 'personne morale'],
  individual: ['particulier', 'personne physique', 'physique', 'person'],
} as const;

/** The columns, French and English; the checks across fields are added per import, as they depend on the database. */
export const PARTY_IMPORT_COLUMNS: ImportSpec<PartyImportRecord>['columns'] = [
  { key: 'name', headers: ['nom', 'name', 'raison sociale', 'company name'], required: true },
  { key: 'kind', headers: ['type', 'kind'], parse: oneOf(KINDS, 'type') },
  { key: 'ice', headers: ['ice', 'n° ice'], parse: cell((text) => parseIce(text)) },
  {
    key: 'ifNumber',
    headers: ['if', 'identifiant fiscal', 'if number', 'tax id'],
    parse: cell((text) => parseIdentifiantFiscal(text)),
  },
  { key: 'rcNumber', headers: ['rc', 'registre de commerce', 'rc number'] },
  { key: 'country', headers: ['pays', 'country'] },
  { key: 'address', headers: ['adresse', 'address'] },
  { key: 'city', headers: ['ville', 'city'] },
  { key: 'postalCode', headers: ['code postal', 'postal code', 'zip'] },
  { key: 'email', headers: ['email', 'e-mail', 'courriel'] },
  { key: 'phone', headers: ['téléphone', 'phone', 'tél', 'tel'] },
  { key: 'paymentDays', headers: ['délai de paiement', 'payment days', 'délai', 'jours'], parse: wholeNumber(0, 100_000) },
  { key: 'paymentTermsAgreement', headers: ['convention', 'payment terms agreement', 'accord'] },
  { key: 'isCustomer', headers: ['client', 'customer'], parse: yesNo },
  { key: 'isSupplier', headers: ['fournisseur', 'supplier'], parse: yesNo },
  { key: 'vatExemptionBasis', headers: ['exonération tva', 'vat exemption basis', 'exonération'] },
  { key: 'notes', headers: ['notes', 'remarques'] },
];

function fieldsOf(record: Partial<PartyImportRecord>, paymentDays: number): PartyFields {
  return newPartyFields(
    {
      ...record,
      // a company unless the file says otherwise: the GIE's customers and suppliers are mostly businesses
      kind: record.kind ?? 'company',
      name: record.name ?? '',
    },
    paymentDays,
  );
}

/**
 * Imports parties from CSV text. Every row is checked like a party created through the API, and its ICE against
 * the file and the database; with `apply` and no problem at all, every row is inserted in one transaction with one
 * `party.import` audit event.
 */
export async function importParties(
  db: Kysely<Database>,
  actor: Actor,
  text: string,
  mode: 'dry-run' | 'apply',
  onProgress?: ImportProgress,
): Promise<ImportReport> {
  const run = async (trx: Kysely<Database>): Promise<ImportReport> => {
    const paymentDays = await defaultPaymentDays(trx);
    const owners = new Map<string, { id: number; name: string }>();
    const taken = await trx
      .selectFrom('parties')
      .select(['id', 'name', 'ice'])
      .where('ice', 'is not', null)
      .where('merged_into_id', 'is', null)
      .execute();
    for (const row of taken) if (row.ice) owners.set(row.ice, { id: row.id, name: row.name });

    const spec: ImportSpec<PartyImportRecord> = {
      entity: 'party',
      columns: PARTY_IMPORT_COLUMNS,
      checkRow: (record) => {
        const { value, errors } = checkParty(fieldsOf(record, paymentDays));
        const problems = errors.map((e) => ({ column: e.path as keyof PartyImportRecord & string, message: e.message }));
        if (actor.role === 'entrepreneur' && value.isSupplier) {
          problems.push({ column: 'isSupplier', message: 'an entrepreneur may only record customers, not suppliers' });
        }
        const owner = value.ice ? owners.get(value.ice) : undefined;
        if (owner) problems.push({ column: 'ice', message: `${value.ice} already belongs to party ${owner.id} (${owner.name})` });
        return problems;
      },
      uniqueBy: [{ column: 'ice', value: (record) => record.ice }],
    };
    const parsed = await parseImport(spec, text, onProgress);
    const valid = parsed.records.filter((r) => r.ok);
    const report: ImportReport = {
      mode,
      total: parsed.total,
      valid: valid.length,
      problems: parsed.problems,
      created: 0,
    };
    if (mode === 'dry-run' || parsed.problems.length > 0) return report;

    const rows = valid.map(({ record }) => partyColumns(checkParty(fieldsOf(record, paymentDays)).value));
    try {
      for (let start = 0; start < rows.length; start += INSERT_BATCH) {
        await trx
          .insertInto('parties')
          .values(rows.slice(start, start + INSERT_BATCH))
          .execute();
        onProgress?.(Math.min(start + INSERT_BATCH, rows.length), rows.length, 'writing');
        await yieldToEventLoop();
      }
    } catch (error) {
      if (sqlState(error) !== '23505') throw error;
      throw new DomainError('conflict', 'ice: an ICE of the file was given to another party meanwhile; run the import again', [
        { path: 'ice', message: 'given to another party while the file was being imported' },
      ]);
    }
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'party.import',
      entity: 'party',
      entityId: null,
      after: {
        count: rows.length,
        customers: rows.filter((r) => r.is_customer).length,
        suppliers: rows.filter((r) => r.is_supplier).length,
      },
    });
    return { ...report, created: rows.length };
  };
  // a dry run reads only; applying reads the ICEs taken and writes in the same transaction
  return mode === 'apply' ? inTransaction(db, run) : run(db);
}
