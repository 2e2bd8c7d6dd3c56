import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { verifyAuditChains } from "../platform/audit/audit-verify.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { fileApplication, publishPathway } from "./pathways.test-support.ts";

// The pathway.application retention sweep: an application decided or closed and untouched for the period is
// erased as its applicant's own erasure would erase it; one still in the queue, or moved recently, stays.

let t: TestApp;
const DAY = 86_400_000;
const scope = () => systemScope("USA", "test");
const apps: Record<string, string> = {};

/** Moves an application's submission and every stage change `days` into the past. */
async function age(ids: string[], days: number) {
  const then = new Date(Date.now() - days * DAY);
  await t.database.asOwner(async (tx) => {
    await sql`update pathway_applications set submitted_at = ${then}, consent_at = ${then}
      where id in (${sql.join(ids)})`.execute(tx);
    await sql`update pathway_stage_changes set changed_at = ${then}
      where application_id in (${sql.join(ids)})`.execute(tx);
  });
}

const move = (id: string, stage: string, decision?: string) =>
  t.app.pathways.workflow.changeStage(scope(), id, { stage, decision, reason: "reviewed at the office" });

const stageOf = async () =>
  Object.fromEntries(
    (
      await t.database.asOwner((tx) =>
        tx
          .selectFrom("pathway_applications")
          .select(["id", "stage", "full_name_enc"])
          .where("id", "in", Object.values(apps))
          .execute(),
      )
    ).map((r) => [r.id, { stage: r.stage, named: r.full_name_enc !== null }]),
  );

beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-kept");
  for (const name of ["decidedLongAgo", "closedLongAgo", "waitingLongAgo", "decidedToday"])
    apps[name] = (await fileApplication(t.app.pathways, "USA", "usa-kept")).id;
  await move(apps.decidedLongAgo as string, "decided", "approved");
  await move(apps.closedLongAgo as string, "closed");
  await age([apps.decidedLongAgo, apps.closedLongAgo, apps.waitingLongAgo] as string[], 800);
  await age([apps.decidedToday] as string[], 800);
  await move(apps.decidedToday as string, "decided", "denied"); // a stage change today
  await t.app.retention.setPeriod(scope(), "pathway.application", 730);
});
afterAll(async () => {
  await t.close();
});

describe("the pathway.application retention sweep", () => {
  it("counts in a dry run and changes nothing", async () => {
    const [usa] = await t.app.retention.sweep({ nation: "USA", dryRun: true });
    expect(usa?.kinds).toEqual([
      { kind: "pathway.application", days: 730, expired: 2, erased: 0, failed: 0 },
    ]);
    expect(Object.values(await stageOf()).every((a) => a.named)).toBe(true);
  });

  it("erases exactly the decided or closed applications untouched for the period, keeping their tombstones", async () => {
    const [usa] = await t.app.retention.sweep({ nation: "USA" });
    expect(usa?.kinds).toEqual([
      { kind: "pathway.application", days: 730, expired: 2, erased: 2, failed: 0 },
    ]);
    const stages = await stageOf();
    expect(stages[apps.decidedLongAgo as string]).toEqual({ stage: "erased", named: false });
    expect(stages[apps.closedLongAgo as string]).toEqual({ stage: "erased", named: false });
    expect(stages[apps.waitingLongAgo as string]).toEqual({ stage: "submitted", named: true });
    expect(stages[apps.decidedToday as string]).toEqual({ stage: "decided", named: true });

    const events = await t.database.asOwner(
      async (tx) =>
        (
          await sql<{ details: { by: string } }>`select details from audit_events
            where tenant_id = 'USA' and action = 'pathway.application.erase'`.execute(tx)
        ).rows,
    );
    expect(events.map((e) => e.details.by)).toEqual(["retention", "retention"]);
    const report = await verifyAuditChains(t.app.platform.database);
    expect(report.every((nation) => nation.ok)).toBe(true);
    // A second sweep finds nothing left to erase.
    const [again] = await t.app.retention.sweep({ nation: "USA", dryRun: true });
    expect(again?.kinds[0]?.expired).toBe(0);
  });
});
