// Moving a GIE's member registry in from a spreadsheet: every row checked with the registry's own rules,
// against the file and the database, before one transaction writes them all.
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database, MemberStatus } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import {
  addProblem,
  CellError,
  cell,
  type ImportProblem,
  type ImportProgress,
  type ImportReport,
  type ImportSpec,
  isoDate,
  oneOf,
  parseImport,
  wholeNumber,
  yieldToEventLoop,
} from '../imports/csv.ts';
import { parseLocalizedAmount, toAmountString } from '../money/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';
import { checkMemberFields, EMPTY_MEMBER_FIELDS, type MemberFields } from './fields.ts';
import { nextAnalyticCode } from './lifecycle.ts';
import { assertStaff, memberReference, toColumns } from './registry.ts';

type MemberImportRow = MemberFields & { code: string; status: MemberStatus };

const CODE = /^[A-Z0-9][A-Z0-9-]{0,19}$/;

function amount(text: string): string {
  const canonical = text.replace(',', '.').replace(/[\s\u00A0\u202F]/g, '');
  if (/^\d+(\.\d{1,2})?$/.test(canonical)) return canonical;
  return toAmountString(parseLocalizedAmount(text, 'fr', 'capital'));
}

function percent(text: string): string {
  const clean = text.replace('%', '').replace(',', '.').trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(clean) || Number(clean) > 100) {
    throw new CellError(`expected a percentage from 0 to 100 such as 8 or 8,5, received "${text}"`);
  }
  return clean;
}

async function memberImportSpec(db: Kysely<Database>): Promise<ImportSpec<MemberImportRow>> {
  const [provinces, sectors] = await Promise.all([
    db.selectFrom('provinces').selectAll().execute(),
    db.selectFrom('sectors').selectAll().execute(),
  ]);
  return {
    entity: 'member',
    columns: [
      { key: 'legalName', headers: ['raison sociale', 'legal name', 'nom', 'name', 'dénomination'], required: true },
      { key: 'tradeName', headers: ['nom commercial', 'trade name', 'enseigne'] },
      {
        key: 'code',
        headers: ['code analytique', 'analytic code', 'code'],
        parse: (t) => {
          const code = t.toUpperCase();
          if (!CODE.test(code)) throw new CellError(`expected a code such as M01 (letters, digits, -), received "${t}"`);
          return code;
        },
      },
      {
        key: 'status',
        headers: ['statut', 'status'],
        parse: oneOf(
          {
            candidate: ['candidat', 'candidate'],
            admitted: ['admis', 'admitted'],
            active: ['actif', 'active'],
            suspended: ['suspendu', 'suspended'],
          },
          'status',
        ),
      },
      {
        key: 'kind',
        headers: ['type', 'kind'],
        parse: oneOf(
          {
            cooperative: ['coopérative', 'cooperative', 'coop'],
            ess_organisation: ['organisation ess', 'ess organisation', 'association'],
            entrepreneur: ['entrepreneur', 'auto-entrepreneur', 'personne physique'],
          },
          'kind',
        ),
      },
      {
        key: 'legalForm',
        headers: ['forme juridique', 'legal form'],
        parse: oneOf(
          {
            cooperative: ['coopérative', 'cooperative'],
            union_of_cooperatives: ['union de coopératives', 'union of cooperatives'],
            association: ['association'],
            auto_entrepreneur: ['auto-entrepreneur', 'auto entrepreneur'],
            individual_enterprise: ['entreprise individuelle', 'individual enterprise'],
            sarl: ['sarl'],
            sarlau: ['sarlau', 'sarl au'],
            other: ['autre', 'other'],
          },
          'legal form',
        ),
      },
      { key: 'registrationNumber', headers: ['numéro de registre', 'n° registre', 'registre', 'registration number', 'rc'] },
      { key: 'registrationPlace', headers: ["lieu d'immatriculation", 'tribunal', 'registration place'] },
      { key: 'ice', headers: ['ice'] },
      { key: 'ifNumber', headers: ['if', 'identifiant fiscal', 'tax id'] },
      { key: 'tpNumber', headers: ['tp', 'taxe professionnelle', 'patente'] },
      { key: 'cnssNumber', headers: ['cnss', 'n° cnss'] },
      { key: 'address', headers: ['adresse', 'address'] },
      {
        key: 'province',
        headers: ['province', 'préfecture', 'province/préfecture', 'prefecture'],
        parse: oneOf(Object.fromEntries(provinces.map((p) => [p.code, [p.name_fr, p.name_ar, p.name_en]])), 'province'),
      },
      { key: 'commune', headers: ['commune', 'municipality'] },
      { key: 'area', headers: ['milieu', 'area'], parse: oneOf({ rural: ['rural'], urban: ['urbain', 'urban'] }, 'area') },
      {
        key: 'sector',
        headers: ['secteur', 'sector', "secteur d'activité"],
        parse: oneOf(Object.fromEntries(sectors.map((s) => [s.code, [s.name_fr, s.name_ar, s.name_en]])), 'sector'),
      },
      { key: 'activities', headers: ['activités', 'activities', 'activité'] },
      { key: 'foundedOn', headers: ['date de création', 'founded on', 'founding date', 'création'], parse: isoDate },
      { key: 'peopleCount', headers: ["nombre d'adhérents", 'adhérents', 'members count', 'people'], parse: wholeNumber() },
      { key: 'womenCount', headers: ['femmes', 'dont femmes', 'women'], parse: wholeNumber() },
      { key: 'youthCount', headers: ['jeunes', 'dont jeunes', 'youth'], parse: wholeNumber() },
      { key: 'jobsCount', headers: ['emplois', 'jobs'], parse: wholeNumber() },
      { key: 'capital', headers: ['capital'], parse: cell(amount) },
      { key: 'contactName', headers: ['contact', 'responsable', 'contact name'] },
      { key: 'contactPhone', headers: ['téléphone', 'tel', 'phone'] },
      { key: 'contactEmail', headers: ['email', 'e-mail', 'courriel'] },
      { key: 'bankName', headers: ['banque', 'bank'] },
      { key: 'rib', headers: ['rib'] },
      { key: 'contributionRate', headers: ['taux de contribution', 'contribution rate', 'contribution'], parse: percent },
      { key: 'rightsShare', headers: ['parts', 'droits', 'rights share'], parse: (t) => t.replace(',', '.') },
    ],
    uniqueBy: [
      { column: 'ice', value: (r) => r.ice?.replace(/\s+/g, '') },
      { column: 'code', value: (r) => r.code },
    ],
  };
}

/**
 * Checks (dry run) or imports (apply) a CSV of members. With any problem nothing is written; otherwise all rows
 * are written in one transaction, admitted ones given their analytic code, and one audit event records the import.
 */
export async function importMembers(
  db: Kysely<Database>,
  actor: Actor,
  text: string,
  mode: 'dry-run' | 'apply',
  onProgress: ImportProgress = () => {},
): Promise<ImportReport> {
  assertStaff(actor);
  const spec = await memberImportSpec(db);
  const parsed = await parseImport(spec, text, onProgress);
  const problems: ImportProblem[] = [...parsed.problems];
  const reference = await memberReference(db);
  const columnOf = (key: string) =>
    parsed.headers[key as keyof MemberImportRow] ?? spec.columns.find((c) => c.key === key)?.headers[0] ?? key;

  const rows: Array<{ row: number; fields: MemberFields; code: string | null; status: MemberStatus }> = [];
  for (const { row, record, ok } of parsed.records) {
    const { code = null, status = 'active', ...rest } = record;
    const fields: MemberFields = { ...EMPTY_MEMBER_FIELDS, legalName: '', ...rest };
    const errors = checkMemberFields(fields, reference);
    for (const e of errors) addProblem(problems, { row, column: columnOf(e.path), message: e.message });
    if (status === 'candidate' && code !== null) {
      addProblem(problems, { row, column: columnOf('code'), message: 'a candidate has no analytic code yet' });
    }
    if (ok && errors.length === 0) rows.push({ row, fields, code, status });
  }

  // against what the database already holds (rows already wrong are left out: their values may be the mistake)
  const ices = rows.map((r) => r.fields.ice).filter((v): v is string => v !== null);
  const codes = rows.map((r) => r.code).filter((v): v is string => v !== null);
  const [takenIces, takenCodes] = await Promise.all([
    ices.length ? db.selectFrom('members').select(['ice', 'id', 'legal_name']).where('ice', 'in', ices).execute() : [],
    codes.length ? db.selectFrom('members').select(['code', 'id', 'legal_name']).where('code', 'in', codes).execute() : [],
  ]);
  for (const r of rows) {
    const ice = takenIces.find((t) => t.ice === r.fields.ice);
    if (ice)
      addProblem(problems, {
        row: r.row,
        column: columnOf('ice'),
        message: `already registered for member ${ice.id} (${ice.legal_name})`,
      });
    const code = takenCodes.find((t) => t.code === r.code);
    if (code)
      addProblem(problems, {
        row: r.row,
        column: columnOf('code'),
        message: `already used by member ${code.id} (${code.legal_name})`,
      });
  }
  // as a person reads the file: row by row, left to right
  const position = new Map(Object.values(parsed.headers).map((header, i) => [header, i]));
  problems.sort((a, b) => a.row - b.row || (position.get(a.column) ?? -1) - (position.get(b.column) ?? -1));

  const report: ImportReport = {
    mode,
    total: parsed.total,
    valid: parsed.total - new Set(problems.map((p) => p.row)).size,
    problems,
    created: 0,
  };
  if (mode === 'dry-run' || problems.length > 0) return report;

  const created = await inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('members.code'))`.execute(trx);
    const existing = await trx.selectFrom('members').select('code').where('code', 'like', 'M%').execute();
    const used = [...existing.map((e) => e.code), ...codes];
    const today = new Date().toISOString().slice(0, 10);
    let count = 0;
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500).map((r) => {
        let code = r.code;
        if (code === null && r.status !== 'candidate') {
          code = nextAnalyticCode(used);
          used.push(code);
        }
        return { r, code };
      });
      const inserted = await trx
        .insertInto('members')
        .values(
          batch.map(({ r, code }) => ({
            ...toColumns(r.fields),
            code,
            status: r.status,
            admitted_on: r.status === 'candidate' ? null : today,
          })),
        )
        .returning(['id', 'status'])
        .execute();
      await trx
        .insertInto('member_status_history')
        .values(
          inserted.map((m) => ({
            member_id: m.id,
            from_status: null,
            to_status: m.status,
            effective_on: today,
            reason: 'import',
            actor_user_id: auditActorId(actor),
          })),
        )
        .execute();
      count += inserted.length;
      onProgress(count, rows.length, 'writing');
      await yieldToEventLoop();
    }
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: 'member.import',
      entity: 'member',
      entityId: null,
      after: { created: count },
    });
    return count;
  });
  return { ...report, created };
}
