-- The country-of-origin shield: the nations no answer about a person may ever reach (cross-match, referrals).
-- The protection status itself is a personal value and stays inside the encrypted details; this column holds
-- only the nation codes, so a partner's scan can leave shielded people out in the same statement that reads
-- the encodings (no extra query for a shielded person, hence no timing difference to observe).
alter table registry_people add column shielded_from text[] not null default '{}';
