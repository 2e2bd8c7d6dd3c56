-- A nation answers prior-residence questions from its registry: a permit holder is a registry person with a
-- residence document. The border's own list of residence permits goes. This migration's data step (it needs
-- the keys) moves each stored permit into the registry of its nation, searching before it creates: a holder
-- already registered gets the permit as a document, anyone else is registered with it. The step then drops
-- `border_residence_permits`. It runs after the registry's migrations (0007 gives people the encoding
-- questions are compared with).

-- A question names the day it asks about: the partner answers from a residence document valid on that day.
-- Questions asked before this migration get the day a new question would get: the last day of the stated
-- residence in the partner's country, or the day of the encounter.
alter table border_verification_requests add column as_of date;

alter table border_verification_requests disable trigger border_verification_requests_append_only;
update border_verification_requests q
   set as_of = coalesce(
     (select max((r ->> 'to')::date) from jsonb_array_elements(e.prior_residences) r
       where r ->> 'country' = q.partner_tenant and r ->> 'to' is not null),
     e.encountered_on)
  from border_encounters e
 where e.tenant_id = q.tenant_id and e.id = q.encounter_id;
alter table border_verification_requests enable trigger border_verification_requests_append_only;
alter table border_verification_requests alter column as_of set not null;

-- Erasure may still clear the encoding and nothing else: the day asked about is kept like the rest.
create or replace function border_request_erasure_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.encoding = ''
     and (new.tenant_id, new.id, new.encounter_id, new.partner_tenant, new.check_code, new.requested_by,
          new.requested_at, new.as_of)
         is not distinct from
         (old.tenant_id, old.id, old.encounter_id, old.partner_tenant, old.check_code, old.requested_by,
          old.requested_at, old.as_of) then
    return new;
  end if;
  raise exception '% is append-only: record a new row that supersedes it', tg_table_name;
end $$;
