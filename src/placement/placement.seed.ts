import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import type { Platform } from "../platform/platform.ts";
import type { PlacementService } from "./placement.service.ts";
import { hasRunLabelled } from "./placement.store.ts";

// Demo data: one completed demo batch for a nation (its pathway officers see it) and one regional batch for
// the secretariat, built on the year's pledges. A second call finds them by label and does nothing.

export const PLACEMENT_DEMO_LABEL = "Demo batch";
const DEMO_TENANTS = ["USA", "REG"];

/** Seeds the demo runs once per tenant (quick: 150 families, well under a second each). */
export async function seedPlacementDemo(platform: Platform, service: PlacementService): Promise<void> {
  for (const tenant of DEMO_TENANTS) {
    const scope = systemScope(tenant, "demo", ["pathway_officer"]);
    const exists = await inScope(platform.database.db, scope, (tx) =>
      hasRunLabelled(tx, scope, PLACEMENT_DEMO_LABEL),
    );
    if (exists) continue;
    await service.createRun(scope, {
      source: "demo",
      cases: 150,
      seed: 1,
      label: PLACEMENT_DEMO_LABEL,
      options: {
        priority: "score",
        preferenceWeight: 0.05,
        tieWeight: 0.05,
        floors: {},
        timeLimitSeconds: 5,
        seed: 1,
      },
    });
  }
}
