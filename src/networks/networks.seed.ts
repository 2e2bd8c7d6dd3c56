import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import { generateLinks, type LinkRow, type PlantedRing } from "./engine/links-generator.ts";
import { observationFromRow } from "./engine/observations.ts";
import type { NetworksService } from "./networks.service.ts";
import { hasLinksOfOrigin } from "./networks.store.ts";
import { isProtectionRecord } from "./wall.store.ts";

/** What the demo loads: generated links with planted rings for one nation, and a partner holding a few of them. */
export const NETWORKS_DEMO = {
  nation: "USA",
  seed: 3,
  links: 20_000,
  linksPerRing: 5_000,
  partner: "MEX",
  partnerSeed: 11,
  partnerLinks: 2_000,
} as const;

/**
 * A victim's protection record that touches the first ring's phone: the victim's own phone and her call to the
 * ring. Investigators see only "protected, legal basis required" on the ring phone until a basis is approved.
 */
export const DEMO_PROTECTED_CASE = {
  caseRef: "USA-PROT-0001",
  person: "V-0001",
  ownPhone: "+1 202 555 0147",
  reason: "victim of trafficking: protection record",
} as const;

/** How big the demo is; tests load a smaller one. */
export interface DemoSize {
  seed: number;
  links: number;
  linksPerRing: number;
}

/** The demo data, regenerated the same every time (the browser tests use it to know a planted ring's phone). */
export function networksDemoData(size: DemoSize = NETWORKS_DEMO) {
  const rows: LinkRow[] = [];
  const rings: PlantedRing[] = generateLinks(
    { seed: size.seed, links: size.links, linksPerRing: size.linksPerRing },
    (r) => rows.push(r),
  );
  const ring = rings[0] as PlantedRing;
  // Set order keeps the operators' identifiers first: the first phone is one the ring's organisers use.
  const ringPhone = (ring.suspects.find((m) => m.startsWith("phone:")) ?? "phone:").slice("phone:".length);
  // The protection record is a victim's case: the ring's first victim, or its first client if it has none.
  const calledBy = (people: string[]) =>
    rows.find((r) => r[4] === "called" && r[6].startsWith("CASE") && people.includes(`person:${r[1]}`));
  const victimRow = calledBy(ring.victims) ?? calledBy(ring.clients);
  return { rows, rings, ringPhone, victimCase: victimRow?.[6] ?? "" };
}

function partnerRows(ringPhone: string, ringAccount: string): LinkRow[] {
  const rows: LinkRow[] = [];
  generateLinks({ seed: NETWORKS_DEMO.partnerSeed, links: NETWORKS_DEMO.partnerLinks }, (r) => rows.push(r));
  // The same ring, met at Mexico's southern border: its phone and its account turn up in Mexican cases.
  for (let i = 0; i < 4; i++) {
    const person = `MX-P-${i + 1}`;
    const caseRef = `MEX-CASE-${i + 1}`;
    rows.push(["person", person, "phone", ringPhone, "called", `2024-02-0${i + 1}`, caseRef, "", ""]);
    rows.push(["person", person, "account", ringAccount, "paid_to", `2024-02-0${i + 1}`, caseRef, "", ""]);
  }
  return rows;
}

/** Loads the demo networks once (later runs find the demo links and stop) and publishes both nations' hashes. */
export async function seedNetworksDemo(
  platform: Platform,
  service: NetworksService,
  size: DemoSize = NETWORKS_DEMO,
): Promise<void> {
  const home = systemScope(NETWORKS_DEMO.nation, "demo", ["investigator"]);
  const partner = systemScope(NETWORKS_DEMO.partner, "demo", ["investigator"]);
  const seeded = await inScope(platform.database.db, home, (tx) => hasLinksOfOrigin(tx, home, "demo"));
  const data = networksDemoData(size);
  if (seeded) return seedProtectedCase(platform, service, data.ringPhone);
  const account =
    data.rings[0]?.suspects.find((m) => m.startsWith("account:"))?.slice("account:".length) ?? "";
  await service.ingest(home, {
    origin: "demo",
    observations: data.rows.map(observationFromRow),
    protectionRecords: data.victimCase
      ? [{ caseRef: data.victimCase, reason: "victim of trafficking: protection record" }]
      : [],
  });
  await service.ingest(partner, {
    origin: "demo",
    observations: partnerRows(data.ringPhone, account).map(observationFromRow),
  });
  await seedProtectedCase(platform, service, data.ringPhone);
  await service.publish(home);
  await service.publish(partner);
}

/** Adds the demo's protected case touching the ring phone, once (a demo loaded before it existed gets it too). */
async function seedProtectedCase(platform: Platform, service: NetworksService, ringPhone: string) {
  const home = systemScope(NETWORKS_DEMO.nation, "demo", ["investigator"]);
  const { caseRef, person, ownPhone, reason } = DEMO_PROTECTED_CASE;
  const flagged = await inScope(platform.database.db, home, (tx) => isProtectionRecord(tx, home, caseRef));
  if (flagged) return;
  const row = (target: string, kind: string, day: string): LinkRow => [
    "person",
    person,
    "phone",
    target,
    kind,
    day,
    caseRef,
    "victim",
    "",
  ];
  // One batch: the links and the flag land together, so the victim's links are never in view unflagged.
  await service.ingest(home, {
    origin: "demo",
    observations: [row(ownPhone, "uses_phone", "2024-01-20"), row(ringPhone, "called", "2024-01-22")].map(
      observationFromRow,
    ),
    protectionRecords: [{ caseRef, reason }],
  });
}
