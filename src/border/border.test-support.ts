import { readFileSync } from "node:fs";
import type { Application } from "../app.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { DocumentEntry } from "../registry/index.ts";
import type { EncounterRecord } from "./border-records.contract.ts";
import { placeResidenceHolder, type ResidenceHolder } from "./permit-move.service.ts";

// Fixtures shared by the border route tests (not shipped to users; imported only by *.test.ts).

export const usPackText = readFileSync(
  new URL("../../packs/border/us-2020-2025.json", import.meta.url),
  "utf8",
);

/** A Venezuelan met in March 2022 who says she lived in Colombia: the article's case. */
export const venezuelanWhoLivedInColombia: EncounterRecord = {
  date: "2022-03-15",
  border: "Southwest Land Border",
  sector: "El Paso Sector",
  demographic: "single_adult",
  citizenship: "VEN",
  priorResidences: [{ country: "COL", from: "2019-06-01", to: "2022-02-28" }],
  fearClaim: false,
  medicalEmergency: false,
  traffickingIndicators: [],
  entry: "between_ports",
  appointment: false,
  deniedProtectionInTransit: false,
  imminentThreat: false,
  priorRemovalOrder: false,
  givenNames: "María José",
  familyNames: "Pérez Rodríguez",
  birthDate: "1990-04-12",
  documents: [{ type: "passport", country: "VEN", number: "V-12345678" }],
};

/** Her record in Colombia's registry: same name spelled without accents, with a PEP valid when she lived there. */
export const herColombianResidence = {
  holder: { givenNames: ["Maria", "Jose"], surnames: ["Perez", "Rodriguez"], birthDate: "1990-04-12" },
  document: {
    type: "col_pep",
    typeAsWritten: "",
    number: "PEP 9904 1201",
    issuingCountry: "COL",
    validFrom: "2019-06-01",
    expiry: "2022-03-31",
  } satisfies DocumentEntry,
};

/** Registers a residence document holder in a nation's registry (search before create), as a registrar would. */
export async function registerResident(
  app: Pick<Application, "platform">,
  nation: string,
  resident: { holder: ResidenceHolder; document: DocumentEntry },
): Promise<void> {
  const scope = systemScope(nation, "test");
  await inScope(app.platform.database.db, scope, (tx) =>
    placeResidenceHolder(
      tx,
      scope,
      app.platform.keyring,
      resident.holder,
      resident.document,
      "test resident",
    ),
  );
}

/** Loads the US pack, makes COL answer automatically from its registry (she is in it), and PER after review. */
export async function prepareBorderTenants(app: Pick<Application, "border" | "platform">): Promise<void> {
  const { border } = app;
  await border.loadPack(systemScope("USA", "test"), usPackText);
  await border.saveVerificationSettings(systemScope("COL", "test"), true);
  await registerResident(app, "COL", herColombianResidence);
  await border.saveVerificationSettings(systemScope("PER", "test"), false);
}
