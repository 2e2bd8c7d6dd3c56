-- A placement run built from the nation's approved resettlement applications records its result on each
-- application it took: the run and case (one case per household), the place (id, nation, locality) or, when
-- the household was not placed, the solver's reason. An override in the run updates it. When the household
-- arrives where it was placed, the arrival is recorded: by the placing nation itself, or by the receiving
-- nation through an arrival transfer (below).
alter table pathway_applications add column placement_run_id uuid;
alter table pathway_applications add column placement_case_id text;
alter table pathway_applications add column placement_place_id text;
alter table pathway_applications add column placement_nation text;
alter table pathway_applications add column placement_locality text;
alter table pathway_applications add column placement_reason text;
alter table pathway_applications add column placed_at timestamptz;
alter table pathway_applications add column arrived_on date;
create index pathway_applications_placement
  on pathway_applications (tenant_id, placement_run_id, placement_case_id);

-- Arrivals of placed households, counted against the receiving nation's pledge (persons arrived in the year).
-- A household placed in another nation moves like a referral, kept twice: `outgoing` in the nation that placed
-- it, `incoming` in the receiving nation, written in one transaction with the applicant's consent. The incoming
-- side carries the household's registry record, encrypted, until the receiving nation records the arrival and
-- its registry creates the household (`household_id`); the payload is then cleared. A household placed in the
-- placing nation itself has one `incoming` row from and to that nation, without consent text (nothing crosses a
-- border) and without payload (its registry already holds it).
create table pathway_arrivals (
  tenant_id text not null references tenants (id),
  id uuid not null,
  direction text not null check (direction in ('outgoing', 'incoming')),
  from_tenant text not null references tenants (id),
  to_tenant text not null references tenants (id),
  application_id uuid not null,
  tracking_code text not null,
  locality text not null,
  persons integer not null check (persons >= 1),
  status text not null check (status in ('expected', 'arrived')),
  consent_text_enc text,
  consent_at timestamptz,
  payload_enc text,
  created_by text not null,
  created_at timestamptz not null default now(),
  arrived_on date,
  recorded_by text,
  recorded_at timestamptz,
  household_id uuid,
  primary key (tenant_id, id)
);
create index pathway_arrivals_list on pathway_arrivals (tenant_id, direction, status, created_at);

select enable_tenant_isolation('pathway_arrivals');
