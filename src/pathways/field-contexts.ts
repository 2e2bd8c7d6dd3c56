// The encryption contexts of the pathway tables' personal fields (a value copied elsewhere will not decrypt).
export const ANSWERS_CONTEXT = "pathways.application.answers";
export const NAME_CONTEXT = "pathways.application.full_name";
export const CONTACT_CONTEXT = "pathways.application.contact";
export const REFERRAL_CONTEXT = "pathways.referral.payload";
export { OUTBOX_CONTEXT } from "./outbox.service.ts";
