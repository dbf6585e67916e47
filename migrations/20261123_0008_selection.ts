// The selection committee: criteria grids, calls for applications with their frozen grid and committee,
// applications with attachments, conflicts of interest, scores, deliberation sessions with minutes, sponsorships,
// and the public form's abuse log. Frozen: never edit once landed; change the schema with a new migration.
import { type Kysely, sql } from 'kysely';

const UP = [
  `create table selection_grids (
    id integer generated always as identity primary key,
    name text not null check (length(trim(name)) between 1 and 200),
    description text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create table selection_grid_criteria (
    id integer generated always as identity primary key,
    grid_id integer not null references selection_grids (id) on delete cascade,
    position integer not null check (position >= 1),
    label text not null check (length(trim(label)) between 1 and 200),
    description text,
    weight numeric(5, 2) not null check (weight > 0 and weight <= 100),
    scale_min integer not null check (scale_min >= 0),
    scale_max integer not null check (scale_max > scale_min and scale_max <= 100),
    unique (grid_id, position)
  )`,

  `create table selection_calls (
    id integer generated always as identity primary key,
    title text not null check (length(trim(title)) between 1 and 200),
    description text not null default '',
    opens_on date not null,
    closes_on date not null,
    grid_id integer references selection_grids (id),
    eligibility_items jsonb not null default '[]' check (jsonb_typeof(eligibility_items) = 'array'),
    threshold numeric(5, 2) not null check (threshold >= 0 and threshold <= 100),
    places integer not null check (places between 1 and 1000),
    quorum integer check (quorum >= 1),
    status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
    scoring_started_at timestamptz,
    scoring_closed_at timestamptz,
    scoring_closed_by integer references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint selection_calls_dates check (closes_on >= opens_on),
    constraint selection_calls_closed_by check ((scoring_closed_at is null) = (scoring_closed_by is null))
  )`,
  // The call's own copy of its grid: what the committee scores against, frozen from the first score on.
  `create table selection_call_criteria (
    id integer generated always as identity primary key,
    call_id integer not null references selection_calls (id) on delete cascade,
    position integer not null check (position >= 1),
    label text not null check (length(trim(label)) between 1 and 200),
    description text,
    weight numeric(5, 2) not null check (weight > 0 and weight <= 100),
    scale_min integer not null check (scale_min >= 0),
    scale_max integer not null check (scale_max > scale_min and scale_max <= 100),
    unique (call_id, position)
  )`,

  // Weights of a grid add up to 100, checked at commit so that a grid can be rewritten row by row.
  `create function selection_weights_sum() returns trigger language plpgsql as $$
  declare
    owner integer;
    total numeric;
    n integer;
  begin
    if tg_table_name = 'selection_grid_criteria' then
      owner := coalesce(new.grid_id, old.grid_id);
      select coalesce(sum(weight), 0), count(*) into total, n from selection_grid_criteria where grid_id = owner;
    else
      owner := coalesce(new.call_id, old.call_id);
      select coalesce(sum(weight), 0), count(*) into total, n from selection_call_criteria where call_id = owner;
    end if;
    if n > 0 and total <> 100 then
      raise exception 'the weights of grid % add up to %, not 100', owner, total using errcode = '23514';
    end if;
    return null;
  end $$`,
  `create constraint trigger selection_grid_criteria_weights after insert or update or delete on selection_grid_criteria
    deferrable initially deferred for each row execute function selection_weights_sum()`,
  `create constraint trigger selection_call_criteria_weights after insert or update or delete on selection_call_criteria
    deferrable initially deferred for each row execute function selection_weights_sum()`,

  // A grid cannot change once scoring has started: neither a call's copy, nor the template a scored call came from.
  `create function selection_criteria_frozen() returns trigger language plpgsql as $$
  declare
    started boolean;
  begin
    if tg_table_name = 'selection_grid_criteria' then
      select exists (select 1 from selection_calls
                     where grid_id = coalesce(new.grid_id, old.grid_id) and scoring_started_at is not null) into started;
    else
      select scoring_started_at is not null into started from selection_calls where id = coalesce(new.call_id, old.call_id);
    end if;
    if coalesce(started, false) then
      raise exception 'the grid cannot change once scoring has started (% refused)', tg_op using errcode = '55000';
    end if;
    return coalesce(new, old);
  end $$`,
  `create trigger selection_grid_criteria_frozen before insert or update or delete on selection_grid_criteria
    for each row execute function selection_criteria_frozen()`,
  `create trigger selection_call_criteria_frozen before insert or update or delete on selection_call_criteria
    for each row execute function selection_criteria_frozen()`,
  `create function selection_calls_guard() returns trigger language plpgsql as $$
  begin
    if old.scoring_started_at is not null and new.grid_id is distinct from old.grid_id then
      raise exception 'the grid of call % cannot change once scoring has started', old.id using errcode = '55000';
    end if;
    if old.scoring_closed_at is not null and (new.scoring_closed_at is distinct from old.scoring_closed_at
        or new.scoring_closed_by is distinct from old.scoring_closed_by) then
      raise exception 'scoring of call % is closed for good', old.id using errcode = '55000';
    end if;
    if old.scoring_started_at is not null and new.scoring_started_at is distinct from old.scoring_started_at then
      raise exception 'the start of scoring of call % is on record', old.id using errcode = '55000';
    end if;
    return new;
  end $$`,
  `create trigger selection_calls_guard before update on selection_calls
    for each row execute function selection_calls_guard()`,

  `create table selection_committee_members (
    call_id integer not null references selection_calls (id) on delete cascade,
    user_id integer not null references users (id),
    role text not null check (role in ('president', 'rapporteur', 'member')),
    added_at timestamptz not null default now(),
    primary key (call_id, user_id)
  )`,
  `create unique index selection_committee_one_president on selection_committee_members (call_id) where role = 'president'`,
  `create function selection_committee_guard() returns trigger language plpgsql as $$
  begin
    if not exists (select 1 from users where id = new.user_id and role in ('committee', 'manager')) then
      raise exception 'user % is not a committee or manager user', new.user_id using errcode = '23514';
    end if;
    return new;
  end $$`,
  `create trigger selection_committee_guard before insert or update on selection_committee_members
    for each row execute function selection_committee_guard()`,

  `create table selection_applications (
    id integer generated always as identity primary key,
    call_id integer not null references selection_calls (id),
    member_id integer not null references members (id),
    project text not null check (length(trim(project)) between 1 and 10000),
    needs jsonb not null default '[]' check (jsonb_typeof(needs) = 'array'),
    needs_note text check (length(needs_note) <= 2000),
    source text not null check (source in ('staff', 'public')),
    status text not null default 'submitted' check (status in ('submitted', 'eligible', 'ineligible', 'scored', 'decided')),
    eligibility_answers jsonb check (eligibility_answers is null or jsonb_typeof(eligibility_answers) = 'array'),
    eligibility_note text,
    eligibility_checked_at timestamptz,
    eligibility_checked_by integer references users (id),
    decision text check (decision in ('admitted', 'waiting', 'rejected')),
    admitted_at timestamptz,
    submitted_at timestamptz not null default now(),
    unique (call_id, member_id),
    constraint selection_applications_decided check ((status = 'decided') = (decision is not null)),
    constraint selection_applications_admitted check (admitted_at is null or decision = 'admitted')
  )`,
  `create index selection_applications_call_idx on selection_applications (call_id, id)`,

  `create table selection_attachments (
    id integer generated always as identity primary key,
    application_id integer not null references selection_applications (id),
    kind text not null check (kind in ('statutes', 'registration', 'accounts', 'other')),
    filename text not null check (length(filename) between 1 and 200),
    media_type text not null check (media_type in ('application/pdf', 'image/png', 'image/jpeg')),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    bytes bytea not null check (octet_length(bytes) between 1 and 1000000),
    uploaded_at timestamptz not null default now(),
    uploaded_by integer references users (id)
  )`,
  `create index selection_attachments_application_idx on selection_attachments (application_id)`,

  // Declarations and decisions are history: kept as made.
  `create function selection_append_only() returns trigger language plpgsql as $$
  begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = '55000';
  end $$`,
  `create table selection_conflicts (
    application_id integer not null references selection_applications (id),
    user_id integer not null references users (id),
    reason text not null check (length(trim(reason)) between 1 and 2000),
    declared_at timestamptz not null default now(),
    primary key (application_id, user_id)
  )`,
  `create trigger selection_conflicts_append_only before update or delete on selection_conflicts
    for each row execute function selection_append_only()`,

  `create table selection_scores (
    id integer generated always as identity primary key,
    application_id integer not null references selection_applications (id),
    user_id integer not null references users (id),
    criterion_id integer not null references selection_call_criteria (id),
    value numeric(6, 2) not null,
    comment text check (length(comment) <= 2000),
    scored_at timestamptz not null default now(),
    unique (application_id, user_id, criterion_id)
  )`,
  // A score belongs to the call's grid, stays within its scale, never comes from a conflicted member, and is
  // final once the president has closed scoring.
  `create function selection_scores_guard() returns trigger language plpgsql as $$
  declare
    app record;
    crit record;
    call record;
  begin
    select * into app from selection_applications where id = coalesce(new.application_id, old.application_id);
    select * into call from selection_calls where id = app.call_id;
    if call.scoring_closed_at is not null then
      raise exception 'scoring of call % is closed: % refused', call.id, tg_op using errcode = '55000';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    select * into crit from selection_call_criteria where id = new.criterion_id;
    if crit.call_id is distinct from app.call_id then
      raise exception 'criterion % is not in the grid of call %', new.criterion_id, app.call_id using errcode = '23514';
    end if;
    if new.value < crit.scale_min or new.value > crit.scale_max then
      raise exception 'score % is outside the scale % to %', new.value, crit.scale_min, crit.scale_max using errcode = '23514';
    end if;
    if exists (select 1 from selection_conflicts where application_id = new.application_id and user_id = new.user_id) then
      raise exception 'user % declared a conflict of interest on application %', new.user_id, new.application_id
        using errcode = '55000';
    end if;
    if not exists (select 1 from selection_committee_members where call_id = app.call_id and user_id = new.user_id) then
      raise exception 'user % is not on the committee of call %', new.user_id, app.call_id using errcode = '23514';
    end if;
    if app.status not in ('eligible', 'scored') then
      raise exception 'application % is % and cannot be scored', app.id, app.status using errcode = '55000';
    end if;
    return new;
  end $$`,
  `create trigger selection_scores_guard before insert or update or delete on selection_scores
    for each row execute function selection_scores_guard()`,
  `create function selection_scores_started() returns trigger language plpgsql as $$
  begin
    update selection_calls set scoring_started_at = now()
      where id = (select call_id from selection_applications where id = new.application_id) and scoring_started_at is null;
    return null;
  end $$`,
  `create trigger selection_scores_started after insert on selection_scores
    for each row execute function selection_scores_started()`,

  `create table selection_sessions (
    id integer generated always as identity primary key,
    call_id integer not null references selection_calls (id),
    held_on date not null,
    place text check (length(place) <= 200),
    quorum_required integer not null check (quorum_required >= 1),
    minutes_pdf bytea,
    minutes_sha256 text check (minutes_sha256 ~ '^[0-9a-f]{64}$'),
    minutes_issued_at timestamptz,
    minutes_issued_by integer references users (id),
    created_at timestamptz not null default now(),
    constraint selection_sessions_minutes check (
      (minutes_pdf is null) = (minutes_issued_at is null) and (minutes_pdf is null) = (minutes_sha256 is null))
  )`,
  `create table selection_attendance (
    session_id integer not null references selection_sessions (id),
    user_id integer not null references users (id),
    present boolean not null,
    primary key (session_id, user_id)
  )`,
  `create table selection_decisions (
    id integer generated always as identity primary key,
    session_id integer not null references selection_sessions (id),
    application_id integer not null references selection_applications (id),
    decision text not null check (decision in ('admitted', 'waiting', 'rejected')),
    reasons text not null check (length(trim(reasons)) between 1 and 4000),
    votes_for integer check (votes_for >= 0),
    votes_against integer check (votes_against >= 0),
    votes_abstain integer check (votes_abstain >= 0),
    decided_at timestamptz not null default now(),
    constraint selection_decisions_votes check (
      (votes_for is null and votes_against is null and votes_abstain is null)
      or (votes_for is not null and votes_against is not null and votes_abstain is not null))
  )`,
  // one decision per application and session; a later session decides again only on the waiting list (core rule)
  `create unique index selection_decisions_once_per_session on selection_decisions (application_id, session_id)`,
  // Once its minutes are issued a session is locked: the minutes, the attendance and the decisions stay as signed.
  `create function selection_sessions_locked() returns trigger language plpgsql as $$
  begin
    if old.minutes_issued_at is not null then
      raise exception 'session % is locked: its minutes were issued', old.id using errcode = '55000';
    end if;
    return coalesce(new, old);
  end $$`,
  `create trigger selection_sessions_locked before update or delete on selection_sessions
    for each row execute function selection_sessions_locked()`,
  `create function selection_session_rows_locked() returns trigger language plpgsql as $$
  declare
    session record;
    present integer;
  begin
    select * into session from selection_sessions where id = coalesce(new.session_id, old.session_id);
    if session.minutes_issued_at is not null then
      raise exception 'session % is locked: its minutes were issued', session.id using errcode = '55000';
    end if;
    if tg_table_name = 'selection_decisions' and tg_op <> 'DELETE' then
      select count(*) into present from selection_attendance where session_id = session.id and selection_attendance.present;
      if present < session.quorum_required then
        raise exception 'no quorum: % present, % required', present, session.quorum_required using errcode = '55000';
      end if;
    end if;
    return coalesce(new, old);
  end $$`,
  `create trigger selection_attendance_locked before insert or update or delete on selection_attendance
    for each row execute function selection_session_rows_locked()`,
  `create trigger selection_decisions_locked before insert or update or delete on selection_decisions
    for each row execute function selection_session_rows_locked()`,

  `create table selection_sponsorships (
    id integer generated always as identity primary key,
    application_id integer not null unique references selection_applications (id),
    member_id integer not null references members (id),
    sponsor_user_id integer references users (id),
    sponsor_member_id integer references members (id),
    plan text check (length(plan) <= 4000),
    assigned_at timestamptz not null default now(),
    constraint selection_sponsorships_one_sponsor check ((sponsor_user_id is null) <> (sponsor_member_id is null)),
    constraint selection_sponsorships_not_self check (sponsor_member_id is distinct from member_id)
  )`,
  `create table selection_followups (
    id integer generated always as identity primary key,
    sponsorship_id integer not null references selection_sponsorships (id),
    meeting_on date not null,
    held boolean not null default false,
    notes text not null default '' check (length(notes) <= 4000),
    recorded_at timestamptz not null default now(),
    recorded_by integer references users (id)
  )`,
  `create index selection_followups_sponsorship_idx on selection_followups (sponsorship_id, meeting_on)`,

  // Every try of the public form, so the per-address limit holds across API processes (as login_attempts does).
  `create table selection_public_attempts (
    id bigint generated always as identity primary key,
    ip text not null,
    call_id integer,
    accepted boolean not null,
    at timestamptz not null default now()
  )`,
  `create index selection_public_attempts_ip_idx on selection_public_attempts (ip, at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // one statement per call: PGlite's extended protocol takes a single command at a time
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table selection_public_attempts',
    'drop table selection_followups',
    'drop table selection_sponsorships',
    'drop table selection_decisions',
    'drop table selection_attendance',
    'drop table selection_sessions',
    'drop function selection_session_rows_locked()',
    'drop function selection_sessions_locked()',
    'drop table selection_scores',
    'drop function selection_scores_started()',
    'drop function selection_scores_guard()',
    'drop table selection_conflicts',
    'drop table selection_attachments',
    'drop table selection_applications',
    'drop table selection_committee_members',
    'drop function selection_committee_guard()',
    'drop table selection_call_criteria',
    'drop table selection_calls',
    'drop function selection_calls_guard()',
    'drop table selection_grid_criteria',
    'drop table selection_grids',
    'drop function selection_criteria_frozen()',
    'drop function selection_weights_sum()',
    'drop function selection_append_only()',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
