-- The portal's per-client limits and its spent bot-check challenges live in the database, so every server
-- process (serve runs one per core on PostgreSQL) counts the same requests and refuses a challenge spent at
-- another. Both are keyed by keyed hashes: neither a client address nor a challenge is stored in clear. No
-- nation owns these rows: the portal is public and the limits count clients before any nation is chosen.
create table pathway_portal_request_windows (
  key text not null,
  window_start timestamptz not null,
  hits integer not null check (hits > 0),
  primary key (key, window_start)
);
create index pathway_portal_request_windows_start on pathway_portal_request_windows (window_start);

create table pathway_portal_spent_challenges (
  challenge_hash text primary key,
  expires_at timestamptz not null
);
create index pathway_portal_spent_challenges_expiry on pathway_portal_spent_challenges (expires_at);

