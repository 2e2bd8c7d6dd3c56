-- Data-sharing agreements between two tenants (two nations, or a nation and the secretariat). Each side keeps
-- its own row of the same agreement (same id), so every read stays inside one tenant's rows; a change writes
-- both rows in one transaction, each bound to its tenant (src/platform/agreements/agreements.service.ts).
-- Nothing personal is stored here: purposes, categories of data, the legal instrument and the dates.
create table data_sharing_agreements (
  tenant_id text not null references tenants (id),
  id uuid not null,
  partner_tenant text not null references tenants (id),
  proposed_by text not null references tenants (id),
  -- What the data may be used for across the border, and which categories of data each purpose may carry.
  purposes text[] not null check (cardinality(purposes) > 0),
  categories jsonb not null,
  instrument_title text not null,
  instrument_reference text not null,
  instrument_date date not null,
  valid_from date not null,
  valid_until date,
  status text not null check (status in ('proposed', 'accepted', 'suspended', 'ended')),
  status_reason text,
  created_by text not null,
  decided_by text,
  -- The side that made the last decision: only the side that suspended an agreement may resume it.
  decided_by_tenant text references tenants (id),
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default clock_timestamp(),
  primary key (tenant_id, id),
  check (tenant_id <> partner_tenant),
  check (valid_until is null or valid_until >= valid_from)
);
-- One live agreement per pair on each side: to change its terms, end it and propose another.
create unique index data_sharing_agreements_live on data_sharing_agreements (tenant_id, partner_tenant)
  where status in ('proposed', 'accepted', 'suspended');
select enable_tenant_isolation('data_sharing_agreements');
