-- Officers' reasons, the consent text a referral records and a transport's error (which may quote the address)
-- can name or describe a person: like the other personal fields they are now encrypted by the application
-- (`*_enc`, key id beside the value). The database never holds the keys, so existing values are only marked
-- `legacy:` here; the application encrypts them when it starts (`sealLegacyText`), before it serves anything.
alter table pathway_stage_changes rename column reason to reason_enc;
update pathway_stage_changes set reason_enc = 'legacy:' || reason_enc;

alter table pathway_referrals rename column reason to reason_enc;
alter table pathway_referrals rename column consent_text to consent_text_enc;
alter table pathway_referrals rename column decided_reason to decided_reason_enc;
update pathway_referrals set
  reason_enc = 'legacy:' || reason_enc,
  consent_text_enc = 'legacy:' || consent_text_enc,
  decided_reason_enc = 'legacy:' || decided_reason_enc;

alter table pathway_outbox rename column last_error to last_error_enc;
update pathway_outbox set last_error_enc = 'legacy:' || last_error_enc where last_error_enc is not null;

-- Finding what is left to encrypt stays an index lookup at every start, on indexes empty once it is done.
create index pathway_stage_changes_legacy on pathway_stage_changes (tenant_id) where reason_enc like 'legacy:%';
create index pathway_referrals_legacy on pathway_referrals (tenant_id) where reason_enc like 'legacy:%';
create index pathway_outbox_legacy on pathway_outbox (tenant_id) where last_error_enc like 'legacy:%';
