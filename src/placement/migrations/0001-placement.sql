-- Placement: batches (runs) with the inputs they were solved on, each case's recommended place with its
-- explanation, and staff overrides. A run belongs to the tenant that ran it: a nation's own batch, or the
-- secretariat's (REG) regional batch across places several nations pledged. Cases are ids and family facts
-- (size, needs, languages); no names. See docs/placement.md ("In the platform").

create table placement_runs (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  label text not null,
  source text not null check (source in ('csv', 'demo')),
  pledge_year integer not null check (pledge_year between 2000 and 2100),
  options jsonb not null,
  -- The places as solved; each case's record and scores are on its assignment row. The digest is the
  -- SHA-256 of the whole input, so a run can be matched to the files it came from.
  places jsonb not null,
  input_digest text not null,
  method text not null,
  optimal boolean not null,
  objective double precision not null,
  bound double precision not null,
  gap double precision not null,
  seconds double precision not null,
  case_count integer not null,
  place_count integer not null,
  assigned integer not null,
  unassigned integer not null,
  override_count integer not null default 0,
  created_by text not null,
  created_by_user uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index placement_runs_recent on placement_runs (tenant_id, created_at desc);

-- One row per case of a run. `place_id`/`score` are the current place (after overrides); the
-- `recommended_*`, rank, next-best and difference columns keep what the solver recommended and why.
create table placement_assignments (
  tenant_id text not null references tenants (id),
  run_id uuid not null,
  case_id text not null,
  position integer not null,
  size integer not null check (size >= 1),
  -- The case as solved: needs, languages, language_required, preferences, ties; and its scored places
  -- ({"places": [place index…], "scores": [score…]}), which is what an override is checked against.
  family jsonb not null,
  scores jsonb not null,
  place_id text,
  score double precision,
  recommended_place_id text,
  recommended_score double precision,
  recommended_weight double precision,
  rank integer,
  allowed integer not null,
  next_best_place_id text,
  next_best_weight double precision,
  difference double precision,
  better_but_full jsonb not null,
  reason text not null check (reason in ('best-place', 'better-places-full', 'no-allowed-place', 'no-room')),
  overridden boolean not null default false,
  primary key (tenant_id, run_id, case_id),
  unique (tenant_id, run_id, position),
  foreign key (tenant_id, run_id) references placement_runs (tenant_id, id)
);
create index placement_assignments_place on placement_assignments (tenant_id, run_id, place_id);

-- Every override is a record with the previous place, the new one, the reason, who and when; never updated.
create table placement_overrides (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  run_id uuid not null,
  case_id text not null,
  previous_place_id text,
  place_id text,
  reason text not null,
  actor_label text not null,
  actor_user uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, run_id, case_id) references placement_assignments (tenant_id, run_id, case_id)
);
create index placement_overrides_case on placement_overrides (tenant_id, run_id, case_id, created_at);

select enable_tenant_isolation('placement_runs', 'placement_assignments', 'placement_overrides');
