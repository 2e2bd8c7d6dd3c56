-- An applicant who lost their secret asks for a one-time code sent to the contact they gave when applying, and
-- trades it for a new secret. Only a keyed hash of each code is kept, with when it expires, how many wrong
-- guesses it took and when it was used; the code itself travels only in the notification to the contact.
create table pathway_portal_recoveries (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  application_id uuid not null,
  code_hash text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  attempts integer not null default 0 check (attempts >= 0),
  used_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, application_id) references pathway_applications (tenant_id, id)
);
create index pathway_portal_recoveries_application
  on pathway_portal_recoveries (tenant_id, application_id, created_at);

select enable_tenant_isolation('pathway_portal_recoveries');
