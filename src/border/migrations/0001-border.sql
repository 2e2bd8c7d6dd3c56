-- Border processing: policy packs in force, encounters, prior-residence verification between nations,
-- decisions and approvals. Decisions, approvals and verification answers are evidence: append-only.

-- A jurisdiction's policy packs, one row per loaded version; the most recently loaded is in force.
create table border_policy_packs (
  tenant_id text not null references tenants (id),
  pack_id text not null,
  version text not null,
  status text not null,
  pack jsonb not null,
  loaded_at timestamptz not null default now(),
  primary key (tenant_id, pack_id, version)
);

-- One CSV import, so that importing the same file twice changes nothing the second time.
create table border_imports (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  content_hash text not null,
  file_name text not null,
  row_count integer not null,
  imported_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, content_hash)
);

-- Personal fields (*_enc) are encrypted by the application; the rest is what statistics and rules need.
create table border_encounters (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  occurred text not null,
  encountered_on date not null,
  place_nation text not null check (place_nation ~ '^[A-Z]{3}$'),
  border text,
  port text,
  sector text,
  person_id text,
  demographic text not null
    check (demographic in ('single_adult', 'family_unit', 'accompanied_minor', 'unaccompanied_minor')),
  citizenship text not null check (citizenship ~ '^[A-Z]{3}$'),
  prior_residences jsonb not null default '[]',
  fear_claim boolean not null default false,
  medical_emergency boolean not null default false,
  trafficking_indicators jsonb not null default '[]',
  given_names_enc text,
  family_names_enc text,
  birth_date_enc text,
  documents_enc text,
  authority text,
  import_id uuid,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index border_encounters_month on border_encounters (tenant_id, encountered_on);
create index border_encounters_import on border_encounters (tenant_id, import_id);

-- Monthly counts in the dimensions of CBP's area-of-responsibility files, refreshed after each write.
create table border_encounter_months (
  tenant_id text not null references tenants (id),
  month date not null,
  land_border_region text not null,
  area_of_responsibility text not null,
  demographic text not null,
  citizenship text not null,
  authority text not null,
  encounter_type text not null,
  encounter_count bigint not null,
  primary key (tenant_id, month, land_border_region, area_of_responsibility, demographic, citizenship,
               authority, encounter_type)
);

-- A partner nation's residence permits, matched on the regional encoding of name and date of birth only.
create table border_residence_permits (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  encoding text not null,
  permit_type text not null,
  valid_from date not null,
  valid_to date,
  given_names_enc text not null,
  family_names_enc text not null,
  birth_date_enc text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

-- Whether a nation answers verification requests on its own (auto) or after a person reviews them.
create table border_verification_settings (
  tenant_id text primary key references tenants (id),
  auto_answer boolean not null,
  updated_at timestamptz not null default now()
);

-- The question: the requesting nation owns it; the partner it is addressed to may read it (never names).
create table border_verification_requests (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  encounter_id uuid not null,
  partner_tenant text not null references tenants (id),
  check_code text not null default 'prior_residence',
  encoding text not null,
  requested_by text not null,
  requested_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, encounter_id) references border_encounters (tenant_id, id)
);
create index border_verification_partner on border_verification_requests (partner_tenant, requested_at);

-- The answer: the partner owns it; the requesting nation may read it. Yes/no, permit type and dates only.
create table border_verification_answers (
  tenant_id text not null references tenants (id),
  request_tenant text not null references tenants (id),
  request_id uuid not null,
  result text not null check (result in ('verified', 'not_found')),
  permit_type text,
  valid_from date,
  valid_to date,
  mode text not null check (mode in ('auto', 'review')),
  answered_by text not null,
  answered_at timestamptz not null default now(),
  primary key (tenant_id, request_tenant, request_id)
);
create index border_verification_answers_request on border_verification_answers (request_tenant, request_id);

-- An officer's decision; a correction is a new decision that supersedes the old one, never an update.
create table border_decisions (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  encounter_id uuid not null,
  disposition text not null check (disposition in ('expulsion', 'third_country_return', 'title8_processing')),
  to_country text,
  authority text not null,
  reason text not null,
  needs_approval boolean not null,
  supersedes uuid,
  pack_id text not null,
  pack_version text not null,
  assessment jsonb not null,
  decided_by text not null,
  decided_by_user uuid,
  decided_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, supersedes),
  foreign key (tenant_id, encounter_id) references border_encounters (tenant_id, id),
  foreign key (tenant_id, supersedes) references border_decisions (tenant_id, id)
);
create index border_decisions_encounter on border_decisions (tenant_id, encounter_id, decided_at);

create table border_decision_approvals (
  tenant_id text not null references tenants (id),
  decision_id uuid not null,
  approved boolean not null,
  reason text not null,
  approved_by text not null,
  approved_at timestamptz not null default now(),
  primary key (tenant_id, decision_id),
  foreign key (tenant_id, decision_id) references border_decisions (tenant_id, id)
);

-- Evidence is append-only for the application, as the audit log is.
revoke update, delete, truncate on border_decisions, border_decision_approvals, border_verification_answers,
  border_verification_requests, border_policy_packs from hemisphere_app;

create function border_evidence_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: record a new row that supersedes it', tg_table_name;
end $$;
do $$
declare t text;
begin
  foreach t in array array['border_decisions', 'border_decision_approvals', 'border_verification_answers',
                           'border_verification_requests', 'border_policy_packs'] loop
    execute format('create trigger %I before update or delete on %I for each row '
                   'execute function border_evidence_append_only()', t || '_append_only', t);
  end loop;
end $$;

select enable_tenant_isolation(
  'border_policy_packs',
  'border_imports',
  'border_encounters',
  'border_encounter_months',
  'border_residence_permits',
  'border_verification_settings',
  'border_verification_requests',
  'border_verification_answers',
  'border_decisions',
  'border_decision_approvals'
);

-- The partner a question is addressed to may read it; the nation that asked may read the answer.
create policy partner_reads on border_verification_requests for select
  using (partner_tenant = current_setting('app.tenant_id', true));
create policy requester_reads on border_verification_answers for select
  using (request_tenant = current_setting('app.tenant_id', true));
