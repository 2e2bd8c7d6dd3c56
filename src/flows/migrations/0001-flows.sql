-- Flows: releases of official statistics and their observations.
-- A release is one import of one source (one or more files) by one tenant. Published releases are readable by
-- every tenant (official statistics); an unpublished upload stays its tenant's own. Writes are tenant-only.
create table flow_releases (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  source text not null,
  label text not null,
  grain text not null check (grain in ('month', 'year')),
  published boolean not null default false,
  imported_at timestamptz not null default now(),
  imported_by text not null,
  row_count integer not null default 0,
  period_from date,
  period_to date,
  primary key (tenant_id, id),
  unique (tenant_id, source, label)
);
create index flow_releases_source on flow_releases (source, imported_at);

-- Each file imported into a release, by content hash: the same file twice for a tenant and source is a no-op.
create table flow_release_files (
  tenant_id text not null,
  release_id uuid not null,
  source text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text not null,
  record_count integer not null,
  row_count integer not null,
  published boolean not null default false,
  primary key (tenant_id, release_id, sha256),
  unique (tenant_id, source, sha256),
  foreign key (tenant_id, release_id) references flow_releases (tenant_id, id) on delete cascade
);

-- The periods a release covers: for each period the latest release that covers it is the default view.
create table flow_release_periods (
  tenant_id text not null,
  release_id uuid not null,
  source text not null,
  period date not null,
  published boolean not null default false,
  primary key (tenant_id, release_id, period),
  foreign key (tenant_id, release_id) references flow_releases (tenant_id, id) on delete cascade
);
create index flow_release_periods_source on flow_release_periods (source, period);

-- Every dimension value a release holds, so filters can be listed without scanning observations.
create table flow_release_dimensions (
  tenant_id text not null,
  release_id uuid not null,
  dimension text not null,
  value text not null,
  row_count integer not null,
  published boolean not null default false,
  primary key (tenant_id, release_id, dimension, value),
  foreign key (tenant_id, release_id) references flow_releases (tenant_id, id) on delete cascade
);

-- One non-zero figure (a zero adds nothing to any sum; revisions read a missing figure as zero). The dimensions every official source uses are columns (fast filters and group-bys); anything
-- else (UNHCR procedure codes, a partner's own dimensions) sits in `extra`. `period` is the first day of the
-- month, or January 1st for yearly sources. `published` repeats the release's flag for row-level security.
create table flow_observations (
  tenant_id text not null,
  release_id uuid not null,
  period date not null,
  measure text not null,
  value double precision not null,
  published boolean not null default false,
  component text,
  land_border_region text,
  area_of_responsibility text,
  state text,
  demographic text,
  citizenship text,
  citizenship_iso text,
  title_of_authority text,
  encounter_type text,
  origin text,
  origin_iso text,
  asylum_country text,
  asylum_country_iso text,
  extra jsonb
);
create index flow_observations_release_period on flow_observations (tenant_id, release_id, period);

do $$
declare t text;
begin
  foreach t in array array['flow_releases', 'flow_release_files', 'flow_release_periods',
                           'flow_release_dimensions', 'flow_observations'] loop
    execute format('alter table %I enable row level security', t);
    -- Reading: your own tenant's rows, and every tenant's published statistics.
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
