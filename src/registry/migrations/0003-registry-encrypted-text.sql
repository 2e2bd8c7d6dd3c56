-- Free text people write into registry records is personal: why a case moved, who gave consent, why a person
-- was registered despite a likely duplicate and how the pair was decided, why people were merged or split, why a
-- referral was asked for and decided, why a person was corrected. From here on it is stored encrypted (`enc1:`
-- text, like the people's own values); the columns are renamed so that every reader goes through decryption.
-- The rows already stored are encrypted by this migration's data step, in the same transaction (see
-- `registryMigrations`).
alter table registry_case_moves rename column reason to reason_enc;
alter table registry_consents rename column given_by to given_by_enc;
alter table registry_duplicate_reviews rename column why_created to why_created_enc;
alter table registry_duplicate_reviews rename column decision_reason to decision_reason_enc;
alter table registry_merges rename column reason to reason_enc;
alter table registry_merges rename column split_reason to split_reason_enc;
alter table registry_referrals rename column reason to reason_enc;
alter table registry_referrals rename column status_reason to status_reason_enc;
alter table registry_person_versions rename column reason to reason_enc;
