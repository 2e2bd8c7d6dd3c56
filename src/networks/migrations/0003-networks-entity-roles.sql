-- What an entity is to the investigation: a suspect, a client the ring moved, a victim it exploited, or unknown
-- (not decided yet: every entity stored before this migration, and every entity no one has given a role). Only
-- suspects and unknowns are ever named key actors; victims and clients are listed apart. Who last set the role and
-- when is kept beside it (the change itself is on the audit chain). The table keeps its row-level security.
alter table network_entities
  add column role text not null default 'unknown'
    check (role in ('suspect', 'client', 'victim', 'unknown')),
  add column role_set_by text,
  add column role_set_at timestamptz;

-- The analysis is cached per version of the data; the latest role change is part of that version.
create index network_entities_role_set on network_entities (tenant_id, role_set_at);
