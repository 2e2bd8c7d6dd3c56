-- Worklists filter a caseworker's cases by the person's nationality, specific needs and age band. Those values
-- are encrypted in the person's record, so each person also keeps keyed terms of them: an HMAC, under a key of
-- the person's nation, of each nationality code, each specific-needs code and the birth year (an age band is
-- turned into birth years when the list is asked for). The terms are written with the record on every save,
-- filled here for people already stored (the migration's data step, which has the keys), and cleared on erasure.
alter table registry_people add column filter_terms text[] not null default '{}';
create index registry_people_filter_terms on registry_people using gin (filter_terms);
-- The worklist reads a caller's own cases newest or oldest first.
create index registry_cases_assignee_created on registry_cases (tenant_id, assigned_to, created_at);
