import type { Keyring } from "../platform/crypto/keyring.ts";
import { nationTerms } from "../platform/crypto/nation-terms.ts";
import { filterTerms } from "../shared/worklist-filters.ts";
import { countryCodesOf } from "./engine/answers.ts";
import { questionIds } from "./engine/questions.ts";

/**
 * The nation's keyed filter terms of an application, from its answers: each nationality answered, each
 * specific need answered (the vulnerability question's categories, legacy codes read as current ones, `none`
 * and unknown ones left out) and the birth year of the date of birth answered.
 */
export function applicationFilterTerms(
  keyring: Keyring,
  tenantId: string,
  answers: Record<string, unknown>,
): string[] {
  const nationality = answers[questionIds.nationality];
  const needs = answers[questionIds.vulnerabilities];
  const birthDate = answers[questionIds.dateOfBirth];
  return nationTerms(
    keyring,
    tenantId,
    filterTerms({
      nationalities: countryCodesOf(nationality),
      needs: Array.isArray(needs) ? needs.filter((n): n is string => typeof n === "string") : [],
      birthDate: typeof birthDate === "string" ? birthDate : null,
    }),
  );
}

/** The same terms from answers kept as JSON text; text that is not a JSON object gives none. */
export function applicationFilterTermsOfText(keyring: Keyring, tenantId: string, answers: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answers);
  } catch {
    return [];
  }
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
    ? applicationFilterTerms(keyring, tenantId, parsed as Record<string, unknown>)
    : [];
}
