-- Erasing a person clears the keyed encoding a verification question carried about them, and nothing else:
-- the question stays, as evidence that it was asked, but no longer says about whom. Any other change to a
-- question, and any deletion, is still refused.
grant update (encoding) on border_verification_requests to hemisphere_app;

create function border_request_erasure_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.encoding = ''
     and (new.tenant_id, new.id, new.encounter_id, new.partner_tenant, new.check_code, new.requested_by,
          new.requested_at)
         is not distinct from
         (old.tenant_id, old.id, old.encounter_id, old.partner_tenant, old.check_code, old.requested_by,
          old.requested_at) then
    return new;
  end if;
  raise exception '% is append-only: record a new row that supersedes it', tg_table_name;
end $$;

drop trigger border_verification_requests_append_only on border_verification_requests;
create trigger border_verification_requests_append_only before update or delete on border_verification_requests
  for each row execute function border_request_erasure_only();
