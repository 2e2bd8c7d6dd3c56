-- A run may be built from the nation's approved resettlement applications (source `applications`): it keeps
-- what it took (households, applications, pathways) and the applications it left out with the reason, ids and
-- tracking codes only. The result is recorded on each application by the pathways capability.
alter table placement_runs drop constraint placement_runs_source_check;
alter table placement_runs
  add constraint placement_runs_source_check check (source in ('csv', 'demo', 'applications'));
alter table placement_runs add column application_source jsonb;
