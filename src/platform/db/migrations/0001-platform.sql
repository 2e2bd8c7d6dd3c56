-- Nations and the secretariat: a reference table every user may read.
create table tenants (
  id text primary key check (id ~ '^[A-Z]{3}$'),
  name text not null,
  kind text not null check (kind in ('nation', 'secretariat')),
  joined_on date
);

-- Tables created by the schema owner from here on are usable by the application role; rules below narrow them.
alter default privileges in schema public grant select, insert, update, delete on tables to hemisphere_app;
alter default privileges in schema public grant usage, select on sequences to hemisphere_app;
grant select on tenants to hemisphere_app;

create table offices (
  tenant_id text not null references tenants (id),
  id text not null,
  name text not null,
  primary key (tenant_id, id)
);

create table users (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  email text not null,
  display_name text not null,
  password_hash text,
  office_id text,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, email)
);

-- Sign-in directory: which nation an e-mail address belongs to, nothing more.
create table user_logins (
  email text primary key,
  tenant_id text not null references tenants (id),
  user_id uuid not null
);

create table user_roles (
  tenant_id text not null,
  user_id uuid not null,
  role text not null,
  primary key (tenant_id, user_id, role),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

create table sessions (
  tenant_id text not null,
  id text not null,
  user_id uuid not null,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

create table api_tokens (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  name text not null,
  token_hash text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, token_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);

-- A nation lets another tenant (usually the secretariat) see one of its personal records, for a purpose.
create table record_grants (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  grantee_tenant text not null references tenants (id),
  record_type text not null,
  record_id text not null,
  purpose text not null,
  granted_by uuid not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  primary key (tenant_id, id)
);
create index record_grants_grantee on record_grants (grantee_tenant, record_type, record_id);

-- Append-only, hash-chained per tenant: each event carries the hash of the one before.
create table audit_events (
  tenant_id text not null references tenants (id),
  seq bigint not null,
  id uuid not null default gen_random_uuid(),
  occurred_at timestamptz not null,
  actor_tenant text,
  actor_user uuid,
  actor_label text not null,
  action text not null,
  target_type text,
  target_id text,
  request_id text,
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null,
  primary key (tenant_id, seq)
);
create index audit_events_action on audit_events (tenant_id, action, occurred_at);
create index audit_events_target on audit_events (tenant_id, target_type, target_id);

create table audit_heads (
  tenant_id text primary key references tenants (id),
  seq bigint not null,
  hash text not null
);

revoke update, delete, truncate on audit_events from hemisphere_app;
revoke delete, truncate on audit_heads from hemisphere_app;

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit events are append-only';
end $$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();

-- Row-level security repeats the tenant rule of every query: a transaction sees only the tenant it set.
do $$
declare t text;
begin
  foreach t in array array['offices', 'users', 'user_roles', 'sessions', 'api_tokens', 'record_grants',
                           'audit_events', 'audit_heads'] loop
    execute format('alter table %I enable row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = current_setting(''app.tenant_id'', true)) '
      'with check (tenant_id = current_setting(''app.tenant_id'', true))', t);
  end loop;
end $$;

-- A secretariat may read the grants made to it, and nothing else of another tenant.
create policy grantee_reads on record_grants for select
  using (grantee_tenant = current_setting('app.tenant_id', true));
