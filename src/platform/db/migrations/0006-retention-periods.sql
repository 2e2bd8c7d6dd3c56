-- How long each nation keeps each kind of record (docs/retention.md). A kind without a row is kept: nothing
-- expires by default. `hemisphere retention run` and the server's daily sweep erase what is older than the
-- period, through the capability that owns the record. Nothing personal is stored here.
create table retention_periods (
  tenant_id text not null references tenants (id),
  record_kind text not null,
  days integer not null check (days between 1 and 36500),
  set_by text not null,
  updated_at timestamptz not null default clock_timestamp(),
  primary key (tenant_id, record_kind)
);
select enable_tenant_isolation('retention_periods');
