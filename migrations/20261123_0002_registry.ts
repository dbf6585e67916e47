// The registry: members in full (identity, people, bank, lifecycle history), their entrepreneurs, the GIE's own
// identity and settings, reference lists (provinces, sectors), and the third parties (customers and suppliers).
// Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

const UP = [
  `create table provinces (
    code text primary key check (code ~ '^[a-z0-9-]{2,40}$'),
    region text not null,
    name_fr text not null,
    name_ar text not null,
    name_en text not null
  )`,
  `insert into provinces (code, region, name_fr, name_ar, name_en) values
    ('tanger-assilah', 'tanger-tetouan-al-hoceima', 'Tanger-Assilah', 'طنجة أصيلة', 'Tangier-Assilah'),
    ('mdiq-fnideq', 'tanger-tetouan-al-hoceima', 'M''diq-Fnideq', 'المضيق الفنيدق', 'M''diq-Fnideq'),
    ('tetouan', 'tanger-tetouan-al-hoceima', 'Tétouan', 'تطوان', 'Tetouan'),
    ('fahs-anjra', 'tanger-tetouan-al-hoceima', 'Fahs-Anjra', 'الفحص أنجرة', 'Fahs-Anjra'),
    ('larache', 'tanger-tetouan-al-hoceima', 'Larache', 'العرائش', 'Larache'),
    ('al-hoceima', 'tanger-tetouan-al-hoceima', 'Al Hoceima', 'الحسيمة', 'Al Hoceima'),
    ('chefchaouen', 'tanger-tetouan-al-hoceima', 'Chefchaouen', 'شفشاون', 'Chefchaouen'),
    ('ouezzane', 'tanger-tetouan-al-hoceima', 'Ouezzane', 'وزان', 'Ouezzane')`,
  // Reference data the migrations own: test resets keep it (backups still carry it).
  `comment on table provinces is 'gie:reference'`,
  `create table sectors (
    code text primary key check (code ~ '^[a-z_]{2,40}$'),
    name_fr text not null,
    name_ar text not null,
    name_en text not null
  )`,
  `insert into sectors (code, name_fr, name_ar, name_en) values
    ('agriculture', 'Agriculture', 'الفلاحة', 'Agriculture'),
    ('crafts', 'Artisanat', 'الصناعة التقليدية', 'Crafts'),
    ('fishing', 'Pêche', 'الصيد البحري', 'Fishing'),
    ('food_processing', 'Agroalimentaire', 'الصناعات الغذائية', 'Food processing'),
    ('services', 'Services', 'الخدمات', 'Services'),
    ('tourism', 'Tourisme', 'السياحة', 'Tourism'),
    ('trade', 'Commerce', 'التجارة', 'Trade'),
    ('other', 'Autre', 'أخرى', 'Other')`,
  `comment on table sectors is 'gie:reference'`,

  // Candidates have no analytic code yet: admission gives it.
  `alter table members alter column code drop not null`,
  `alter table members
    add column kind text not null default 'cooperative' check (kind in ('cooperative', 'ess_organisation', 'entrepreneur')),
    add column trade_name text,
    add column legal_form text not null default 'cooperative'
      check (legal_form in ('cooperative', 'union_of_cooperatives', 'association', 'auto_entrepreneur',
                            'individual_enterprise', 'sarl', 'sarlau', 'other')),
    add column registration_number text check (registration_number ~ '^[A-Za-z0-9/ .-]{1,30}$'),
    add column registration_place text,
    add column ice text check (ice ~ '^[0-9]{15}$'),
    add column if_number text check (if_number ~ '^[0-9]{6,8}$'),
    add column tp_number text check (tp_number ~ '^[0-9]{8}$'),
    add column cnss_number text check (cnss_number ~ '^[0-9]{7,9}$'),
    add column address text,
    add column province text references provinces (code),
    add column commune text,
    add column area text check (area in ('rural', 'urban')),
    add column sector text references sectors (code),
    add column activities text,
    add column founded_on date,
    add column people_count integer check (people_count >= 0),
    add column women_count integer check (women_count >= 0),
    add column youth_count integer check (youth_count >= 0),
    add column jobs_count integer check (jobs_count >= 0),
    add column capital numeric(15, 2) check (capital >= 0),
    add column contact_name text,
    add column contact_phone text,
    add column contact_email text,
    add column bank_name text,
    add column rib text check (rib ~ '^[0-9]{24}$'),
    add column logo bytea check (octet_length(logo) <= 524288),
    add column logo_media_type text check (logo_media_type in ('image/png', 'image/jpeg')),
    add column contribution_rate numeric(5, 2) check (contribution_rate >= 0 and contribution_rate <= 100),
    add column rights_share numeric(12, 4) not null default 0 check (rights_share >= 0),
    add column admitted_on date,
    add column updated_at timestamptz not null default now(),
    add constraint members_people_counts check (women_count <= people_count and youth_count <= people_count),
    add constraint members_logo_type check ((logo is null) = (logo_media_type is null)),
    add constraint members_code_once_admitted check (status = 'candidate' or code is not null)`,
  `create unique index members_ice_key on members (ice)`,
  `create index members_legal_name_idx on members (lower(legal_name))`,
  `create index members_status_idx on members (status)`,

  `create table member_status_history (
    id integer generated always as identity primary key,
    member_id integer not null references members (id),
    from_status text,
    to_status text not null,
    effective_on date not null,
    reason text,
    forced boolean not null default false,
    actor_user_id integer references users (id),
    at timestamptz not null default now()
  )`,
  `create index member_status_history_member_idx on member_status_history (member_id, id)`,

  `create table entrepreneurs (
    id integer generated always as identity primary key,
    member_id integer not null references members (id),
    first_name text not null check (length(trim(first_name)) > 0),
    last_name text not null check (length(trim(last_name)) > 0),
    cin text check (cin ~ '^[A-Z]{1,2}[0-9]{1,6}$'),
    phone text,
    email text,
    user_id integer unique references users (id),
    active boolean not null default true,
    created_at timestamptz not null default now()
  )`,
  `create index entrepreneurs_member_idx on entrepreneurs (member_id)`,

  // One row: the GIE's identity, printed on every document, and its settings.
  `create table gie_settings (
    id integer primary key default 1 check (id = 1),
    name text not null,
    legal_form text not null default 'GIE',
    ice text check (ice ~ '^[0-9]{15}$'),
    if_number text check (if_number ~ '^[0-9]{6,8}$'),
    rc_number text,
    rc_court text,
    tp_number text check (tp_number ~ '^[0-9]{8}$'),
    cnss_number text check (cnss_number ~ '^[0-9]{7,9}$'),
    address text,
    city text,
    phone text,
    email text,
    website text,
    bank_name text,
    rib text check (rib ~ '^[0-9]{24}$'),
    logo bytea check (octet_length(logo) <= 524288),
    logo_media_type text check (logo_media_type in ('image/png', 'image/jpeg')),
    default_contribution_rate numeric(5, 2) not null default 8 check (default_contribution_rate between 0 and 100),
    default_payment_days integer not null default 60 check (default_payment_days between 0 and 60),
    invoice_number_template text not null default 'FA-{YYYY}-{SEQ:5}',
    credit_note_number_template text not null default 'AV-{YYYY}-{SEQ:5}',
    entrepreneurs_may_issue boolean not null default false,
    invoice_footer text,
    updated_at timestamptz not null default now(),
    constraint gie_settings_logo_type check ((logo is null) = (logo_media_type is null))
  )`,

  `create table parties (
    id integer generated always as identity primary key,
    kind text not null check (kind in ('company', 'individual')),
    is_customer boolean not null default true,
    is_supplier boolean not null default false,
    name text not null check (length(trim(name)) > 0),
    name_key text not null,
    ice text check (ice ~ '^[0-9]{15}$'),
    if_number text check (if_number ~ '^[0-9]{6,8}$'),
    rc_number text,
    country text not null default 'MA' check (country ~ '^[A-Z]{2}$'),
    address text,
    city text,
    postal_code text,
    email text,
    phone text,
    -- law 69-21: 60 days unless agreed, and never beyond 120
    payment_days integer not null default 60 check (payment_days between 0 and 120),
    payment_terms_agreement text,
    vat_exemption_basis text,
    notes text,
    merged_into_id integer references parties (id),
    active boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint parties_role check (is_customer or is_supplier),
    constraint parties_agreed_terms check (payment_days <= 60 or payment_terms_agreement is not null),
    constraint parties_not_merged_into_self check (merged_into_id <> id)
  )`,
  `create unique index parties_ice_key on parties (ice) where merged_into_id is null`,
  `create index parties_name_key_idx on parties (name_key)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table parties',
    'drop table gie_settings',
    'drop table entrepreneurs',
    'drop table member_status_history',
    'drop index members_ice_key',
    'drop index members_legal_name_idx',
    'drop index members_status_idx',
    `alter table members
      drop constraint members_people_counts, drop constraint members_logo_type, drop constraint members_code_once_admitted,
      drop column kind, drop column trade_name, drop column legal_form, drop column registration_number,
      drop column registration_place, drop column ice, drop column if_number, drop column tp_number,
      drop column cnss_number, drop column address, drop column province, drop column commune, drop column area,
      drop column sector, drop column activities, drop column founded_on, drop column people_count,
      drop column women_count, drop column youth_count, drop column jobs_count, drop column capital,
      drop column contact_name, drop column contact_phone, drop column contact_email, drop column bank_name,
      drop column rib, drop column logo, drop column logo_media_type, drop column contribution_rate,
      drop column rights_share, drop column admitted_on, drop column updated_at`,
    `update members set code = 'C' || id where code is null`,
    'alter table members alter column code set not null',
    'drop table sectors',
    'drop table provinces',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
