import type { DataCategory } from "../../platform/agreements/agreements.contract.ts";
import type { PersonInput } from "../registry.contract.ts";

/** What an accepted referral shares with the asking nation, category by category. */
export interface SharedDetails {
  givenNames?: string[];
  surnames?: string[];
  sex?: PersonInput["sex"];
  birthDate?: PersonInput["birthDate"];
  nationalities?: string[];
  documents?: PersonInput["documents"];
  priorResidences?: PersonInput["priorResidences"];
}

/**
 * The part of a person a referral may carry under the agreement's categories for its purpose: `identity`
 * (names, sex, date of birth), `nationality`, `documents`, `prior_residence`. Vulnerabilities, phones, the
 * protection status and anything else never leave with a referral.
 */
export function sharedUnder(person: PersonInput, categories: readonly DataCategory[]): SharedDetails {
  const allowed = new Set(categories);
  return {
    ...(allowed.has("identity")
      ? {
          givenNames: person.givenNames,
          surnames: person.surnames,
          sex: person.sex,
          birthDate: person.birthDate,
        }
      : {}),
    ...(allowed.has("nationality") ? { nationalities: person.nationalities } : {}),
    ...(allowed.has("documents") ? { documents: person.documents } : {}),
    ...(allowed.has("prior_residence") ? { priorResidences: person.priorResidences } : {}),
  };
}
