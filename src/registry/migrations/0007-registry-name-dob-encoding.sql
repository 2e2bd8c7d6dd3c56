-- Prior-residence questions from partner nations are answered from the registry. A question carries the
-- regional encoding (CLK) of name and date of birth only, while `clk` encodes the whole record (documents,
-- phones, addresses), so the two would not compare. Each person keeps a second encoding of name and date of
-- birth under the same regional keys; the migration's data step computes it for the people already stored
-- (it needs the keys, which never reach the database). Erasure clears it with the rest.
alter table registry_people add column name_dob_clk bytea;
