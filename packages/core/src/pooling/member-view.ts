// "What I pay for pooled services and why": a member's shares over a period, service by service, with the key,
// its weight against the total, the explanation line, the charge note, and the usage it recorded.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { Dec, toAmountString } from '../money/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertMemberVisible } from './access.ts';
import { checkPeriod, type PoolingPeriod } from './cost-pools.ts';

export interface MemberPoolingView {
  member: { id: number; code: string | null; name: string };
  from: string;
  to: string;
  lines: Array<{
    runId: number;
    periodFrom: string;
    periodTo: string;
    serviceId: number;
    serviceCode: string;
    serviceName: string;
    keyLabel: string;
    /** The service's whole cost for the run's period. */
    cost: string;
    weight: string;
    totalWeight: string;
    exact: string;
    amount: string;
    vat: string;
    explanation: string;
    chargeNote: { id: number; number: string } | null;
  }>;
  byService: Array<{ serviceCode: string; serviceName: string; amount: string; vat: string }>;
  usage: Array<{ serviceCode: string; serviceName: string; unit: string; quantity: string }>;
  totals: { amount: string; vat: string; total: string };
}

/** Posted, non-reversed runs whose period falls within [from, to]; an entrepreneur sees their own member only. */
export async function memberPoolingView(
  db: Kysely<Database>,
  actor: Actor,
  memberId: number,
  period: PoolingPeriod,
): Promise<MemberPoolingView> {
  assertMemberVisible(actor, memberId);
  checkPeriod(period);
  const member = await db
    .selectFrom('members')
    .select(['id', 'code', 'legal_name'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw notFound('member', memberId);
  const rows = await db
    .selectFrom('pooling_run_lines as l')
    .innerJoin('pooling_run_services as rs', (j) =>
      j.onRef('rs.run_id', '=', 'l.run_id').onRef('rs.service_id', '=', 'l.service_id'),
    )
    .innerJoin('pooled_services as s', 's.id', 'l.service_id')
    .leftJoin('pooling_charge_notes as n', (j) => j.onRef('n.run_id', '=', 'l.run_id').onRef('n.member_id', '=', 'l.member_id'))
    .select([
      'l.run_id',
      'rs.period_from',
      'rs.period_to',
      'l.service_id',
      's.code',
      's.name',
      'rs.basis',
      'rs.cost',
      'l.weight',
      'l.total_weight',
      'l.exact',
      'l.amount',
      'l.vat',
      'l.explanation',
      'n.id as note_id',
      'n.number as note_number',
    ])
    .where('l.member_id', '=', memberId)
    .where('rs.state', '=', 'posted')
    .where('rs.period_from', '>=', period.from)
    .where('rs.period_to', '<=', period.to)
    .orderBy('rs.period_from')
    .orderBy('s.code')
    .execute();
  const usage = await sql<{ code: string; name: string; unit: string; quantity: string }>`
    select s.code, s.name, s.unit, sum(u.quantity) as quantity from pooling_usage u join pooled_services s on s.id = u.service_id
    where u.member_id = ${memberId} and u.used_on between ${period.from} and ${period.to}
    group by s.code, s.name, s.unit order by s.code`.execute(db);
  const money = (v: Dec | string) => toAmountString(new Dec(v));
  const lines = rows.map((r) => ({
    runId: r.run_id,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    serviceId: r.service_id,
    serviceCode: r.code,
    serviceName: r.name,
    keyLabel: (r.basis as { keyLabel?: string }).keyLabel ?? '',
    cost: money(r.cost),
    weight: new Dec(r.weight).toFixed(),
    totalWeight: new Dec(r.total_weight).toFixed(),
    exact: new Dec(r.exact).toFixed(),
    amount: money(r.amount),
    vat: money(r.vat),
    explanation: r.explanation,
    chargeNote: r.note_id !== null && r.note_number !== null ? { id: r.note_id, number: r.note_number } : null,
  }));
  const services = [...new Set(lines.map((l) => l.serviceCode))];
  const sum = (items: typeof lines, key: 'amount' | 'vat') => items.reduce((acc, l) => acc.plus(l[key]), new Dec(0));
  const amount = sum(lines, 'amount');
  const vat = sum(lines, 'vat');
  return {
    member: { id: member.id, code: member.code, name: member.legal_name },
    from: period.from,
    to: period.to,
    lines,
    byService: services.map((code) => {
      const of = lines.filter((l) => l.serviceCode === code);
      return {
        serviceCode: code,
        serviceName: of[0]?.serviceName ?? code,
        amount: money(sum(of, 'amount')),
        vat: money(sum(of, 'vat')),
      };
    }),
    usage: usage.rows.map((u) => ({
      serviceCode: u.code,
      serviceName: u.name,
      unit: u.unit,
      quantity: new Dec(u.quantity).toFixed(),
    })),
    totals: { amount: money(amount), vat: money(vat), total: money(amount.plus(vat)) },
  };
}
