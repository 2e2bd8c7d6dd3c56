import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import type { DocumentEntry } from "../registry/index.ts";
import type { BorderService } from "./border.service.ts";
import { placeResidenceHolder } from "./permit-move.service.ts";

// Demo data for border processing: each nation's shipped pack in force (so its border officers get an
// assessment), Colombia answering verification questions automatically from its registry, where a few
// Venezuelans hold Colombian residence permits, and a small set of US encounters and decisions for the dashboards. Idempotent: a second run
// changes nothing.

/** The shipped pack each demo nation loads, by file in packs/border/. */
export const DEMO_PACKS: Record<string, string> = {
  USA: "us-2020-2025.json",
  MEX: "mx-2019-2023.json",
  COL: "co-2021-2023.json",
};

const packText = (file: string) =>
  readFileSync(new URL(`../../packs/border/${file}`, import.meta.url), "utf8");

/** A Venezuelan holding a Colombian residence permit, invented for the demo. */
export interface DemoResident {
  givenNames: string;
  familyNames: string;
  birthDate: string;
  document: Pick<DocumentEntry, "type" | "number" | "validFrom" | "expiry">;
}

/**
 * Venezuelans holding Colombian residence permits (PEP: Permiso Especial de Permanencia; PPT: Permiso por
 * Protección Temporal), invented for the demo: people of Colombia's registry with that document.
 */
export const DEMO_COL_RESIDENTS: readonly DemoResident[] = [
  {
    givenNames: "María José",
    familyNames: "Pérez Rodríguez",
    birthDate: "1990-04-12",
    document: { type: "col_pep", number: "PEP 9904 1201", validFrom: "2019-06-01", expiry: "2022-03-31" },
  },
  {
    givenNames: "Luis Alberto",
    familyNames: "González Marcano",
    birthDate: "1985-11-03",
    document: { type: "col_pep", number: "PEP 8511 0302", validFrom: "2018-08-01", expiry: "2021-07-31" },
  },
  {
    givenNames: "Carla",
    familyNames: "Rivas Mendoza",
    birthDate: "1998-01-27",
    document: { type: "col_ppt", number: "PPT 9801 2703", validFrom: "2021-10-01", expiry: null },
  },
];

/** Colombia's demo residents in its registry, each with the residence document (search before create). */
async function seedColombianResidents(platform: Platform): Promise<void> {
  const col = systemScope("COL", "demo");
  await inScope(platform.database.db, col, async (tx) => {
    for (const r of DEMO_COL_RESIDENTS) {
      const holder = {
        givenNames: r.givenNames.split(" "),
        surnames: r.familyNames.split(" "),
        birthDate: r.birthDate,
      };
      const document = { ...r.document, typeAsWritten: "", issuingCountry: "COL" };
      await placeResidenceHolder(
        tx,
        col,
        platform.keyring,
        holder,
        document,
        "demo: a Colombian residence permit",
      );
    }
  });
}

const demographics = ["single_adult", "family_unit", "accompanied_minor", "single_adult"];
const citizenships = ["MEX", "GTM", "HND", "VEN", "CUB", "SLV", "VEN", "MEX"];
const sectors = ["Rio Grande Valley", "El Paso", "Tucson", "San Diego", "Del Rio"];

/** A deterministic CSV of demo encounters across the Title 42 years. */
export function demoEncounterCsv(count: number): string {
  const lines = ["date,border,sector,demographic,citizenship,fear_claim,prior_residences"];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2020, 3, 1) + ((i * 37) % 1150) * 86_400_000).toISOString().slice(0, 10);
    const citizenship = citizenships[i % citizenships.length];
    const residence = citizenship === "VEN" && i % 3 === 0 ? "COL:2018-01-01:2021-12-31" : "";
    lines.push(
      [
        day,
        "Southwest Land Border",
        `${sectors[i % sectors.length]} Sector`,
        demographics[i % 4],
        citizenship,
        i % 9 === 0 ? "yes" : "no",
        residence,
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Seeds the border demo data; safe to run at every demo start. */
export async function seedBorderDemo(platform: Platform, border: BorderService): Promise<void> {
  const usa = systemScope("USA", "demo", ["border_officer"]);
  for (const [nation, file] of Object.entries(DEMO_PACKS))
    await border.loadPack(systemScope(nation, "demo"), packText(file));
  await border.saveVerificationSettings(systemScope("COL", "demo"), true);
  await seedColombianResidents(platform);
  const csv = demoEncounterCsv(40);
  const imported = await border.importEncounters(usa, {
    fileName: "demo-encounters.csv",
    contentHash: createHash("sha256").update(csv).digest("hex"),
    open: () => Readable.from([csv]),
  });
  if (imported.alreadyImported) return;
  await decideDemoEncounters(border, usa);
}

async function decideDemoEncounters(border: BorderService, usa: ReturnType<typeof systemScope>) {
  const { encounters } = await border.listEncounters(usa, { limit: 200, offset: 0 });
  for (const encounter of encounters) {
    const { assessment } = await border.assessEncounter(usa, encounter.id);
    const expel = assessment.dispositions.find((d) => d.code === "expulsion" && d.eligible);
    const choice = expel
      ? { disposition: "expulsion" as const, to: expel.to }
      : { disposition: "title8_processing" as const };
    await border.decide(usa, encounter.id, { ...choice, reason: "demo decision from the assessment" });
  }
}
