-- Free text about victims and the requests to see them is personal: why a case is a protection record, the
-- purpose and authority of a legal basis, the purpose of a detail request and the notes of their decisions.
-- From here on it is stored encrypted (`enc1:` text, like entity values); the columns are renamed so that every
-- reader goes through decryption. The rows already stored are encrypted by this migration's data step, in the
-- same transaction (see `networksMigrations`).
alter table network_protection_records rename column reason to reason_enc;
alter table network_legal_bases rename column purpose to purpose_enc;
alter table network_legal_bases rename column authority to authority_enc;
alter table network_legal_bases rename column decision_note to decision_note_enc;
alter table network_detail_requests rename column purpose to purpose_enc;
alter table network_detail_requests rename column decision_note to decision_note_enc;
