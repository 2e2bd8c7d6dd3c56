-- A victim's protection record may name the registry person it protects: a reference to a person of the same
-- nation (never a copy of who they are), set by the protection side when the record is flagged or later, with
-- who set it and when. The wall keeps it from investigators like the rest of the record; erasing the person
-- clears it. The table keeps its row-level security.
alter table network_protection_records
  add column person_id uuid,
  add column person_linked_by text,
  add column person_linked_at timestamptz;

create index network_protection_records_person on network_protection_records (tenant_id, person_id)
  where person_id is not null;
