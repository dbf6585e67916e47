// The GIE's own identity and settings: printed on every document (name, ICE, IF, RC, TP, address, bank, logo)
// and steering invoicing (default contribution rate, payment days, number templates). Edited by the manager.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { Database, GieSettingsRow } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { checkLogo, type ImageType } from '../documents/images.ts';
import { DomainError, type FieldError } from '../errors.ts';
import { parseCnssNumber, parseIce, parseIdentifiantFiscal, parseRib, parseTpNumber } from '../identifiers/index.ts';
import { type Actor, auditActorId } from '../users/actor.ts';

export interface GieSettings {
  name: string;
  legalForm: string;
  ice: string | null;
  ifNumber: string | null;
  rcNumber: string | null;
  rcCourt: string | null;
  tpNumber: string | null;
  cnssNumber: string | null;
  address: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  bankName: string | null;
  rib: string | null;
  /** Percent of the pre-tax amount the GIE keeps when a member has no rate of its own. */
  defaultContributionRate: string;
  /** Payment days for customers without agreed terms (law 69-21: at most 60). */
  defaultPaymentDays: number;
  invoiceNumberTemplate: string;
  creditNoteNumberTemplate: string;
  quoteNumberTemplate: string;
  /** Whether entrepreneurs issue their invoices themselves, or submit them for the manager to validate. */
  entrepreneursMayIssue: boolean;
  invoiceFooter: string | null;
  hasLogo: boolean;
  updatedAt: string;
}

export type GieSettingsChanges = Partial<Omit<GieSettings, 'hasLogo' | 'updatedAt'>>;

const DEFAULT_NAME = 'GIE-ECP';

function toSettings(row: Omit<GieSettingsRow, 'logo'>): GieSettings {
  return {
    name: row.name,
    legalForm: row.legal_form,
    ice: row.ice,
    ifNumber: row.if_number,
    rcNumber: row.rc_number,
    rcCourt: row.rc_court,
    tpNumber: row.tp_number,
    cnssNumber: row.cnss_number,
    address: row.address,
    city: row.city,
    phone: row.phone,
    email: row.email,
    website: row.website,
    bankName: row.bank_name,
    rib: row.rib,
    defaultContributionRate: row.default_contribution_rate,
    defaultPaymentDays: row.default_payment_days,
    invoiceNumberTemplate: row.invoice_number_template,
    creditNoteNumberTemplate: row.credit_note_number_template,
    quoteNumberTemplate: row.quote_number_template,
    entrepreneursMayIssue: row.entrepreneurs_may_issue,
    invoiceFooter: row.invoice_footer,
    hasLogo: row.logo_media_type !== null,
    updatedAt: row.updated_at,
  };
}

const COLUMNS = [
  'id',
  'name',
  'legal_form',
  'ice',
  'if_number',
  'rc_number',
  'rc_court',
  'tp_number',
  'cnss_number',
  'address',
  'city',
  'phone',
  'email',
  'website',
  'bank_name',
  'rib',
  'logo_media_type',
  'default_contribution_rate',
  'default_payment_days',
  'invoice_number_template',
  'credit_note_number_template',
  'quote_number_template',
  'entrepreneurs_may_issue',
  'invoice_footer',
  'updated_at',
] as const;

/** The settings row, created with defaults the first time it is asked for. */
export async function getGieSettings(db: Kysely<Database>): Promise<GieSettings> {
  const row = await db.selectFrom('gie_settings').select(COLUMNS).executeTakeFirst();
  if (row) return toSettings(row);
  await db
    .insertInto('gie_settings')
    .values({ id: 1, name: DEFAULT_NAME })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return toSettings(await db.selectFrom('gie_settings').select(COLUMNS).executeTakeFirstOrThrow());
}

/** Number templates: literal text with {YYYY}, {YY}, {MM} and exactly one {SEQ:n} (n from 1 to 9). */
export function checkNumberTemplate(template: string): string | null {
  const seq = template.match(/\{SEQ:[1-9]\}/g) ?? [];
  if (seq.length !== 1) return 'expected exactly one {SEQ:n} placeholder, n from 1 to 9, e.g. FA-{YYYY}-{SEQ:5}';
  const unknown = template.replace(/\{(YYYY|YY|MM|SEQ:[1-9])\}/g, '').match(/[{}]/);
  if (unknown) return 'only {YYYY}, {YY}, {MM} and {SEQ:n} placeholders are allowed';
  if (!/\{YYYY\}|\{YY\}/.test(template)) return 'expected a year placeholder ({YYYY} or {YY}): numbering restarts each year';
  if (template.length > 40) return 'at most 40 characters';
  return null;
}

export async function updateGieSettings(db: Kysely<Database>, actor: Actor, changes: GieSettingsChanges): Promise<GieSettings> {
  if (!['admin', 'manager'].includes(actor.role)) {
    throw new DomainError('forbidden', `the GIE's identity is kept by the manager; you are signed in as ${actor.role}`);
  }
  const errors: FieldError[] = [];
  const next: GieSettingsChanges = { ...changes };
  const identifier = (key: 'ice' | 'ifNumber' | 'tpNumber' | 'cnssNumber' | 'rib', parse: (v: unknown, f: string) => string) => {
    const value = next[key];
    if (value === undefined || value === null) return;
    try {
      next[key] = parse(value, key);
    } catch (error) {
      errors.push({ path: key, message: (error as Error).message.replace(/^\w+: /, '') });
    }
  };
  identifier('ice', parseIce);
  identifier('ifNumber', parseIdentifiantFiscal);
  identifier('tpNumber', parseTpNumber);
  identifier('cnssNumber', parseCnssNumber);
  identifier('rib', parseRib);
  if (next.name !== undefined && !next.name.trim()) errors.push({ path: 'name', message: 'required' });
  if (next.defaultContributionRate !== undefined) {
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(next.defaultContributionRate) || Number(next.defaultContributionRate) > 100) {
      errors.push({
        path: 'defaultContributionRate',
        message: `expected a percentage from 0 to 100, received "${next.defaultContributionRate}"`,
      });
    }
  }
  if (
    next.defaultPaymentDays !== undefined &&
    (!Number.isInteger(next.defaultPaymentDays) || next.defaultPaymentDays < 0 || next.defaultPaymentDays > 60)
  ) {
    errors.push({
      path: 'defaultPaymentDays',
      message: `law 69-21: from 0 to 60 days without a specific agreement, received ${next.defaultPaymentDays}`,
    });
  }
  for (const key of ['invoiceNumberTemplate', 'creditNoteNumberTemplate', 'quoteNumberTemplate'] as const) {
    const template = next[key];
    const problem = template === undefined ? null : checkNumberTemplate(template);
    if (problem) errors.push({ path: key, message: problem });
  }
  if (next.invoiceNumberTemplate !== undefined && next.invoiceNumberTemplate === next.creditNoteNumberTemplate) {
    errors.push({ path: 'creditNoteNumberTemplate', message: 'must differ from the invoice template: they are two series' });
  }
  if (errors.length > 0) throw new DomainError('invalid', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

  return inTransaction(db, async (trx) => {
    const before = await getGieSettings(trx);
    await trx.selectFrom('gie_settings').select('id').forUpdate().execute();
    const set: Record<string, unknown> = { updated_at: new Date().toISOString() };
    const columnOf: Record<keyof GieSettingsChanges, string> = {
      name: 'name',
      legalForm: 'legal_form',
      ice: 'ice',
      ifNumber: 'if_number',
      rcNumber: 'rc_number',
      rcCourt: 'rc_court',
      tpNumber: 'tp_number',
      cnssNumber: 'cnss_number',
      address: 'address',
      city: 'city',
      phone: 'phone',
      email: 'email',
      website: 'website',
      bankName: 'bank_name',
      rib: 'rib',
      defaultContributionRate: 'default_contribution_rate',
      defaultPaymentDays: 'default_payment_days',
      invoiceNumberTemplate: 'invoice_number_template',
      creditNoteNumberTemplate: 'credit_note_number_template',
      quoteNumberTemplate: 'quote_number_template',
      entrepreneursMayIssue: 'entrepreneurs_may_issue',
      invoiceFooter: 'invoice_footer',
    };
    for (const [key, value] of Object.entries(next)) {
      const column = columnOf[key as keyof GieSettingsChanges];
      if (column && value !== undefined) set[column] = value;
    }
    await trx.updateTable('gie_settings').set(set).where('id', '=', 1).execute();
    const after = await getGieSettings(trx);
    await recordAudit(trx, { actorUserId: auditActorId(actor), action: 'gie.update', entity: 'gie', entityId: 1, before, after });
    return after;
  });
}

export async function setGieLogo(db: Kysely<Database>, actor: Actor, bytes: Uint8Array | null): Promise<void> {
  if (!['admin', 'manager'].includes(actor.role)) throw new DomainError('forbidden', "the GIE's identity is kept by the manager");
  const type = bytes === null ? null : checkLogo(bytes);
  await inTransaction(db, async (trx) => {
    await getGieSettings(trx);
    await trx
      .updateTable('gie_settings')
      .set({ logo: bytes, logo_media_type: type, updated_at: new Date().toISOString() })
      .where('id', '=', 1)
      .execute();
    await recordAudit(trx, {
      actorUserId: auditActorId(actor),
      action: bytes ? 'gie.logo.set' : 'gie.logo.remove',
      entity: 'gie',
      entityId: 1,
      after: bytes ? { mediaType: type, bytes: bytes.length } : null,
    });
  });
}

export async function getGieLogo(db: Kysely<Database>): Promise<{ bytes: Uint8Array; mediaType: ImageType } | null> {
  const row = await db.selectFrom('gie_settings').select(['logo', 'logo_media_type']).executeTakeFirst();
  if (!row?.logo || !row.logo_media_type) return null;
  return { bytes: row.logo, mediaType: row.logo_media_type as ImageType };
}
