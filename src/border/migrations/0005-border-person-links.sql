-- An encounter linked to a registry person keeps a reference, never a second copy of who the person is: names,
-- birth date and documents are read from the registry when the encounter is shown. Encounters recorded without
-- a person keep their own fields (they were already nullable). Encounters of one family are grouped, so that a
-- safeguard opened for any member holds every return of every member until it is closed.

-- A linked encounter's own copy is dropped, not moved: the registry already holds the person, and nothing
-- personal travels between capabilities.
update border_encounters
  set given_names_enc = null, family_names_enc = null, birth_date_enc = null, documents_enc = null
  where person_id is not null;

alter table border_encounters add constraint border_encounters_linked_holds_no_names check (
  person_id is null
  or (given_names_enc is null and family_names_enc is null and birth_date_enc is null and documents_enc is null));

-- One family met at the border: who grouped it and when; members point at it.
create table border_family_groups (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

alter table border_encounters add column family_group_id uuid;
alter table border_encounters add constraint border_encounters_family_group
  foreign key (tenant_id, family_group_id) references border_family_groups (tenant_id, id);
create index border_encounters_family on border_encounters (tenant_id, family_group_id)
  where family_group_id is not null;
create index border_encounters_person on border_encounters (tenant_id, person_id) where person_id is not null;

select enable_tenant_isolation('border_family_groups');
