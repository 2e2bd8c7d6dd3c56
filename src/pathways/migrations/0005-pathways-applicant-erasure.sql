-- An applicant may erase their own application from the public portal. The row stays as a tombstone (id,
-- pathway, nation, dates, decision if one was taken) in the final stage `erased`, so counts stay true; the
-- answers, name and contact are cleared (null) and `erased_at` says when.
alter table pathway_applications drop constraint pathway_applications_stage_check;
alter table pathway_applications add constraint pathway_applications_stage_check
  check (stage in ('submitted', 'screening', 'interview_scheduled', 'decided', 'closed', 'erased'));
alter table pathway_applications alter column answers_enc drop not null;
alter table pathway_applications add column erased_at timestamptz;
-- A tombstone holds nothing personal; a live application always holds its answers.
alter table pathway_applications add constraint pathway_applications_erased_check
  check ((stage = 'erased') = (erased_at is not null)
         and (stage <> 'erased' or (answers_enc is null and full_name_enc is null and contact_enc is null))
         and (stage = 'erased' or answers_enc is not null));

-- The stage history stays append-only, except that an erasure replaces the officers' reasons (free text that may
-- describe the applicant) with a fixed text: the application may update that one column, nothing else.
grant update (reason_enc) on pathway_stage_changes to hemisphere_app;
