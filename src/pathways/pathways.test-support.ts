import { randomUUID } from "node:crypto";
import type { Application } from "../app.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { solveChallenge } from "./bot-check.codec.ts";
import type { PathwaysService } from "./pathways.service.ts";
import { createRequestLimit, type RequestLimit } from "./portal-limits.service.ts";

// Fixtures shared by the pathway route tests: a small pathway per nation, applications filed through the portal.

/** A pathway any Venezuelan applicant is eligible for, with capacity, in `nation`. */
export function simplePathway(nation: string, id: string): Record<string, unknown> {
  return {
    id,
    nation,
    type: "humanitarian_parole",
    title: { en: `Test pathway ${id}`, ht: `Chemen tès ${id}` },
    documents: [{ en: "Passport", ht: "Paspò" }],
    capacity: { places: 10, period: "month" },
    processingDays: 30,
    rules: [{ kind: "nationality", in: ["VEN", "HTI"] }],
  };
}

/** Saves and publishes a pathway in `nation` (idempotent per id). */
export async function publishPathway(service: PathwaysService, nation: string, id: string): Promise<void> {
  const scope = systemScope(nation, "test");
  await service.catalog.save(scope, id, simplePathway(nation, id), "2020-01-01");
  await service.catalog.publish(scope, id, true);
}

/** Files an application through the portal service; returns its id, code and secret. */
export async function fileApplication(
  service: PathwaysService,
  nation: string,
  pathwayId: string,
  contact?: string,
) {
  const filed = await service.portal.apply(
    {
      lang: "ht",
      nation,
      pathwayId,
      answers: { nationality: "HTI" },
      fullName: "Marie Jean",
      ...(contact && { contact }),
    },
    null,
  );
  return filed;
}

/** A solved bot-check proof for the portal's apply route. */
export function proofFor(service: PathwaysService): { token: string; nonce: string } {
  const { token, difficulty } = service.botCheck.issue(Date.now());
  return { token, nonce: solveChallenge(token, difficulty) };
}

/** Registers an office of `nation` (appointments are booked at offices that exist). */
export async function ensureOffice(app: Application, nation: string, officeId: string): Promise<void> {
  await inScope(app.platform.database.db, { tenantId: nation }, (tx) =>
    tx
      .insertInto("offices")
      .values({ tenant_id: nation, id: officeId, name: `${nation} office ${officeId}` })
      .onConflict((oc) => oc.columns(["tenant_id", "id"]).doNothing())
      .execute(),
  );
}

/**
 * A portal request limit of its own for one test: `limit` requests an hour per client, counted in the test
 * application's database under a fresh name, so what earlier tests sent does not count.
 */
export function testLimit(t: { app: Application }, limit: number): RequestLimit {
  const name = `test-${randomUUID()}`;
  return createRequestLimit(
    t.app.platform.database.db,
    t.app.platform.keyring.indexKey,
    name,
    limit,
    3_600_000,
  );
}
