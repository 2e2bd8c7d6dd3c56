-- The audit log as a transparency log (docs/adr/0011-audit-log.md). A writer appends its event as a leaf (the
-- canonical text and its hash) and queues it, without touching any per-tenant row; a sequencer later gives
-- committed leaves their place in the tenant's log in batches, each batch under a Merkle root, each batch
-- head chained to the one before. Events written before this migration keep their chain and become batch 0.

-- Events are numbered at write time from one sequence: unique per tenant, in write order, never reused.
create sequence audit_event_seq;
select setval('audit_event_seq', coalesce((select max(seq) from audit_events), 0) + 1, false);
alter sequence audit_event_seq owned by audit_events.seq;
alter table audit_events alter column seq set default nextval('audit_event_seq');
grant usage, select on sequence audit_event_seq to hemisphere_app;

-- A leaf holds its canonical text (exactly the hashed bytes) and its leaf hash in `hash`; an event of the
-- chained history holds `prev_hash` instead. Never both, never neither.
alter table audit_events add column canonical text;
alter table audit_events alter column prev_hash drop not null;
alter table audit_events add constraint audit_events_leaf_or_chained
  check ((canonical is null) <> (prev_hash is null));

-- Committed leaves not yet in the log. The writer inserts; only the sequencer (schema owner) deletes.
create table audit_pending (
  tenant_id text not null,
  seq bigint not null,
  primary key (tenant_id, seq)
);

-- The log: position `log_index` (1, 2, 3 … per tenant, no gaps) holds event `seq`, whose leaf hash was
-- `leaf_hash` when it was sequenced.
create table audit_log (
  tenant_id text not null,
  log_index bigint not null,
  seq bigint not null,
  leaf_hash text not null,
  batch_no bigint not null,
  primary key (tenant_id, log_index),
  unique (tenant_id, seq)
);

-- One row per sequenced batch: the range of log positions, the Merkle root of their leaf hashes, and the head
-- hash over (tenant, batch, range, root, previous head). Batch 0 is the chained history, with no root.
create table audit_batches (
  tenant_id text not null references tenants (id),
  batch_no bigint not null,
  first_index bigint not null,
  last_index bigint not null,
  root text,
  prev_head text not null,
  head text not null,
  sequenced_at timestamptz not null default now(),
  primary key (tenant_id, batch_no)
);

-- The head of each tenant's log: its size, its last batch and that batch's head hash. The sequencer locks
-- this row, so one sequencer at a time integrates a tenant, whatever the number of server processes.
alter table audit_heads rename column seq to tree_size;
alter table audit_heads add column batch_no bigint not null default 0;

-- The chained history as batch 0: its positions are its sequence numbers and its head the chain's last hash.
insert into audit_log (tenant_id, log_index, seq, leaf_hash, batch_no)
  select tenant_id, seq, seq, hash, 0 from audit_events;
insert into audit_batches (tenant_id, batch_no, first_index, last_index, root, prev_head, head)
  select tenant_id, 0, 1, tree_size, null, '0000000000000000000000000000000000000000000000000000000000000000', hash
  from audit_heads where tree_size > 0;

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_batches_no_update before update or delete on audit_batches
  for each row execute function audit_log_append_only();

-- The application writes leaves and queues them, and reads the log; sequencing is the schema owner's.
revoke update, delete, truncate on audit_pending from hemisphere_app;
revoke insert, update, delete, truncate on audit_log, audit_batches, audit_heads from hemisphere_app;
select enable_tenant_isolation('audit_pending', 'audit_log', 'audit_batches');
