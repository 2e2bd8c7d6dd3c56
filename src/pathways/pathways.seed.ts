import fs from "node:fs";
import { recordAudit } from "../platform/audit/audit.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { encryptField } from "../platform/crypto/field-crypto.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import { seededRandom } from "../shared/seeded-random.ts";
import { applicationFilterTerms } from "./application-terms.codec.ts";
import { insertApplication, recordStage, setDecision } from "./applications.store.ts";
import { upsertAppointmentDay } from "./appointments.store.ts";
import { ANSWERS_CONTEXT, STAGE_REASON_CONTEXT } from "./engine/field-contexts.ts";
import type { PathwaysService } from "./pathways.service.ts";
import { hasEntries } from "./pathways.store.ts";

// Demo data: the example catalogue published by its nations, pledges, appointment days, and a few hundred
// applications at every stage spread over the last months, so queues and dashboards are not empty.

const EXAMPLES = new URL("../../packs/pathways/examples.json", import.meta.url);
const PLEDGES: Record<string, number> = {
  USA: 125_000,
  CAN: 51_000,
  COL: 200_000,
  MEX: 20_000,
  BRA: 15_000,
  CRI: 5_000,
  GTM: 2_000,
};
const SAMPLE_ANSWERS: Record<string, Record<string, unknown>> = {
  "usa-safe-mobility-col": {
    nationality: "VEN",
    current_country: "COL",
    arrival_date: "2022-03-01",
    exclusions: ["none"],
  },
  "usa-sponsor-parole": {
    nationality: "HTI",
    current_country: "HTI",
    sponsor_in_USA: true,
    has_valid_passport: true,
    status_elsewhere: ["none"],
    "irregular_entry_MEX_PAN_USA_after_2023-01-09": false,
    exclusions: ["none"],
  },
  "usa-family-reunification": {
    nationality: "COL",
    current_country: "COL",
    approved_family_petition: true,
    family_petition_category: "F2A",
    frp_invitation: true,
    exclusions: ["none"],
  },
  "col-temporary-status-ven": { nationality: "VEN", current_country: "COL", arrival_date: "2021-01-10" },
};

/** Seeds the pathway demo once (does nothing when the catalogue already has pathways). */
export async function seedPathwaysDemo(
  platform: Platform,
  service: PathwaysService,
  now = new Date(),
): Promise<void> {
  const { db } = platform.database;
  const usa = systemScope("USA", "demo");
  const already = await inScope(db, usa, (tx) => hasEntries(tx, usa));
  if (already) return;
  const examples = JSON.parse(fs.readFileSync(EXAMPLES, "utf8")) as { pathways: Record<string, unknown>[] };
  for (const definition of examples.pathways) {
    const scope = systemScope(String(definition.nation), "demo");
    await service.catalog.save(scope, String(definition.id), definition, "2023-01-01");
    await service.catalog.publish(scope, String(definition.id), true);
  }
  const year = now.getUTCFullYear();
  for (const [nation, places] of Object.entries(PLEDGES)) {
    await service.dashboards.setPledge(systemScope(nation, "demo"), year, places, "demo pledge");
  }
  await seedApplications(platform, now);
}

async function seedApplications(platform: Platform, now: Date): Promise<void> {
  const next = seededRandom(7);
  const { db } = platform.database;
  const byNation = new Map<string, string[]>();
  for (const id of Object.keys(SAMPLE_ANSWERS)) {
    const nation = id.slice(0, 3).toUpperCase();
    byNation.set(nation, [...(byNation.get(nation) ?? []), id]);
  }
  for (const [nation, pathways] of byNation) {
    const scope = systemScope(nation, "demo");
    await inScope(db, scope, async (tx) => {
      for (let day = 0; day < 10; day++) {
        const date = new Date(now.getTime() + (day + 1) * 86_400_000).toISOString().slice(0, 10);
        await upsertAppointmentDay(tx, scope, { officeId: `${nation}-01`, day: date, capacity: 12 });
      }
      for (let i = 0; i < 80; i++) {
        const pathway = pathways[i % pathways.length] as string;
        const submitted = new Date(now.getTime() - Math.floor(next() * 150) * 86_400_000);
        const roll = next();
        const stage =
          roll < 0.35
            ? "submitted"
            : roll < 0.5
              ? "screening"
              : roll < 0.6
                ? "interview_scheduled"
                : "decided";
        const decision = stage === "decided" ? (next() < 0.7 ? "approved" : "denied") : null;
        const app = await insertApplication(tx, scope, {
          tracking_code: `${nation}-DEMO-${String(i).padStart(4, "0")}`,
          secret_hash: "demo-applications-have-no-secret",
          pathway_id: pathway,
          pathway_version: 1,
          stage,
          language: ["es", "ht", "en", "pt", "fr"][i % 5] as string,
          screening_result: "eligible",
          answers_enc: encryptField(
            platform.keyring,
            JSON.stringify(SAMPLE_ANSWERS[pathway]),
            ANSWERS_CONTEXT,
          ),
          filter_terms: applicationFilterTerms(
            platform.keyring,
            scope.tenantId,
            SAMPLE_ANSWERS[pathway] ?? {},
          ),
          full_name_enc: null,
          contact_enc: null,
          person_id: null,
          referred_from: null,
          submitted_at: submitted,
          consent_at: submitted,
          portal_consent_at: submitted,
        });
        const seal = (text: string) => encryptField(platform.keyring, text, STAGE_REASON_CONTEXT);
        await recordStage(tx, scope, app.id, null, "submitted", null, seal("demo application"), submitted);
        if (decision) {
          const decidedAt = new Date(
            Math.min(now.getTime(), submitted.getTime() + (10 + next() * 60) * 86_400_000),
          );
          await setDecision(tx, scope, app.id, decision, decidedAt);
          await recordStage(
            tx,
            scope,
            app.id,
            "submitted",
            "decided",
            decision,
            seal("demo decision"),
            decidedAt,
          );
        }
      }
      await recordAudit(tx, scope, { action: "pathway.demo.seed", details: { applications: 80 } });
    });
  }
}
