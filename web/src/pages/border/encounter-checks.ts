import { FIRST_ENCOUNTER_YEAR } from "../../../../src/border/border.contract.ts";

/** What the encounter form refuses before sending, as the server would: the field and the message's key. */
export type EncounterCheck = {
  field: "date" | "birthDate";
  key: "encounterTooEarly" | "encounterInFuture" | "birthTooEarly" | "birthInFuture";
};

const FIRST_BIRTH_YEAR = 1880;

/**
 * The dates the server refuses, found on the officer's side: an encounter before 1990 or after today, a birth
 * before 1880 or after today. `today` is the officer's own calendar date (the server allows up to UTC+14's).
 */
export function encounterChecks(fields: Record<string, string | undefined>, today: string): EncounterCheck[] {
  const problems: EncounterCheck[] = [];
  const date = fields.date?.trim().slice(0, 10) ?? "";
  if (date && Number(date.slice(0, 4)) < FIRST_ENCOUNTER_YEAR)
    problems.push({ field: "date", key: "encounterTooEarly" });
  else if (date && date > today) problems.push({ field: "date", key: "encounterInFuture" });
  const birth = fields.birthDate?.trim() ?? "";
  if (birth && Number(birth.slice(0, 4)) < FIRST_BIRTH_YEAR)
    problems.push({ field: "birthDate", key: "birthTooEarly" });
  else if (birth && birth > today) problems.push({ field: "birthDate", key: "birthInFuture" });
  return problems;
}
