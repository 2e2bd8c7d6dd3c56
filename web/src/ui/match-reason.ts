import type { TFunction } from "i18next";

// Why two records may be the same person, in words: each compared field by its label and how closely it
// agrees ("Surnames: Exact"), never the matcher's codes. The registry's pages and the pathways' registry panel
// use it alike.

/** One reason of a match ("Date of birth: close"); a field or level the page does not know reads as its code. */
export function matchReasonText(reason: { field: string; agreement: string }, t: TFunction): string {
  const field = t(`pages.identity.fields.${reason.field}`, { defaultValue: reason.field });
  const agreement = t(`pages.identity.agreement.${reason.agreement}`, { defaultValue: reason.agreement });
  return `${field}: ${agreement}`;
}
