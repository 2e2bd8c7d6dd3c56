-- Sign-in attempts, counted before any password is checked: per account, per client address, and per account
-- at one address (see src/platform/auth/sign-in-throttle.ts). A sign-in happens before its tenant is known, so
-- the table is global like the sign-in directory and holds no tenant's rows. Keys are keyed hashes (HMAC) of
-- the e-mail and the address: the table holds neither in clear. Rows past `expires_at` are purged.
create table sign_in_attempts (
  key text primary key,
  kind text not null check (kind in ('account', 'address', 'account_address')),
  attempts integer not null check (attempts >= 0),
  window_started_at timestamptz not null,
  last_attempt_at timestamptz not null,
  expires_at timestamptz not null
);
create index sign_in_attempts_expiry on sign_in_attempts (expires_at);

-- A person signs in; a service account is a machine that only holds API tokens: no password, no sign-in.
alter table users add column kind text not null default 'person' check (kind in ('person', 'service'));
alter table users add constraint users_service_has_no_password check (kind = 'person' or password_hash is null);

-- A service account's roles give it no personal-data permission unless an administrator granted that role
-- explicitly, with a reason. Removing the role removes its grant.
create table service_account_grants (
  tenant_id text not null,
  user_id uuid not null,
  role text not null,
  reason text not null,
  granted_by uuid,
  granted_by_label text not null,
  granted_at timestamptz not null default now(),
  primary key (tenant_id, user_id, role),
  foreign key (tenant_id, user_id, role) references user_roles (tenant_id, user_id, role) on delete cascade
);
select enable_tenant_isolation('service_account_grants');
