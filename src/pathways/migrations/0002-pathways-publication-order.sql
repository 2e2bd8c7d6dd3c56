-- The portal every nation shares leaves out a published pathway that cannot sit beside the others (a question
-- asked with another type, say); when two clash, the one published first keeps its place. Withdrawing clears
-- the time, publishing again sets a new one.
alter table pathway_entries add column published_at timestamptz;
update pathway_entries set published_at = updated_at where published;
