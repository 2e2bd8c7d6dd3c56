-- Each nation's portal takes applications from a budget that refills at a steady rate (a token bucket). It lives
-- in the database so every server process draws on the same one, and it is per nation, so a flood at one
-- nation's pathways empties that nation's budget and no other.
create table pathway_portal_budgets (
  tenant_id text not null references tenants (id),
  tokens double precision not null check (tokens >= 0),
  refilled_at timestamptz not null,
  primary key (tenant_id)
);

select enable_tenant_isolation('pathway_portal_budgets');
