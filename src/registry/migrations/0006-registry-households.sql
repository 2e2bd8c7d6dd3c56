-- Households (registration groups): a principal applicant and the members registered with them, each with their
-- relationship to the principal. A person belongs to at most one household (the members' primary key is the
-- person); a household has at most one principal, who is a member with relationship `principal`. Only ids,
-- relationships and dates are stored here: names, needs and documents stay in the person's encrypted record.
-- A household split from another keeps the id it came from (which may since have been dissolved, hence no
-- foreign key) and why (staff text, encrypted).
create table registry_households (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  office_id text,
  split_from uuid,
  split_reason_enc text,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table registry_household_members (
  tenant_id text not null references tenants (id),
  person_id uuid not null,
  household_id uuid not null,
  relationship text not null
    check (relationship in ('principal', 'spouse', 'child', 'parent', 'sibling', 'other')),
  added_by text not null,
  added_at timestamptz not null default now(),
  primary key (tenant_id, person_id),
  foreign key (tenant_id, person_id) references registry_people (tenant_id, id),
  foreign key (tenant_id, household_id) references registry_households (tenant_id, id) on delete cascade
);
create index registry_household_members_household on registry_household_members (tenant_id, household_id);
create unique index registry_household_members_one_principal
  on registry_household_members (tenant_id, household_id) where relationship = 'principal';

select enable_tenant_isolation('registry_households', 'registry_household_members');
