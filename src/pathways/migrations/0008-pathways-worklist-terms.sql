-- A pathway officer's queue filters applications by the applicant's nationality, specific needs and age band.
-- Those answers are encrypted, so each application also keeps keyed terms of them: an HMAC, under a key of the
-- application's nation, of the nationality code, each specific-needs code answered and the birth year (an age
-- band is turned into birth years when the queue is asked for). They are written with the application, filled
-- here for applications already stored (the migration's data step, which has the keys), and cleared when the
-- application is erased.
alter table pathway_applications add column filter_terms text[] not null default '{}';
create index pathway_applications_filter_terms on pathway_applications using gin (filter_terms);
