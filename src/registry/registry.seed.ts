import { defaultMatchModel, scorePair } from "../identity/index.ts";
import { systemScope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { seedDemoOffices } from "../platform/offices/demo-offices.ts";
import type { Platform } from "../platform/platform.ts";
import { type DemoNation, demoNations } from "./engine/demo-people.ts";
import { normaliseRecord } from "./engine/person-record.ts";
import { externalKey } from "./person-seal.codec.ts";
import type { RegistryService } from "./registry.service.ts";
import { createRegistryText } from "./registry-text.service.ts";

/** The nations that get demo registries; each one's cross-border people are also held by the next. */
export const DEMO_REGISTRY_NATIONS = ["USA", "MEX", "GTM", "COL"];

/**
 * Seeds a few thousand demo people with planted duplicates (in the review queue), consent for cross-border
 * referral, and cases. Idempotent: a nation whose demo people are already registered is left as it is.
 */
export async function seedRegistryDemo(platform: Platform, registry: RegistryService, perNation = 700) {
  let created = 0;
  for (const demo of demoNations(DEMO_REGISTRY_NATIONS, perNation)) {
    const scope = systemScope(demo.nation, "demo");
    if (await alreadySeeded(platform, registry, demo)) continue;
    const people = demo.people.map((p) => ({ externalId: p.externalId, line: 0, person: p.person }));
    await seedDemoOffices(platform.database);
    const byOffice = new Map<string, typeof people>();
    for (const [i, p] of demo.people.entries()) {
      const group = byOffice.get(p.office) ?? [];
      group.push(people[i] as (typeof people)[number]);
      byOffice.set(p.office, group);
    }
    let inserted = 0;
    for (const [office, group] of byOffice)
      inserted += (await registry.importPeople(scope, group, { officeId: office, source: "demo" })).inserted;
    created += inserted;
    if (inserted === 0) continue;
    await inScope(platform.database.db, scope, (tx) => seedExtras(tx, registry, demo));
  }
  return created;
}

/** True when the nation's first demo person is registered: sealing thousands of people again is skipped. */
async function alreadySeeded(platform: Platform, registry: RegistryService, demo: DemoNation) {
  const first = demo.people[0];
  if (!first) return true;
  const key = externalKey(registry.keys, first.externalId);
  const found = await inScope(platform.database.db, { tenantId: demo.nation }, (tx) =>
    tx
      .selectFrom("registry_people")
      .select("id")
      .where("tenant_id", "=", demo.nation)
      .where("external_key", "=", key)
      .executeTakeFirst(),
  );
  return found !== undefined;
}

async function seedExtras(tx: Tx, registry: RegistryService, demo: DemoNation) {
  const ids = new Map<string, string>();
  const rows = await tx
    .selectFrom("registry_people")
    .select(["id", "external_key", "office_id"])
    .where("tenant_id", "=", demo.nation)
    .execute();
  const byKey = new Map(rows.map((r) => [r.external_key, r]));
  for (const p of demo.people) {
    const row = byKey.get(externalKey(registry.keys, p.externalId));
    if (row) ids.set(p.externalId, row.id);
  }
  const model = defaultMatchModel();
  const text = createRegistryText(registry.keys.keyring);
  const records = new Map(demo.people.map((p) => [p.externalId, p.person]));
  for (const [a, b] of demo.plantedDuplicates) {
    const score = scorePair(model, normaliseRecord(a, records.get(a)!), normaliseRecord(b, records.get(b)!));
    const reasons = score.reasons.filter((r) => r.agreement !== "missing");
    await tx
      .insertInto("registry_duplicate_reviews")
      .values({
        tenant_id: demo.nation,
        person_a: ids.get(a)!,
        person_b: ids.get(b)!,
        probability: score.probability,
        band: score.band === "unlikely" ? "possible" : score.band,
        reasons: JSON.stringify(reasons),
        why_created_enc: text.seal("reviewWhyCreated", "registered twice at different offices (demo)"),
      })
      .onConflict((oc) => oc.columns(["tenant_id", "person_a", "person_b"]).doNothing())
      .execute();
  }
  for (const ext of demo.crossBorder) {
    await tx
      .insertInto("registry_consents")
      .values({
        tenant_id: demo.nation,
        person_id: ids.get(ext)!,
        purpose: "cross_border_referral",
        given: true,
        given_by_enc: text.seal("consentGivenBy", "the person"),
        recorded_by: "system:demo",
      })
      .execute();
  }
  const caseworker = await tx
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", demo.nation)
    .where("email", "=", `caseworker@${demo.nation.toLowerCase()}.demo`)
    .executeTakeFirst();
  const withCases = [
    ...demo.crossBorder,
    ...demo.people.filter((_, i) => i % 15 === 0).map((p) => p.externalId),
  ];
  for (const [k, ext] of withCases.entries()) {
    const personId = ids.get(ext);
    const row = rows.find((r) => r.id === personId);
    if (!personId || !row) continue;
    await tx
      .insertInto("registry_cases")
      .values({
        tenant_id: demo.nation,
        person_id: personId,
        case_type: k % 3 === 0 ? "pathway_application" : "protection",
        office_id: row.office_id,
        assigned_to: k % 2 === 0 ? (caseworker?.id ?? null) : null,
        created_by: null,
      })
      .execute();
  }
}
