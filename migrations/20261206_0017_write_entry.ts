// Posting in one round trip: the references of a posting are checked, its entry and lines written, posted (the
// triggers number it, check its period and keep the balances) and audited by one database function, so that the
// journal's gapless counter and the audit chain's head are held for the time of one statement and a commit, not
// for ten round trips. Frozen: never edit once landed.
import { type Kysely, sql } from 'kysely';

const UP = [
  // a JSON number that is a whole integer in range, else null (so a bad id is "does not exist", never a crash)
  `create function json_integer(value jsonb) returns integer language sql immutable as $$
    select case
      when jsonb_typeof(value) = 'number' and (value #>> '{}')::numeric = trunc((value #>> '{}')::numeric)
        and (value #>> '{}')::numeric between -2147483648 and 2147483647
      then (value #>> '{}')::numeric::integer
    end
  $$`,

  // What the database would refuse with a less helpful message, as [{path, message}] in the order of the lines:
  // unknown or inactive journal and accounts, members and third parties that do not exist.
  `create function posting_problems(posting jsonb) returns jsonb language sql stable as $$
    select coalesce(jsonb_agg(jsonb_build_object('path', p.path, 'message', p.message) order by p.line, p.kind), '[]'::jsonb)
    from (
      select -1 as line, 0 as kind, 'journal' as path,
        case when j.code is null then format('unknown journal "%s"', posting ->> 'journal')
          else format('journal %s is inactive', j.code) end as message
      from (select posting ->> 'journal' as code) asked
      left join journals j on j.code = asked.code
      where j.code is null or not j.active
      union all
      select l.n, 1, format('lines.%s.account', l.n - 1),
        case when a.code is null then format('unknown account "%s"', l.line ->> 'account')
          else format('account %s is inactive', a.code) end
      from jsonb_array_elements(posting -> 'lines') with ordinality as l(line, n)
      left join accounts a on a.code = l.line ->> 'account'
      where a.code is null or not a.active
      union all
      select l.n, 2, format('lines.%s.memberId', l.n - 1), format('member %s does not exist', l.line -> 'memberId')
      from jsonb_array_elements(posting -> 'lines') with ordinality as l(line, n)
      where jsonb_typeof(l.line -> 'memberId') = 'number'
        and not exists (select from members m where m.id = json_integer(l.line -> 'memberId'))
      union all
      select l.n, 3, format('lines.%s.partyId', l.n - 1), format('third party %s does not exist', l.line -> 'partyId')
      from jsonb_array_elements(posting -> 'lines') with ordinality as l(line, n)
      where jsonb_typeof(l.line -> 'partyId') = 'number'
        and not exists (select from parties t where t.id = json_integer(l.line -> 'partyId'))
    ) p
  $$`,

  // Writes one entry: {problems} when a reference is wrong (nothing written), else {entry, lines, totals}.
  `create function write_entry(posting jsonb, as_draft boolean, reverses integer, key text, hash text, actor integer,
    action text) returns jsonb language plpgsql as $$
  declare
    problems jsonb := posting_problems(posting);
    e entries%rowtype;
    year_start date;
    reference text;
    lines jsonb;
    total_debit numeric;
    total_credit numeric;
  begin
    if jsonb_array_length(problems) > 0 then
      return jsonb_build_object('problems', problems);
    end if;
    insert into entries (journal_code, entry_date, label, source_ref, status, reverses_entry_id, idempotency_key,
        request_hash, created_by)
      values (posting ->> 'journal', (posting ->> 'date')::date, posting ->> 'label', posting ->> 'sourceRef', 'draft',
        reverses, key, hash, actor)
      returning * into e;
    insert into entry_lines (entry_id, line_no, account_code, label, debit, credit, member_id, service_code, party_id)
      select e.id, l.n, l.line ->> 'account', l.line ->> 'label',
        coalesce(nullif(l.line ->> 'debit', ''), '0')::numeric, coalesce(nullif(l.line ->> 'credit', ''), '0')::numeric,
        json_integer(l.line -> 'memberId'), l.line ->> 'service', json_integer(l.line -> 'partyId')
      from jsonb_array_elements(posting -> 'lines') with ordinality as l(line, n);
    if not as_draft then
      update entries set status = 'posted', posted_by = actor where id = e.id returning * into e;
    end if;
    select starts_on into year_start from fiscal_years where id = e.fiscal_year_id;
    reference := case when e.number is null then 'BROUILLON-' || e.id
      else e.journal_code || '-' || to_char(year_start, 'YYYY') || '-' || lpad(e.number::text, greatest(5, length(e.number::text)), '0') end;
    select jsonb_agg(jsonb_build_object('lineNo', l.line_no, 'account', l.account_code, 'accountLabel', a.label,
        'label', l.label, 'debit', l.debit::text, 'credit', l.credit::text, 'memberId', l.member_id,
        'service', l.service_code, 'partyId', l.party_id) order by l.line_no),
      sum(l.debit), sum(l.credit)
      into lines, total_debit, total_credit
      from entry_lines l join accounts a on a.code = l.account_code where l.entry_id = e.id;
    insert into audit_log (actor_user_id, action, entity, entity_id, after)
      values (actor, action, 'entry', e.id::text, jsonb_build_object('reference', reference, 'date', e.entry_date,
        'totals', jsonb_build_object('debit', total_debit::text, 'credit', total_credit::text), 'sourceRef', e.source_ref));
    return jsonb_build_object('entry', to_jsonb(e), 'yearStart', year_start, 'reference', reference, 'lines', lines,
      'totals', jsonb_build_object('debit', total_debit::text, 'credit', total_credit::text));
  end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop function write_entry(jsonb, boolean, integer, text, text, integer, text)').execute(db);
  await sql.raw('drop function posting_problems(jsonb)').execute(db);
  await sql.raw('drop function json_integer(jsonb)').execute(db);
}
