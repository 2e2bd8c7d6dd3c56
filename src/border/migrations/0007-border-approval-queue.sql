-- A supervisor's queue lists the decisions awaiting approval, oldest or newest first, a page at a time: the
-- decisions that need approval are found by this index, those superseded by the existing unique key on
-- (tenant_id, supersedes), so the count and the page are both answered by the database.
create index border_decisions_awaiting on border_decisions (tenant_id, decided_at, id) where needs_approval;
