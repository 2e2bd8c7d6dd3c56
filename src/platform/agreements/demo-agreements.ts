import { systemScope } from "../auth/scope.ts";
import { DEMO_NATIONS } from "../demo-users.ts";
import type { Platform } from "../platform.ts";
import { type AgreementProposal, DataCategory, SharingPurpose } from "./agreements.contract.ts";

/** The pair of demo nations left without an agreement, to show the refusal. */
export const DEMO_PAIR_WITHOUT_AGREEMENT = ["BRA", "HTI"] as const;

const NATION_PURPOSES = SharingPurpose.options.filter((p) => p !== "statistics");

// The instrument the demo agreements cite. The declaration is real (White House, "Los Angeles Declaration on
// Migration and Protection", 10 June 2022; see ../shared/policy); it is political, not a data-sharing treaty, so
// every demo agreement says it is a demonstration and carries a DEMO reference.
const DECLARATION = "Demonstration agreement under the Los Angeles Declaration on Migration and Protection";
const DECLARATION_DATE = "2022-06-10";

function proposal(a: string, b: string): AgreementProposal {
  const regional = a === "REG" || b === "REG";
  const purposes = regional ? (["statistics"] as const) : NATION_PURPOSES;
  const categories = regional
    ? { statistics: ["aggregate_counts" as const] }
    : Object.fromEntries(
        purposes.map((p) => [p, DataCategory.options.filter((c) => c !== "aggregate_counts")]),
      );
  return {
    partner: b,
    purposes: [...purposes],
    categories,
    instrument: { title: DECLARATION, reference: `DEMO-${a}-${b}`, date: DECLARATION_DATE },
    validFrom: DECLARATION_DATE,
    validUntil: null,
  };
}

/**
 * Agreements among the demo nations for every purpose but statistics, and between the secretariat and each
 * demo nation for statistics, proposed by one side and accepted by the other through the service (so both
 * audit chains record them); BRA and HTI are left without one. Idempotent: a pair with a live agreement is
 * skipped. Returns how many agreements it made.
 */
export async function seedDemoAgreements(platform: Platform): Promise<number> {
  const pairs: [string, string][] = [];
  for (const [i, a] of DEMO_NATIONS.entries()) {
    for (const b of DEMO_NATIONS.slice(i + 1)) {
      const without = [a, b].sort().join() === [...DEMO_PAIR_WITHOUT_AGREEMENT].sort().join();
      if (!without) pairs.push([a, b]);
    }
    pairs.push(["REG", a]);
  }
  let created = 0;
  for (const [a, b] of pairs) {
    const proposer = systemScope(a, "demo.agreements");
    const live = await platform.agreements.list(proposer);
    if (live.some((x) => x.partner === b && x.status !== "ended")) continue;
    const proposed = await platform.agreements.propose(proposer, proposal(a, b));
    await platform.agreements.decide(systemScope(b, "demo.agreements"), proposed.id, {
      decision: "accept",
      reason: "demonstration data",
    });
    created++;
  }
  return created;
}
