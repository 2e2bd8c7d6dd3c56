-- An application is matched to the registry and linked to a person by an officer. `portal_consent_at` is when
-- the applicant agreed at the portal's consent step (null for an application that did not come through it: a
-- referral received from another nation); `registry_consent_at` is when that consent was recorded on the linked
-- person for the `pathway_application` purpose (null: linked without recording consent, or not linked).
alter table pathway_applications add column portal_consent_at timestamptz;
alter table pathway_applications add column registry_consent_at timestamptz;
alter table pathway_applications add column linked_at timestamptz;
-- Applications stored before this migration: those not received by referral were filed on the portal, through
-- its consent step, at `consent_at`.
update pathway_applications set portal_consent_at = consent_at where referred_from is null;
