-- Every API call is authenticated before its nation is bound for row-level security. A token is found by the
-- hash of its secret in one statement, through this function, instead of a transaction that binds the nation,
-- reads and commits (four round trips on every call). It runs as the schema's owner and reads only rows of the
-- nation the token names, by an explicit condition on every table it reads; only the token's holder can
-- compute the hash it is asked for. The roles and grants are read as `rolesOfUser` and `grantsOfUser`
-- (src/platform/auth/accounts.store.ts) read them.
create function api_token_user(p_tenant text, p_token_hash text)
returns table (
  id uuid, email text, office_id text, disabled boolean, kind text, roles json, grants json,
  expires_at timestamptz, revoked_at timestamptz
)
language sql stable security definer set search_path = public, pg_temp as $$
  select u.id, u.email, u.office_id, u.disabled, u.kind,
    (select coalesce(json_agg(r.role order by r.role), '[]'::json)
       from user_roles r where r.tenant_id = p_tenant and r.user_id = u.id),
    (case when u.kind = 'service' then
      (select coalesce(json_agg(g.role order by g.role), '[]'::json)
         from service_account_grants g where g.tenant_id = p_tenant and g.user_id = u.id)
     else '[]'::json end),
    t.expires_at, t.revoked_at
  from api_tokens t join users u on u.tenant_id = t.tenant_id and u.id = t.user_id
  where t.tenant_id = p_tenant and u.tenant_id = p_tenant and t.token_hash = p_token_hash
$$;
revoke all on function api_token_user(text, text) from public;
grant execute on function api_token_user(text, text) to hemisphere_app;
