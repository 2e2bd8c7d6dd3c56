-- One place for the tenant rule in the database: capabilities call this for each tenant-owned table instead of
-- repeating the policy text. Reads and writes see only rows of the transaction's tenant (`app.tenant_id`).
create function enable_tenant_isolation(variadic tables text[]) returns void language plpgsql as $$
declare t text;
begin
  foreach t in array tables loop
    execute format('alter table %I enable row level security', t);
    execute format(
      'create policy tenant_isolation on %I using (tenant_id = current_setting(''app.tenant_id'', true)) '
      'with check (tenant_id = current_setting(''app.tenant_id'', true))', t);
  end loop;
end $$;
revoke all on function enable_tenant_isolation(text[]) from public;
