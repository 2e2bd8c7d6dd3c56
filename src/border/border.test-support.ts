import { readFileSync } from "node:fs";
import { systemScope } from "../platform/auth/scope.ts";
import type { BorderService } from "./border.service.ts";
import type { EncounterRecord } from "./border-records.contract.ts";

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

/** The permit Colombia holds for her (same name, spelled without accents). */
export const herColombianPermit = {
  givenNames: "Maria Jose",
  familyNames: "Perez Rodriguez",
  birthDate: "1990-04-12",
  permitType: "PEP",
  validFrom: "2019-06-01",
  validTo: "2022-03-31",
};

/** Loads the US pack, makes COL answer automatically with her permit, and PER answer after review. */
export async function prepareBorderTenants(border: BorderService): Promise<void> {
  await border.loadPack(systemScope("USA", "test"), usPackText);
  await border.saveVerificationSettings(systemScope("COL", "test"), true);
  await border.addResidencePermit(systemScope("COL", "test"), herColombianPermit);
  await border.saveVerificationSettings(systemScope("PER", "test"), false);
}
