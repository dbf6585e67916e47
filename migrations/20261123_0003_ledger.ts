// The shared ledger (law 9-88, CGNC): chart of accounts, journals, fiscal years and periods, entries and lines,
// and the triggers by which PostgreSQL itself guards double entry, immutability, locked periods, gapless numbers.
// Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

/** [code, label, parent] — the CGNC accounts a GIE uses, classes 1 to 7 (DOMAIN section 4 and their parents). */
const CHART: ReadonlyArray<readonly [string, string, string | null]> = [
  ['1', 'Comptes de financement permanent', null],
  ['11', 'Capitaux propres', '1'],
  ['111', 'Capital social ou personnel', '11'],
  ['1111', 'Capital social', '111'],
  ['116', 'Report à nouveau', '11'],
  ['1161', 'Report à nouveau (solde créditeur)', '116'],
  ['1169', 'Report à nouveau (solde débiteur)', '116'],
  ['118', "Résultats nets en instance d'affectation", '11'],
  ['1181', "Résultats nets en instance d'affectation (solde créditeur)", '118'],
  ['1189', "Résultats nets en instance d'affectation (solde débiteur)", '118'],
  ['119', "Résultat net de l'exercice", '11'],
  ['1191', "Résultat net de l'exercice (solde créditeur)", '119'],
  ['1199', "Résultat net de l'exercice (solde débiteur)", '119'],
  ['14', 'Dettes de financement', '1'],
  ['148', 'Autres dettes de financement', '14'],
  ['1481', 'Emprunts auprès des établissements de crédit', '148'],
  ['2', "Comptes d'actif immobilisé", null],
  ['23', 'Immobilisations corporelles', '2'],
  ['2332', 'Matériel et outillage', '23'],
  ['2340', 'Matériel de transport', '23'],
  ['2351', 'Mobilier de bureau', '23'],
  ['2355', 'Matériel informatique', '23'],
  ['28', 'Amortissements des immobilisations', '2'],
  ['2833', 'Amortissements des installations techniques, matériel et outillage', '28'],
  ['2834', 'Amortissements du matériel de transport', '28'],
  ['3', "Comptes d'actif circulant (hors trésorerie)", null],
  ['34', "Créances de l'actif circulant", '3'],
  ['342', 'Clients et comptes rattachés', '34'],
  ['3421', 'Clients', '342'],
  ['3425', 'Clients - effets à recevoir', '342'],
  ['3427', 'Clients - factures à établir', '342'],
  ['345', 'État - débiteur', '34'],
  ['3455', 'État - TVA récupérable', '345'],
  ['34551', 'État - TVA récupérable sur immobilisations', '3455'],
  ['34552', 'État - TVA récupérable sur charges', '3455'],
  ['3456', 'État - crédit de TVA (suivant déclarations)', '345'],
  ['346', "Comptes d'associés - débiteurs", '34'],
  ['3463', 'Comptes courants des associés débiteurs', '346'],
  ['4', 'Comptes de passif circulant (hors trésorerie)', null],
  ['44', 'Dettes du passif circulant', '4'],
  ['441', 'Fournisseurs et comptes rattachés', '44'],
  ['4411', 'Fournisseurs', '441'],
  ['4415', 'Fournisseurs - effets à payer', '441'],
  ['443', 'Personnel - créditeur', '44'],
  ['4432', 'Rémunérations dues au personnel', '443'],
  ['444', 'Organismes sociaux', '44'],
  ['4441', 'Caisse nationale de sécurité sociale', '444'],
  ['445', 'État - créditeur', '44'],
  ['4452', 'État - impôts, taxes et assimilés', '445'],
  ['4455', 'État - TVA facturée', '445'],
  ['4456', 'État - TVA due (suivant déclarations)', '445'],
  ['446', "Comptes d'associés - créditeurs", '44'],
  ['4463', 'Comptes courants des associés créditeurs', '446'],
  ['4464', 'Associés - opérations faites en commun', '446'],
  ['448', 'Autres créanciers', '44'],
  ['4481', "Dettes sur acquisitions d'immobilisations", '448'],
  ['5', 'Comptes de trésorerie', null],
  ['51', 'Trésorerie - actif', '5'],
  ['514', 'Banques, TG et CCP', '51'],
  ['5141', 'Banques (soldes débiteurs)', '514'],
  ['516', 'Caisses', '51'],
  ['5161', 'Caisse', '516'],
  ['6', 'Comptes de charges', null],
  ['61', "Charges d'exploitation", '6'],
  ['611', 'Achats revendus de marchandises', '61'],
  ['6111', 'Achats de marchandises', '611'],
  ['612', 'Achats consommés de matières et fournitures', '61'],
  ['6125', 'Achats non stockés de matières et fournitures', '612'],
  ['613', 'Autres charges externes', '61'],
  ['6131', 'Locations et charges locatives', '613'],
  ['61312', 'Location de constructions', '6131'],
  ['6133', 'Entretien et réparations', '613'],
  ['6134', "Primes d'assurances", '613'],
  ['6136', "Rémunérations d'intermédiaires et honoraires", '613'],
  ['61365', 'Honoraires', '6136'],
  ['614', 'Autres charges externes (suite)', '61'],
  ['6142', 'Transports', '614'],
  ['61428', 'Autres transports', '6142'],
  ['6143', 'Déplacements, missions et réceptions', '614'],
  ['6144', 'Publicité, publications et relations publiques', '614'],
  ['61443', 'Foires et expositions', '6144'],
  ['6145', 'Frais postaux et frais de télécommunications', '614'],
  ['6147', 'Services bancaires', '614'],
  ['616', 'Impôts et taxes', '61'],
  ['617', 'Charges de personnel', '61'],
  ['6171', 'Rémunérations du personnel', '617'],
  ['6174', 'Charges sociales', '617'],
  ['618', "Autres charges d'exploitation", '61'],
  ['6186', 'Transfert de profits sur opérations faites en commun', '618'],
  ['619', "Dotations d'exploitation", '61'],
  ['6193', "Dotations d'exploitation aux amortissements des immobilisations corporelles", '619'],
  ['63', 'Charges financières', '6'],
  ['631', "Charges d'intérêts", '63'],
  ['6311', 'Intérêts des emprunts et dettes', '631'],
  ['67', 'Impôts sur les résultats', '6'],
  ['670', 'Impôts sur les bénéfices', '67'],
  ['7', 'Comptes de produits', null],
  ['71', "Produits d'exploitation", '7'],
  ['711', 'Ventes de marchandises', '71'],
  ['7111', 'Ventes de marchandises au Maroc', '711'],
  ['712', 'Ventes de biens et services produits', '71'],
  ['7121', 'Ventes de biens produits au Maroc', '712'],
  ['7124', 'Ventes de services produits au Maroc', '712'],
  ['718', "Autres produits d'exploitation", '71'],
  ['7186', 'Transfert de pertes sur opérations faites en commun', '718'],
  ['719', "Reprises d'exploitation ; transferts de charges", '71'],
  ['7197', "Transferts de charges d'exploitation", '719'],
  ['73', 'Produits financiers', '7'],
  ['738', 'Intérêts et autres produits financiers', '73'],
];

const literal = (text: string | null) => (text === null ? 'null' : `'${text.replace(/'/g, "''")}'`);

const UP = [
  `create table accounts (
    code text primary key check (code ~ '^[1-8][0-9]{0,7}(-[A-Z0-9][A-Z0-9-]{0,19})?$'),
    label text not null check (length(trim(label)) > 0),
    parent_code text references accounts (code),
    member_id integer unique references members (id),
    active boolean not null default true,
    created_at timestamptz not null default now(),
    -- a sub-account starts with its parent's code: 61312 under 6131, 4464-M01 under 4464
    constraint accounts_under_parent check (parent_code is null or code like parent_code || '%')
  )`,
  `insert into accounts (code, label, parent_code) values ${CHART.map(([c, l, p]) => `(${literal(c)}, ${literal(l)}, ${literal(p)})`).join(', ')}`,

  // The posting scheme: which account plays which role. The accountant changes it without code.
  `create table posting_accounts (
    role text primary key check (role ~ '^[a-z][a-z0-9_.]{1,60}$'),
    account_code text not null references accounts (code),
    description text not null
  )`,
  `insert into posting_accounts (role, account_code, description) values
    ('members.current_account', '4464', 'Parent of each member''s account (associés, opérations faites en commun)'),
    ('sales.receivable', '3421', 'Customer receivable'),
    ('sales.vat', '4455', 'VAT invoiced'),
    ('sales.services', '7124', 'Sales of services'),
    ('sales.goods', '7111', 'Sales of goods'),
    ('sales.member_share', '6186', 'Member''s share of an invoice (transfer of profits on joint operations)'),
    ('purchases.payable', '4411', 'Supplier payable'),
    ('purchases.vat', '34552', 'Recoverable VAT on expenses'),
    ('treasury.bank', '5141', 'Bank'),
    ('treasury.cash', '5161', 'Cash'),
    ('pooling.cost_transfer', '7197', 'Pooled costs charged to members (transfers of operating expenses)'),
    ('year_end.profit_transfer', '6186', 'Year-end profit transferred to members'),
    ('year_end.loss_transfer', '7186', 'Year-end loss transferred to members'),
    ('year_end.result', '1181', 'Result awaiting allocation, carried forward'),
    ('year_end.retained_earnings', '1161', 'Retained earnings (report à nouveau)')`,

  `create table journals (
    code text primary key check (code ~ '^[A-Z][A-Z0-9]{1,7}$'),
    label text not null,
    kind text not null check (kind in ('sales', 'purchases', 'bank', 'cash', 'misc', 'opening')),
    account_code text references accounts (code),
    active boolean not null default true,
    constraint journals_treasury_account check ((kind in ('bank', 'cash')) = (account_code is not null))
  )`,
  `insert into journals (code, label, kind, account_code) values
    ('VT', 'Ventes', 'sales', null),
    ('AC', 'Achats', 'purchases', null),
    ('BQ1', 'Banque', 'bank', '5141'),
    ('CA', 'Caisse', 'cash', '5161'),
    ('OD', 'Opérations diverses', 'misc', null),
    ('AN', 'À nouveau', 'opening', null)`,

  `create table fiscal_years (
    id integer generated always as identity primary key,
    starts_on date not null unique,
    ends_on date not null,
    state text not null default 'open' check (state in ('open', 'closed')),
    closed_at timestamptz,
    constraint fiscal_years_twelve_months check (ends_on = (starts_on + interval '1 year' - interval '1 day')::date)
  )`,
  `create table periods (
    id integer generated always as identity primary key,
    fiscal_year_id integer not null references fiscal_years (id),
    starts_on date not null unique,
    ends_on date not null,
    state text not null default 'open' check (state in ('open', 'locked', 'closed')),
    constraint periods_one_month check (ends_on = (starts_on + interval '1 month' - interval '1 day')::date)
  )`,
  `create index periods_year_idx on periods (fiscal_year_id)`,

  `create table entries (
    id integer generated always as identity primary key,
    journal_code text not null references journals (code),
    fiscal_year_id integer not null references fiscal_years (id),
    period_id integer not null references periods (id),
    entry_date date not null,
    number integer,
    label text not null check (length(trim(label)) > 0),
    source_ref text,
    status text not null default 'draft' check (status in ('draft', 'posted')),
    reverses_entry_id integer unique references entries (id),
    idempotency_key text unique,
    request_hash text,
    created_by integer references users (id),
    posted_by integer references users (id),
    created_at timestamptz not null default now(),
    posted_at timestamptz,
    constraint entries_number_when_posted check ((status = 'posted') = (number is not null)),
    constraint entries_number_unique unique (journal_code, fiscal_year_id, number),
    constraint entries_not_self_reversal check (reverses_entry_id <> id)
  )`,
  `create index entries_date_idx on entries (entry_date)`,
  `create index entries_period_idx on entries (period_id, status)`,

  `create table entry_lines (
    id bigint generated always as identity primary key,
    entry_id integer not null references entries (id) on delete cascade,
    line_no smallint not null check (line_no > 0),
    account_code text not null references accounts (code),
    label text,
    debit numeric(15, 2) not null default 0 check (debit >= 0),
    credit numeric(15, 2) not null default 0 check (credit >= 0),
    member_id integer references members (id),
    service_code text,
    party_id integer references parties (id),
    -- exactly one of debit and credit is positive
    constraint entry_lines_one_side check ((debit > 0) <> (credit > 0)),
    constraint entry_lines_number_unique unique (entry_id, line_no)
  )`,
  `create index entry_lines_account_idx on entry_lines (account_code)`,
  `create index entry_lines_member_idx on entry_lines (member_id) where member_id is not null`,
  `create index entry_lines_service_idx on entry_lines (service_code) where service_code is not null`,
  `create index entry_lines_party_idx on entry_lines (party_id) where party_id is not null`,

  `create table journal_counters (
    journal_code text not null references journals (code),
    fiscal_year_id integer not null references fiscal_years (id),
    last_number integer not null check (last_number > 0),
    primary key (journal_code, fiscal_year_id)
  )`,

  // Posted movements per account and period, kept by the posting trigger so reports need not rescan every line.
  `create table account_balances (
    account_code text not null references accounts (code),
    period_id integer not null references periods (id),
    debit numeric(17, 2) not null default 0,
    credit numeric(17, 2) not null default 0,
    primary key (account_code, period_id)
  )`,

  // Entries: period from the date, number at posting, immutability once posted.
  `create function entries_before_write() returns trigger language plpgsql as $$
  declare
    found_period periods%rowtype;
    reversed entries%rowtype;
  begin
    if tg_op = 'UPDATE' and old.status = 'posted' then
      raise exception 'entry % is posted: it cannot be changed; reverse it instead', old.id using errcode = '55000';
    end if;
    select * into found_period from periods where new.entry_date between starts_on and ends_on;
    if not found then
      raise exception 'no accounting period contains %', new.entry_date using errcode = '23514';
    end if;
    new.period_id := found_period.id;
    new.fiscal_year_id := found_period.fiscal_year_id;
    if new.status = 'draft' then
      new.number := null;
      return new;
    end if;
    if found_period.state <> 'open' then
      raise exception 'the period of % is %: nothing can be posted in it', new.entry_date, found_period.state using errcode = '55000';
    end if;
    if new.reverses_entry_id is not null then
      select * into reversed from entries where id = new.reverses_entry_id;
      if not found or reversed.status <> 'posted' then
        raise exception 'entry % is not a posted entry: there is nothing to reverse', new.reverses_entry_id using errcode = '55000';
      end if;
      if reversed.reverses_entry_id is not null then
        raise exception 'entry % is itself a reversal: a reversal cannot be reversed', reversed.id using errcode = '55000';
      end if;
    end if;
    -- gapless per journal and year: the counter row is locked until this transaction ends
    insert into journal_counters as c (journal_code, fiscal_year_id, last_number)
      values (new.journal_code, new.fiscal_year_id, 1)
      on conflict (journal_code, fiscal_year_id) do update set last_number = c.last_number + 1
      returning c.last_number into new.number;
    new.posted_at := now();
    return new;
  end $$`,
  `create trigger entries_before_write before insert or update on entries
    for each row execute function entries_before_write()`,

  `create function entries_before_delete() returns trigger language plpgsql as $$
  begin
    if old.status = 'posted' then
      raise exception 'entry % is posted: it cannot be deleted; reverse it instead', old.id using errcode = '55000';
    end if;
    return old;
  end $$`,
  `create trigger entries_before_delete before delete on entries
    for each row execute function entries_before_delete()`,

  `create function entry_lines_guard() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') and exists (select from entries where id = old.entry_id and status = 'posted') then
      raise exception 'the lines of posted entry % cannot be changed', old.entry_id using errcode = '55000';
    end if;
    if tg_op in ('INSERT', 'UPDATE') and exists (select from entries where id = new.entry_id and status = 'posted') then
      raise exception 'posted entry % cannot get new lines', new.entry_id using errcode = '55000';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end $$`,
  `create trigger entry_lines_guard before insert or update or delete on entry_lines
    for each row execute function entry_lines_guard()`,

  // At commit: every posted entry has at least two lines and balances.
  `create function entries_check_balanced() returns trigger language plpgsql as $$
  declare
    total_debit numeric;
    total_credit numeric;
    line_count integer;
  begin
    if new.status <> 'posted' then return null; end if;
    select coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) into total_debit, total_credit, line_count
      from entry_lines where entry_id = new.id;
    if line_count < 2 then
      raise exception 'entry % has % line(s): a posted entry needs at least two', new.id, line_count using errcode = '23514';
    end if;
    if total_debit <> total_credit then
      raise exception 'entry % does not balance: debit % ≠ credit %', new.id, total_debit, total_credit using errcode = '23514';
    end if;
    return null;
  end $$`,
  `create constraint trigger entries_balanced after insert or update on entries
    deferrable initially deferred for each row execute function entries_check_balanced()`,

  `create function entries_after_post() returns trigger language plpgsql as $$
  begin
    if new.status = 'posted' and (tg_op = 'INSERT' or old.status = 'draft') then
      insert into account_balances as b (account_code, period_id, debit, credit)
        select account_code, new.period_id, sum(debit), sum(credit) from entry_lines where entry_id = new.id group by account_code
        on conflict (account_code, period_id) do update set debit = b.debit + excluded.debit, credit = b.credit + excluded.credit;
    end if;
    return null;
  end $$`,
  `create trigger entries_after_post after insert or update on entries
    for each row execute function entries_after_post()`,

  `create function account_balances_guard() returns trigger language plpgsql as $$
  begin
    if pg_trigger_depth() < 2 then
      raise exception 'account balances are kept by posting only' using errcode = '55000';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end $$`,
  `create trigger account_balances_guard before insert or update or delete on account_balances
    for each row execute function account_balances_guard()`,

  // Periods: locked can reopen; closed is final. Years likewise.
  `create function periods_guard() returns trigger language plpgsql as $$
  begin
    if old.state = 'closed' and new.state <> 'closed' then
      raise exception 'period % is closed: it cannot be reopened', old.starts_on using errcode = '55000';
    end if;
    if new.starts_on <> old.starts_on or new.ends_on <> old.ends_on or new.fiscal_year_id <> old.fiscal_year_id then
      raise exception 'a period''s dates cannot change' using errcode = '55000';
    end if;
    return new;
  end $$`,
  `create trigger periods_guard before update on periods for each row execute function periods_guard()`,
  `create function fiscal_years_guard() returns trigger language plpgsql as $$
  begin
    if old.state = 'closed' and new.state <> 'closed' then
      raise exception 'fiscal year % is closed: it cannot be reopened', old.starts_on using errcode = '55000';
    end if;
    return new;
  end $$`,
  `create trigger fiscal_years_guard before update on fiscal_years for each row execute function fiscal_years_guard()`,

  // Each admitted member has its own sub-account of the members' current account (4464 by default).
  `create function members_account() returns trigger language plpgsql as $$
  declare
    parent text;
  begin
    if new.code is null then return null; end if;
    select account_code into parent from posting_accounts where role = 'members.current_account';
    insert into accounts (code, label, parent_code, member_id)
      values (parent || '-' || new.code, left('Associé ' || new.code || ' - ' || new.legal_name, 200), parent, new.id)
      on conflict do nothing;
    return null;
  end $$`,
  `create trigger members_account after insert or update of code on members
    for each row execute function members_account()`,
  `insert into accounts (code, label, parent_code, member_id)
    select '4464-' || code, left('Associé ' || code || ' - ' || legal_name, 200), '4464', id from members where code is not null`,
  `comment on table accounts is 'gie:reference'`,
  `comment on table posting_accounts is 'gie:reference'`,
  `comment on table journals is 'gie:reference'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop trigger members_account on members',
    'drop function members_account()',
    'drop table account_balances',
    'drop table journal_counters',
    'drop table entry_lines',
    'drop table entries',
    'drop function entries_before_write()',
    'drop function entries_before_delete()',
    'drop function entry_lines_guard()',
    'drop function entries_check_balanced()',
    'drop function entries_after_post()',
    'drop function account_balances_guard()',
    'drop table periods',
    'drop function periods_guard()',
    'drop table fiscal_years',
    'drop function fiscal_years_guard()',
    'drop table journals',
    'drop table posting_accounts',
    'drop table accounts',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
