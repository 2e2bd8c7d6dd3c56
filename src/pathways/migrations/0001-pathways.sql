-- Legal pathways: each nation's catalogue (versions, publication, capacity), pledges, applications from the
-- public portal, their stage history, appointments with daily capacity per office, a notification outbox,
-- and referrals between nations. Personal fields (*_enc) are encrypted by the application.

-- One row per pathway a nation keeps; `published` decides whether the public portal shows it.
create table pathway_entries (
  tenant_id text not null references tenants (id),
  id text not null check (id ~ '^[a-z0-9][a-z0-9_-]{1,63}$'),
  published boolean not null default false,
  current_version integer not null,
  capacity_places integer,
  capacity_period text,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

-- Every edit is a new version, effective from a date; versions are kept as evidence of what applied when.
create table pathway_versions (
  tenant_id text not null references tenants (id),
  pathway_id text not null,
  version integer not null check (version > 0),
  effective_from date not null,
  definition jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, pathway_id, version),
  foreign key (tenant_id, pathway_id) references pathway_entries (tenant_id, id)
);

-- A nation's commitment under the declaration for a year (places across its pathways).
create table pathway_pledges (
  tenant_id text not null references tenants (id),
  year integer not null check (year between 2000 and 2100),
  places integer not null check (places >= 0),
  note text not null default '',
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, year)
);

create table pathway_applications (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  tracking_code text not null,
  secret_hash text not null,
  pathway_id text not null,
  pathway_version integer not null,
  stage text not null check (stage in ('submitted', 'screening', 'interview_scheduled', 'decided', 'closed')),
  decision text check (decision in ('approved', 'denied', 'referred')),
  language text not null,
  screening_result text not null check (screening_result in ('eligible', 'maybe', 'not_eligible')),
  answers_enc text not null,
  full_name_enc text,
  contact_enc text,
  person_id text,
  referred_from text,
  consent_at timestamptz not null,
  submitted_at timestamptz not null default now(),
  decided_at timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, tracking_code),
  foreign key (tenant_id, pathway_id) references pathway_entries (tenant_id, id)
);
create index pathway_applications_queue on pathway_applications (tenant_id, pathway_id, stage, submitted_at);

-- Each stage change is a record with its actor and reason; never updated.
create table pathway_stage_changes (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  application_id uuid not null,
  from_stage text,
  to_stage text not null,
  decision text,
  reason text not null,
  actor_label text not null,
  actor_user uuid,
  changed_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, application_id) references pathway_applications (tenant_id, id)
);
create index pathway_stage_changes_application on pathway_stage_changes (tenant_id, application_id, changed_at);

-- Appointment capacity of one office on one day; `booked` never passes `capacity` (checked by the database).
create table pathway_appointment_days (
  tenant_id text not null references tenants (id),
  office_id text not null,
  day date not null,
  capacity integer not null check (capacity >= 0),
  booked integer not null default 0,
  primary key (tenant_id, office_id, day),
  check (booked >= 0 and booked <= capacity)
);

-- A slot is a number within its day: the unique key makes a double booking impossible even if the counter
-- were bypassed; an application holds at most one live appointment.
create table pathway_appointments (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  application_id uuid not null,
  office_id text not null,
  day date not null,
  slot integer not null check (slot >= 1),
  booked_by text not null,
  booked_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, office_id, day, slot),
  unique (tenant_id, application_id),
  foreign key (tenant_id, application_id) references pathway_applications (tenant_id, id),
  foreign key (tenant_id, office_id, day) references pathway_appointment_days (tenant_id, office_id, day)
);

-- Notifications waiting for a transport; the message is encrypted because it names where to reach a person.
create table pathway_outbox (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  application_id uuid,
  kind text not null,
  message_enc text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  primary key (tenant_id, id)
);
create index pathway_outbox_pending on pathway_outbox (tenant_id, status, created_at);

-- A referral is kept twice: the sending nation's record and the receiving nation's inbox row, each in its
-- own tenant, written in one transaction so both sides always agree.
create table pathway_referrals (
  tenant_id text not null references tenants (id),
  id uuid not null,
  direction text not null check (direction in ('outgoing', 'incoming')),
  from_tenant text not null references tenants (id),
  to_tenant text not null references tenants (id),
  application_id uuid not null,
  to_pathway text not null,
  status text not null check (status in ('pending', 'accepted', 'rejected', 'revoked')),
  consent_text text not null,
  consent_at timestamptz not null,
  reason text not null,
  payload_enc text,
  created_by text not null,
  created_at timestamptz not null default now(),
  decided_by text,
  decided_reason text,
  decided_at timestamptz,
  received_application_id uuid,
  primary key (tenant_id, id)
);

select enable_tenant_isolation(
  'pathway_entries',
  'pathway_versions',
  'pathway_pledges',
  'pathway_applications',
  'pathway_stage_changes',
  'pathway_appointment_days',
  'pathway_appointments',
  'pathway_outbox',
  'pathway_referrals'
);

-- What the public portal and the regional pages may read without a tenant: published pathways (and their
-- versions) and pledges, which are public commitments. Nothing personal.
create policy public_reads on pathway_entries for select using (published);
create policy public_reads on pathway_versions for select using (
  exists (select 1 from pathway_entries e
          where e.tenant_id = pathway_versions.tenant_id and e.id = pathway_versions.pathway_id and e.published));
create policy public_reads on pathway_pledges for select using (true);

revoke update, delete, truncate on pathway_stage_changes, pathway_versions from hemisphere_app;
