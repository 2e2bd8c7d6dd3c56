-- A correction of a person keeps the values it replaced, encrypted exactly as they were stored, so every earlier
-- version can be read back and restored; the audit log records who, when and which fields, never the values.
create table registry_person_versions (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  person_id uuid not null,
  given_names_enc text not null,
  surnames_enc text not null,
  sex_enc text,
  birth_date_enc text,
  details_enc text not null,
  changed text[] not null,
  reason text not null,
  edited_by text not null,
  edited_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, person_id) references registry_people (tenant_id, id)
);
create index registry_person_versions_person on registry_person_versions (tenant_id, person_id, edited_at);

select enable_tenant_isolation('registry_person_versions');
