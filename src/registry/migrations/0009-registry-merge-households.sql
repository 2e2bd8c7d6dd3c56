-- A merge carries the merged record's household membership to the survivor, and its undo (a split) carries it
-- back. The merge row keeps what it moved: the household, the merged record's relationship in it, and whether
-- the survivor joined the household in its place (true) or was already a member (false). Null: the merged
-- record belonged to no household.
alter table registry_merges add column household_id uuid;
alter table registry_merges add column merged_relationship text
  check (merged_relationship in ('principal', 'spouse', 'child', 'parent', 'sibling', 'other'));
alter table registry_merges add column survivor_joined boolean not null default false;
