import { recordAudit } from "../platform/audit/audit.ts";
import { type Scope, systemScope } from "../platform/auth/scope.ts";
import { encryptField } from "../platform/crypto/field-crypto.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import { PersonInput, type RegistryService } from "../registry/index.ts";
import { applicationFilterTerms } from "./application-terms.codec.ts";
import { insertApplication, recordStage, setDecision } from "./applications.store.ts";
import { ANSWERS_CONTEXT, NAME_CONTEXT, STAGE_REASON_CONTEXT } from "./engine/field-contexts.ts";
import type { PathwaysService } from "./pathways.service.ts";

// A demo journey from the portal to arrival, so the pages show one: a Venezuelan father and his son, living in
// Colombia, applied on the portal in July 2023 to the USA's Safe Mobility resettlement pathway (while it took
// applications), were approved in January 2024, linked to the registry as one household (the son's serious
// medical condition recorded there), placed in Houston by a run on the approved applications (Houston serves
// that need, Chicago does not), and their arrival recorded. Invented people; idempotent (a second run finds the
// father and stops). Needs the pathways demo (the example catalogue) and the demo agreements.

const PATHWAY = "usa-safe-mobility-col";

export const DEMO_RESETTLED_FATHER = PersonInput.parse({
  givenNames: ["Andrés"],
  surnames: ["Gómez", "Rojas"],
  sex: "M",
  birthDate: "1985-04-22",
  nationalities: ["VEN"],
  languages: ["es"],
  priorResidences: [{ country: "COL", from: "2019-02-01", to: null }],
});

const SON = PersonInput.parse({
  givenNames: ["Mateo"],
  surnames: ["Gómez"],
  sex: "M",
  birthDate: "2014-11-03",
  nationalities: ["VEN"],
  languages: ["es"],
  vulnerabilities: ["serious_medical_condition"],
});

/** The places of the demo run: two US localities, one serving serious medical conditions. */
export const DEMO_RESETTLEMENT_PLACES = [
  "place_id,nation,capacity_persons,locality,services,languages",
  "usa-houston,USA,40,Houston,serious_medical_condition;disability,en;es",
  "usa-chicago,USA,30,Chicago,,en;es",
].join("\n");

/** How the journey starts a placement run (placement's service, wired by app.ts). */
export type RunFromApplications = (
  scope: Scope,
  request: { source: "applications"; places: string; pathways: string[]; label: string },
) => Promise<unknown>;

/** Seeds the journey in the USA. */
export async function seedResettlementJourney(
  platform: Platform,
  pathways: PathwaysService,
  registry: RegistryService,
  runPlacement: RunFromApplications,
): Promise<void> {
  const officer = systemScope("USA", "demo-journey", ["pathway_officer"]);
  const registrar = systemScope("USA", "demo-journey", ["registrar"]);
  const found = await registry.people.search(registrar, {
    given: "Andrés",
    surname: "Gómez Rojas",
    dob: DEMO_RESETTLED_FATHER.birthDate ?? "",
  });
  if (found.some((hit) => hit.score.band === "likely")) return;
  if (!(await pathways.catalog.list(officer)).some((p) => p.id === PATHWAY)) return;

  const applicationId = await fileOnPortal(platform, officer);
  const why = "demo journey: the household registered together";
  const fatherId = (
    await registry.people.createPerson(registrar, {
      ...DEMO_RESETTLED_FATHER,
      overrideReason: why,
      officeId: null,
    })
  ).id;
  const sonId = (
    await registry.people.createPerson(registrar, { ...SON, overrideReason: why, officeId: null })
  ).id;
  const household = await registry.households.create(registrar, fatherId);
  await registry.households.addMember(registrar, household.id, { personId: sonId, relationship: "child" });
  await pathways.registryLink.confirm(officer, applicationId, fatherId);
  await runPlacement(officer, {
    source: "applications",
    places: DEMO_RESETTLEMENT_PLACES,
    pathways: [PATHWAY],
    label: "Demo: Safe Mobility, approved households",
  });
  await pathways.arrivals.recordOwn(officer, applicationId, {
    arrivedOn: new Date().toISOString().slice(0, 10),
  });
}

/** The father's application as the portal stores it (July 2023), approved in January 2024. */
async function fileOnPortal(platform: Platform, scope: Scope): Promise<string> {
  const { keyring } = platform;
  const submitted = new Date("2023-07-10T15:00:00Z");
  const decided = new Date("2024-01-15T14:00:00Z");
  const answers = {
    nationality: "VEN",
    current_country: "COL",
    arrival_date: "2019-02-01",
    exclusions: ["none"],
  };
  return inScope(platform.database.db, scope, async (tx) => {
    const app = await insertApplication(tx, scope, {
      tracking_code: "USA-DEMO-JOURNEY",
      secret_hash: "demo-applications-have-no-secret",
      pathway_id: PATHWAY,
      pathway_version: 1,
      stage: "decided",
      language: "es",
      screening_result: "eligible",
      answers_enc: encryptField(keyring, JSON.stringify(answers), ANSWERS_CONTEXT),
      full_name_enc: encryptField(keyring, "Andrés Gómez Rojas", NAME_CONTEXT),
      contact_enc: null,
      person_id: null,
      referred_from: null,
      submitted_at: submitted,
      consent_at: submitted,
      portal_consent_at: submitted,
      filter_terms: applicationFilterTerms(keyring, scope.tenantId, answers),
    });
    const seal = (text: string) => encryptField(keyring, text, STAGE_REASON_CONTEXT);
    await recordStage(tx, scope, app.id, null, "submitted", null, seal("filed on the portal"), submitted);
    await setDecision(tx, scope, app.id, "approved", decided);
    await recordStage(
      tx,
      scope,
      app.id,
      "submitted",
      "decided",
      "approved",
      seal("interview held; eligible for resettlement"),
      decided,
    );
    await recordAudit(tx, scope, {
      action: "pathway.demo.seed",
      targetType: "pathway_application",
      targetId: app.id,
      details: { journey: "resettlement" },
    });
    return app.id;
  });
}
