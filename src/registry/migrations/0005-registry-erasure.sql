-- Erasure: a person erased on request or at the end of retention keeps only a tombstone row (its id, so cases
-- and referrals that name it stay consistent), with every personal value, blind index and encoding removed.
-- The erasure itself is recorded with its reason (staff text, encrypted) and how many records it cleared.
alter table registry_people drop constraint registry_people_status_check;
alter table registry_people add constraint registry_people_status_check
  check (status in ('active', 'merged', 'erased'));

create table registry_erasures (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  person_id uuid not null,
  records integer not null,
  reason_enc text not null,
  erased_by text not null,
  erased_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, person_id) references registry_people (tenant_id, id)
);

select enable_tenant_isolation('registry_erasures');
