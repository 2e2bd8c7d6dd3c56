import type { TFunction } from "i18next";

// Why a pair of records may be the same person, in words: each compared field by its label and how closely it
// agrees ("Surname: exact"), never the matcher's codes.

/** One reason of a match ("Date of birth: close"); a field or level the page does not know reads as its code. */
export function matchReasonText(reason: { field: string; agreement: string }, t: TFunction): string {
  const field = t(`pages.registry.matchFields.${reason.field}`, { defaultValue: reason.field });
  const agreement = t(`pages.registry.agreements.${reason.agreement}`, { defaultValue: reason.agreement });
  return `${field}: ${agreement}`;
}
