-- The registry: people, cases, consent, duplicate reviews, merges and cross-nation referrals.
-- Every personal value is encrypted by the application (columns named *_enc hold `enc1:` text); search runs on
-- keyed blind-index terms and keyed Bloom-filter encodings, never on plaintext.

create table registry_people (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  -- Blind index of the id the person has in an imported file: importing the same ids again changes nothing.
  external_key text,
  external_id_enc text,
  office_id text,
  given_names_enc text not null,
  surnames_enc text not null,
  sex_enc text,
  birth_date_enc text,
  details_enc text not null,
  -- Blind-index terms: name tokens, phonetic keys, date-of-birth parts, documents, phones.
  terms text[] not null default '{}',
  -- The regional encoding (a keyed CLK) used to answer partner nations without showing them anything else.
  clk bytea,
  status text not null default 'active' check (status in ('active', 'merged')),
  merged_into uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, external_key)
);
create index registry_people_terms on registry_people using gin (terms);
create index registry_people_office on registry_people (tenant_id, office_id);

create table registry_family_links (
  tenant_id text not null references tenants (id),
  person_id uuid not null,
  related_id uuid not null,
  relation text not null check (relation in ('parent', 'child', 'spouse', 'sibling', 'guardian', 'other')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, person_id, related_id),
  foreign key (tenant_id, person_id) references registry_people (tenant_id, id),
  foreign key (tenant_id, related_id) references registry_people (tenant_id, id)
);

create table registry_cases (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  person_id uuid not null,
  case_type text not null check (case_type in ('protection', 'pathway_application', 'border_encounter')),
  status text not null default 'open' check (status in ('open', 'in_review', 'closed')),
  office_id text,
  assigned_to uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, person_id) references registry_people (tenant_id, id)
);
create index registry_cases_person on registry_cases (tenant_id, person_id);
create index registry_cases_assignee on registry_cases (tenant_id, assigned_to);

create table registry_case_notes (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  case_id uuid not null,
  body_enc text not null,
  written_by uuid,
  written_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, case_id) references registry_cases (tenant_id, id)
);

-- Assignments and transfers inside a nation, kept as records.
create table registry_case_moves (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  case_id uuid not null,
  kind text not null check (kind in ('assignment', 'transfer')),
  from_office text,
  to_office text,
  from_user uuid,
  to_user uuid,
  reason text not null,
  moved_by text not null,
  moved_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, case_id) references registry_cases (tenant_id, id)
);

-- Consent is append-only: the latest row per person and purpose is the one in force.
create table registry_consents (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  person_id uuid not null,
  purpose text not null,
  given boolean not null,
  given_by text not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, person_id) references registry_people (tenant_id, id)
);
create index registry_consents_person on registry_consents (tenant_id, person_id, purpose, recorded_at);

-- Pairs a person should look at: created when someone registered a person despite a hint, or found in review.
create table registry_duplicate_reviews (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  person_a uuid not null,
  person_b uuid not null,
  probability double precision not null,
  band text not null,
  reasons jsonb not null default '[]',
  why_created text,
  status text not null default 'open' check (status in ('open', 'merged', 'distinct')),
  decided_by text,
  decided_at timestamptz,
  decision_reason text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, person_a, person_b)
);

-- A merge keeps both records; undoing it (a split) restores the merged one.
create table registry_merges (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  survivor_id uuid not null,
  merged_id uuid not null,
  reason text not null,
  merged_by text not null,
  merged_at timestamptz not null default now(),
  split_reason text,
  split_by text,
  split_at timestamptz,
  primary key (tenant_id, id)
);

-- One row on each side of a referral: `outgoing` in the asking nation, `incoming` in the holding nation.
create table registry_referrals (
  tenant_id text not null references tenants (id),
  id uuid not null,
  direction text not null check (direction in ('outgoing', 'incoming')),
  partner_tenant text not null references tenants (id),
  -- The asking nation's own person (outgoing) or the holding nation's match (incoming); never the other side's.
  person_id uuid not null,
  purpose text not null,
  reason text not null,
  status text not null default 'pending'
    check (status in ('pending', 'accepted', 'rejected', 'revoked', 'stopped')),
  status_reason text,
  requested_by text not null,
  decided_by text,
  requested_at timestamptz not null default now(),
  decided_at timestamptz,
  -- What the holding nation shared on acceptance, encrypted; cleared on revocation.
  shared_enc text,
  primary key (tenant_id, id)
);

select enable_tenant_isolation(
  'registry_people',
  'registry_family_links',
  'registry_cases',
  'registry_case_notes',
  'registry_case_moves',
  'registry_consents',
  'registry_duplicate_reviews',
  'registry_merges',
  'registry_referrals'
);
