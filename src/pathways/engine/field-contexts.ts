// The encryption contexts of the pathway tables' personal fields (a value copied elsewhere will not decrypt).
export const ANSWERS_CONTEXT = "pathways.application.answers";
export const NAME_CONTEXT = "pathways.application.full_name";
export const CONTACT_CONTEXT = "pathways.application.contact";
export const REFERRAL_CONTEXT = "pathways.referral.payload";
export const OUTBOX_CONTEXT = "pathways.outbox.message";
/** Free text officers write about a person: why a stage changed, why a referral was made or decided. */
export const STAGE_REASON_CONTEXT = "pathways.stage_change.reason";
export const REFERRAL_REASON_CONTEXT = "pathways.referral.reason";
export const REFERRAL_CONSENT_CONTEXT = "pathways.referral.consent_text";
export const REFERRAL_DECIDED_REASON_CONTEXT = "pathways.referral.decided_reason";
/** A transport's error, which may quote the address it could not reach. */
export const OUTBOX_ERROR_CONTEXT = "pathways.outbox.last_error";
/** One line of the demo transport's file. */
export const OUTBOX_FILE_CONTEXT = "pathways.outbox.file";
/** A household's registry record carried to the nation that receives it, and the consent the officer noted. */
export const ARRIVAL_CONTEXT = "pathways.arrival.payload";
export const ARRIVAL_CONSENT_CONTEXT = "pathways.arrival.consent_text";
