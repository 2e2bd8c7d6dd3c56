-- Flows: monthly rollups per release, and stored results of the expensive derived queries (surges, forecasts).
-- See ADR 0008. Dashboards read a few hundred packed rollup rows instead of scanning observations.

-- Which dimension sets were rolled up for a (release, period): a period belongs to one file of its release, and
-- that file's rollups cover it. Empty for releases imported before rollups existed: queries then read figures.
alter table flow_release_periods add column rollups text[] not null default '{}';

-- Bumped whenever a release gains content, so stored results computed from it are recognised as stale.
alter table flow_releases add column revision integer not null default 0;

-- One row per (release, period, measure, dimension set): the sums of that measure per combination of the set's
-- values, packed as parallel arrays. `dims` is the set's dimension names sorted and comma-joined ('' for the
-- total); `keys1` holds the first dimension's values, `keys2` the second's (null when the set is smaller).
create table flow_rollups (
  tenant_id text not null,
  release_id uuid not null,
  dims text not null,
  measure text not null,
  period date not null,
  published boolean not null default false,
  keys1 text[],
  keys2 text[],
  vals double precision[] not null,
  primary key (tenant_id, release_id, dims, measure, period)
);

-- A derived result (surges, a forecast) for one query over one state of the releases it read. `releases_key`
-- fingerprints those releases (id, revision, published); a new release or a revision changes it. `published`
-- is true when every release read is published: the result is then the same for every tenant and any may
-- reuse it; otherwise it stays its tenant's own.
create table flow_result_cache (
  tenant_id text not null,
  kind text not null,
  query_key text not null,
  releases_key text not null,
  published boolean not null default false,
  result jsonb not null,
  computed_at timestamptz not null default now(),
  primary key (tenant_id, kind, query_key)
);
create index flow_result_cache_lookup on flow_result_cache (kind, query_key, releases_key);

do $$
declare t text;
begin
  foreach t in array array['flow_rollups', 'flow_result_cache'] loop
    execute format('alter table %I enable row level security', t);
    execute format(
      'create policy tenant_or_published_reads on %I for select '
      'using (tenant_id = current_setting(''app.tenant_id'', true) or published)', t);
    execute format(
      'create policy tenant_inserts on %I for insert '
      'with check (tenant_id = current_setting(''app.tenant_id'', true))', t);
    execute format(
      'create policy tenant_updates on %I for update '
      'using (tenant_id = current_setting(''app.tenant_id'', true)) '
      'with check (tenant_id = current_setting(''app.tenant_id'', true))', t);
    execute format(
      'create policy tenant_deletes on %I for delete '
      'using (tenant_id = current_setting(''app.tenant_id'', true))', t);
  end loop;
end $$;
