-- Search selects its candidates by blocking terms written with each record: every pair of the name's sounds and
-- the full date of birth, as keyed blind indexes like the other terms. A common name alone matched thousands of
-- rows in a registry of millions; a pair of sounds or a date matches tens to hundreds. The data step of this
-- migration rewrites the terms of the people already stored (it needs the keys, so it runs in the application).
comment on column registry_people.terms is
  'keyed blind indexes: name tokens and sounds, date parts, blocking pairs, documents, phones';

-- Under row-level security the planner may not use the terms' GIN index: the array overlap operator is not
-- leakproof, so it is applied only after the policy, to every row of the nation (a sequential scan of a
-- million rows on every search). This function selects the candidates through the index as the schema's owner,
-- with the nation as an explicit condition, and ranks them by how many of `p_rank` terms each holds (its terms
-- read once a row), returning ids and counts only; the caller reads the chosen few under row-level security.
-- Reach: with `p_office_reach`, only people of `p_office` (null: people registered without an office).
create function registry_person_candidates(
  p_tenant text, p_terms text[], p_rank text[], p_office_reach boolean, p_office text, p_limit int
)
returns table (id uuid, shared int)
language sql stable security definer set search_path = public, pg_temp as $$
  select p.id, (select count(*)::int from unnest(p.terms) t where t = any(p_rank)) as shared
  from registry_people p
  where p.tenant_id = p_tenant and p.status = 'active' and p.terms && p_terms
    and (not p_office_reach or p.office_id is not distinct from p_office)
  order by shared desc, p.id
  limit p_limit
$$;
revoke all on function registry_person_candidates(text, text[], text[], boolean, text, int) from public;
grant execute on function registry_person_candidates(text, text[], text[], boolean, text, int) to hemisphere_app;
