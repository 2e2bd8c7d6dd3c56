import { systemScope } from "../platform/auth/scope.ts";
import { PersonInput, type RegistryService } from "../registry/index.ts";
import { DEMO_COL_RESIDENTS } from "./border.seed.ts";
import type { BorderService } from "./border.service.ts";
import { EncounterRecord } from "./border-records.contract.ts";

// A demo journey through registry and border, so the pages show one person's path: a Venezuelan mother and
// her daughter, registered in the USA as one household, met at the southwest border in March 2022 as a family
// unit. The mother lived in Colombia (she is in Colombia's registry with a PEP) and states a fear of
// return: her claim shields her and holds every return of her daughter too until it is closed. The USA asks
// Colombia about her prior residence. Invented people; idempotent (a second run finds the mother and stops).

const mother = DEMO_COL_RESIDENTS[0]!;
const livedInColombia = { country: "COL", from: mother.document.validFrom!, to: "2022-02-28" } as const;

export const DEMO_JOURNEY_MOTHER = PersonInput.parse({
  givenNames: mother.givenNames.split(" "),
  surnames: mother.familyNames.split(" "),
  sex: "F",
  birthDate: mother.birthDate,
  nationalities: ["VEN"],
  languages: ["es"],
  priorResidences: [{ ...livedInColombia, permitType: "PEP" }],
});

export const DEMO_JOURNEY_DAUGHTER = PersonInput.parse({
  givenNames: ["Sofía"],
  surnames: ["Pérez"],
  sex: "F",
  birthDate: "2015-09-01",
  nationalities: ["VEN"],
  languages: ["es"],
});

const encounter = {
  date: "2022-03-15",
  border: "Southwest Land Border",
  sector: "El Paso Sector",
  citizenship: "VEN",
  priorResidences: [livedInColombia],
} as const;

/** Seeds the journey in the USA; needs the border demo (packs, Colombia's residents) and the demo agreements. */
export async function seedBorderJourney(border: BorderService, registry: RegistryService): Promise<void> {
  const registrar = systemScope("USA", "demo-journey", ["registrar"]);
  const officer = systemScope("USA", "demo-journey", ["border_officer"]);
  const found = await registry.people.search(registrar, {
    given: mother.givenNames,
    surname: mother.familyNames,
    dob: mother.birthDate,
  });
  if (found.some((hit) => hit.score.band === "likely")) return;

  const why = "demo journey: the family registered together";
  const motherId = (
    await registry.people.createPerson(registrar, {
      ...DEMO_JOURNEY_MOTHER,
      overrideReason: why,
      officeId: null,
    })
  ).id;
  const daughterId = (
    await registry.people.createPerson(registrar, {
      ...DEMO_JOURNEY_DAUGHTER,
      overrideReason: why,
      officeId: null,
    })
  ).id;
  const household = await registry.households.create(registrar, motherId);
  await registry.households.addMember(registrar, household.id, {
    personId: daughterId,
    relationship: "child",
  });

  const met = await border.recordEncounter(
    officer,
    EncounterRecord.parse({ ...encounter, demographic: "family_unit", personId: motherId, fearClaim: true }),
  );
  await border.recordEncounter(
    officer,
    EncounterRecord.parse({
      ...encounter,
      demographic: "accompanied_minor",
      personId: daughterId,
      familyOf: met.id,
    }),
  );
  await border.requestVerification(officer, met.id, "COL");
}
