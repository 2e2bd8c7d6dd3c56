import { defaultMatchModel, scorePair } from "../identity/index.ts";
import { findByLogin } from "../platform/auth/accounts.store.ts";
import { systemScope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { seedDemoOffices } from "../platform/offices/demo-offices.ts";
import type { Platform } from "../platform/platform.ts";
import { insertCase } from "./cases.store.ts";
import { insertConsent } from "./crossmatch.store.ts";
import { type DemoNation, demoNations } from "./engine/demo-people.ts";
import { normaliseRecord } from "./engine/person-record.ts";
import { externalKey } from "./person-seal.codec.ts";
import type { RegistryService } from "./registry.service.ts";
import { peopleKeys, personIdByExternalKey } from "./registry.store.ts";
import { createRegistryText } from "./registry-text.service.ts";
import { insertReviewPair } from "./review.store.ts";

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
    personIdByExternalKey(tx, { tenantId: demo.nation }, key),
  );
  return found !== undefined;
}

async function seedExtras(tx: Tx, registry: RegistryService, demo: DemoNation) {
  const ids = new Map<string, string>();
  const scope = systemScope(demo.nation, "demo");
  const rows = await peopleKeys(tx, scope);
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
    await insertReviewPair(tx, scope, {
      personA: ids.get(a)!,
      personB: ids.get(b)!,
      probability: score.probability,
      band: score.band === "unlikely" ? "possible" : score.band,
      reasons: JSON.stringify(reasons),
      whyCreatedEnc: text.seal("reviewWhyCreated", "registered twice at different offices (demo)"),
    });
  }
  for (const ext of demo.crossBorder) {
    await insertConsent(tx, {
      tenant_id: demo.nation,
      person_id: ids.get(ext)!,
      purpose: "cross_border_referral",
      given: true,
      given_by_enc: text.seal("consentGivenBy", "the person"),
      recorded_by: "system:demo",
    });
  }
  const caseworker = await findByLogin(tx, scope, `caseworker@${demo.nation.toLowerCase()}.demo`);
  const withCases = [
    ...demo.crossBorder,
    ...demo.people.filter((_, i) => i % 15 === 0).map((p) => p.externalId),
  ];
  for (const [k, ext] of withCases.entries()) {
    const personId = ids.get(ext);
    const row = rows.find((r) => r.id === personId);
    if (!personId || !row) continue;
    await insertCase(tx, scope, {
      personId,
      type: k % 3 === 0 ? "pathway_application" : "protection",
      officeId: row.office_id,
      assignedTo: k % 2 === 0 ? (caseworker?.id ?? null) : null,
    });
  }
}
