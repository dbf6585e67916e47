// The observatory's statistics for a period, read from the registry, the issued invoices and credit notes, and
// the posted allocation runs; filtered by province, sector and area; hidden below three members for the observatory.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DomainError, type FieldError } from '../errors.ts';
import { Dec, toAmountString } from '../money/index.ts';
import type { Actor } from '../users/actor.ts';
import { groupRows, type IndicatorRow, indicatorRow, type MemberFacts, MINIMUM_GROUP } from './observatory-rules.ts';

export interface ObservatoryFilter {
  from: string;
  to: string;
  province?: string | null;
  sector?: string | null;
  area?: 'rural' | 'urban' | null;
}

export interface ReferenceName {
  code: string;
  fr: string;
  ar: string;
  en: string;
}

export interface ObservatoryStatistics {
  filter: Required<ObservatoryFilter>;
  /** Whether the small-cell rule applies to the reader (the observatory role). */
  restricted: boolean;
  minimumGroup: number;
  totals: IndicatorRow;
  byProvince: IndicatorRow[];
  bySector: IndicatorRow[];
  /** Names of the provinces and sectors the rows and filters use, in the three languages. */
  provinces: ReferenceName[];
  sectors: ReferenceName[];
}

const OBSERVATORY_READERS = ['admin', 'manager', 'accountant', 'observatory'];

export function assertObservatoryReader(actor: Actor): void {
  if (!OBSERVATORY_READERS.includes(actor.role)) {
    throw new DomainError(
      'forbidden',
      `the observatory is for the staff and the observatory; you are signed in as ${actor.role}`,
    );
  }
}

/** The observatory role sees groups only; the staff see every figure. */
export const isRestricted = (actor: Actor): boolean => actor.role === 'observatory';

/** Statuses of a member that is part of the GIE. */
const IN_GIE = ['admitted', 'active', 'suspended'];

/**
 * One fact row per member matching the filter. An admission is a move into the GIE (admitted, active or suspended)
 * from candidate or from no status (members created already in, by import or the demo), dated by its effective day.
 */
export async function memberFacts(db: Kysely<Database>, filter: ObservatoryFilter): Promise<MemberFacts[]> {
  const { from, to } = filter;
  const inGie = sql.join(IN_GIE.map((s) => sql`${s}`));
  const { rows } = await sql<{
    id: number;
    code: string | null;
    legal_name: string;
    province: string | null;
    sector: string | null;
    area: 'rural' | 'urban' | null;
    people_count: number | null;
    women_count: number | null;
    youth_count: number | null;
    jobs_count: number | null;
    status_at_end: string | null;
    admissions: string;
    revenue: string;
    contribution: string;
    pooled: string;
  }>`
    select m.id, m.code, m.legal_name, m.province, m.sector, m.area,
      m.people_count, m.women_count, m.youth_count, m.jobs_count,
      (select h.to_status from member_status_history h where h.member_id = m.id and h.effective_on <= ${to}
        order by h.effective_on desc, h.id desc limit 1) as status_at_end,
      (select count(*) from member_status_history h where h.member_id = m.id
        and h.effective_on between ${from} and ${to} and h.to_status in (${inGie})
        and (h.from_status is null or h.from_status = 'candidate')) as admissions,
      coalesce((select sum(case when d.kind = 'credit_note' then -d.total_ht else d.total_ht end) from sales_documents d
        where d.member_id = m.id and d.status = 'issued' and d.kind in ('invoice', 'credit_note')
          and d.issue_date between ${from} and ${to}), 0) as revenue,
      coalesce((select sum(case when d.kind = 'credit_note' then -coalesce(d.contribution, 0) else coalesce(d.contribution, 0) end)
        from sales_documents d
        where d.member_id = m.id and d.status = 'issued' and d.kind in ('invoice', 'credit_note')
          and d.issue_date between ${from} and ${to}), 0) as contribution,
      coalesce((select sum(l.amount) from pooling_run_lines l
        join pooling_run_services s on s.run_id = l.run_id and s.service_id = l.service_id
        join pooling_runs r on r.id = l.run_id
        where l.member_id = m.id and r.status = 'posted' and s.state = 'posted'
          and s.period_to between ${from} and ${to}), 0) as pooled
    from members m
    where (${filter.province ?? null}::text is null or m.province = ${filter.province ?? null})
      and (${filter.sector ?? null}::text is null or m.sector = ${filter.sector ?? null})
      and (${filter.area ?? null}::text is null or m.area = ${filter.area ?? null})
    order by m.code nulls last, m.id`.execute(db);
  return rows.map((r) => ({
    memberId: r.id,
    code: r.code,
    name: r.legal_name,
    province: r.province,
    sector: r.sector,
    area: r.area,
    inGie: r.status_at_end !== null && IN_GIE.includes(r.status_at_end),
    people: r.people_count ?? 0,
    women: r.women_count ?? 0,
    youth: r.youth_count ?? 0,
    jobs: r.jobs_count ?? 0,
    revenue: toAmountString(new Dec(r.revenue)),
    pooled: toAmountString(new Dec(r.pooled)),
    contribution: toAmountString(new Dec(r.contribution)),
    admissions: Number(r.admissions),
  }));
}

/** Refuses a filter that names no period, a reversed period, or a province or sector that does not exist. */
async function checkFilter(db: Kysely<Database>, filter: ObservatoryFilter): Promise<void> {
  const errors: FieldError[] = [];
  const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));
  if (!isDate(filter.from)) errors.push({ path: 'from', message: `expected a date YYYY-MM-DD, received "${filter.from}"` });
  if (!isDate(filter.to)) errors.push({ path: 'to', message: `expected a date YYYY-MM-DD, received "${filter.to}"` });
  if (errors.length === 0 && filter.from > filter.to) {
    errors.push({ path: 'to', message: `the period ends (${filter.to}) before it starts (${filter.from})` });
  }
  if (filter.province) {
    const found = await db.selectFrom('provinces').select('code').where('code', '=', filter.province).executeTakeFirst();
    if (!found) errors.push({ path: 'province', message: `no province "${filter.province}"` });
  }
  if (filter.sector) {
    const found = await db.selectFrom('sectors').select('code').where('code', '=', filter.sector).executeTakeFirst();
    if (!found) errors.push({ path: 'sector', message: `no sector "${filter.sector}"` });
  }
  if (errors.length > 0) throw new DomainError('invalid', 'the observatory filter is not valid', errors);
}

/** The indicators of a period, in total and per province and sector, as the reader may see them. */
export async function observatoryStatistics(
  db: Kysely<Database>,
  actor: Actor,
  filter: ObservatoryFilter,
): Promise<ObservatoryStatistics> {
  assertObservatoryReader(actor);
  await checkFilter(db, filter);
  const restricted = isRestricted(actor);
  const facts = await memberFacts(db, filter);
  const provinces = await db.selectFrom('provinces').select(['code', 'name_fr', 'name_ar', 'name_en']).orderBy('code').execute();
  const sectors = await db.selectFrom('sectors').select(['code', 'name_fr', 'name_ar', 'name_en']).orderBy('code').execute();
  const names = (r: { code: string; name_fr: string; name_ar: string; name_en: string }): ReferenceName => ({
    code: r.code,
    fr: r.name_fr,
    ar: r.name_ar,
    en: r.name_en,
  });
  return {
    filter: {
      from: filter.from,
      to: filter.to,
      province: filter.province ?? null,
      sector: filter.sector ?? null,
      area: filter.area ?? null,
    },
    restricted,
    minimumGroup: MINIMUM_GROUP,
    totals: indicatorRow(null, facts, restricted),
    byProvince: groupRows(facts, (f) => f.province, restricted),
    bySector: groupRows(facts, (f) => f.sector, restricted),
    provinces: provinces.map(names),
    sectors: sectors.map(names),
  };
}
