-- Family ties and stated preferences are honoured by default: each assignment records which wish the family
-- stated (its relatives' places, or else its preferences) and what became of it, so staff see whether a tie
-- was honoured and, if not, why (no room, or no allowed place matches it). Runs stored before this column
-- existed did not honour wishes; their rows read 'none'.
alter table placement_assignments
  add column wish_kind text not null default 'none' check (wish_kind in ('tie', 'preference', 'none')),
  add column wish_status text not null default 'none'
    check (wish_status in ('honoured', 'full', 'not-allowed', 'not-chosen', 'none'));
