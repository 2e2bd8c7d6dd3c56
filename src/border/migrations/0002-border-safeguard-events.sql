-- Safeguards stay open until an authorised officer closes them on the record, with a reason and a reference
-- to the evidence the pack asks for; reopening is a new row too. The latest row per safeguard decides.
create table border_safeguard_events (
  tenant_id text not null references tenants (id),
  id uuid not null default gen_random_uuid(),
  encounter_id uuid not null,
  safeguard text not null check (safeguard in ('fear_claim', 'unaccompanied_child', 'trafficking', 'medical')),
  action text not null check (action in ('close', 'reopen')),
  reason text not null check (length(trim(reason)) > 0),
  evidence_kind text,
  evidence_reference text,
  recorded_by text not null,
  recorded_by_user uuid,
  -- clock_timestamp, not now(): two events in one transaction still come in the order they were written.
  recorded_at timestamptz not null default clock_timestamp(),
  primary key (tenant_id, id),
  foreign key (tenant_id, encounter_id) references border_encounters (tenant_id, id),
  check (action = 'reopen' or (length(trim(evidence_kind)) > 0 and length(trim(evidence_reference)) > 0))
);
create index border_safeguard_events_encounter on border_safeguard_events (tenant_id, encounter_id, recorded_at);

revoke update, delete, truncate on border_safeguard_events from hemisphere_app;
create trigger border_safeguard_events_append_only before update or delete on border_safeguard_events
  for each row execute function border_evidence_append_only();

select enable_tenant_isolation('border_safeguard_events');
