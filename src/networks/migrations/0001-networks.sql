-- Networks: entities and links with provenance, the wall around victims' protection records, and
-- cross-nation discovery on keyed hashes. See docs/adr/0006-network-analysis.md and docs/networks.md.

-- One row per distinct identifier, name or place a nation holds. The value is encrypted; `value_index`
-- (a blind index of type and normalised value) finds it, `regional_hash` is what the nation may publish.
create table network_entities (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  entity_type text not null,
  value_index text not null,
  value_enc text not null,
  regional_hash text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, entity_type, value_index)
);
create index network_entities_regional on network_entities (tenant_id, regional_hash);

-- Every observed link keeps its provenance: when, from which case, where it came from, who recorded it.
create table network_links (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  source_id uuid not null,
  target_id uuid not null,
  kind text not null,
  observed_on date,
  case_ref text,
  origin text not null check (origin in ('investigator', 'case', 'encounter', 'import', 'demo')),
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  dedupe_key text not null,
  primary key (tenant_id, id),
  unique (tenant_id, dedupe_key),
  foreign key (tenant_id, source_id) references network_entities (tenant_id, id),
  foreign key (tenant_id, target_id) references network_entities (tenant_id, id)
);
create index network_links_source on network_links (tenant_id, source_id);
create index network_links_target on network_links (tenant_id, target_id);
create index network_links_case on network_links (tenant_id, case_ref);

-- The wall: a case that is a victim's protection record. Its links stay out of every network query
-- unless an approved legal basis names the case.
create table network_protection_records (
  tenant_id text not null references tenants (id),
  case_ref text not null,
  reason text not null,
  flagged_by text not null,
  flagged_at timestamptz not null default now(),
  primary key (tenant_id, case_ref)
);

-- Who asked to see a protected case, why, under which authority, and who on the protection side decided.
create table network_legal_bases (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  case_ref text not null,
  purpose text not null,
  authority text not null,
  requested_by uuid,
  requested_by_label text not null,
  requested_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by uuid,
  decided_by_label text,
  decided_at timestamptz,
  decision_note text,
  primary key (tenant_id, id)
);
create index network_legal_bases_case on network_legal_bases (tenant_id, case_ref, status);

-- What a nation publishes for discovery: keyed hashes only, never a raw value. Every tenant reads it;
-- only the publishing tenant writes its own rows.
create table network_shared_hashes (
  tenant_id text not null references tenants (id),
  entity_type text not null,
  hash text not null,
  published_at timestamptz not null default now(),
  primary key (tenant_id, entity_type, hash)
);
create index network_shared_hashes_hash on network_shared_hashes (entity_type, hash);

-- A nation that found a shared hash asks the holding nation for details; the row lives with the holder.
create table network_detail_requests (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  requester_tenant text not null references tenants (id),
  entity_type text not null,
  hash text not null,
  purpose text not null,
  requested_by uuid,
  requested_by_label text not null,
  requested_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  decided_by uuid,
  decided_by_label text,
  decided_at timestamptz,
  decision_note text,
  details jsonb,
  primary key (tenant_id, id)
);
create index network_detail_requests_requester on network_detail_requests (requester_tenant, requested_at);

select enable_tenant_isolation(
  'network_entities',
  'network_links',
  'network_protection_records',
  'network_legal_bases',
  'network_shared_hashes',
  'network_detail_requests'
);

-- Hashes are for everyone to compare; they carry no raw value.
create policy shared_reads on network_shared_hashes for select using (true);

-- The requesting nation sees its own requests and may open one (pending, nothing released) at the holder.
create policy requester_reads on network_detail_requests for select
  using (requester_tenant = current_setting('app.tenant_id', true));
create policy requester_opens on network_detail_requests for insert
  with check (requester_tenant = current_setting('app.tenant_id', true) and status = 'pending'
              and details is null and decided_by is null);
