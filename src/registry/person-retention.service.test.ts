import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { verifyAuditChains } from "../platform/audit/audit-verify.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { createRetentionService, type RetentionSweeper } from "../platform/retention/retention.service.ts";
import { giveConsent, personInput, registerPerson } from "./registry.test-support.ts";

// The retention sweep over registered people: exactly those untouched for the period with no open work are
// erased, through the same erasure as a data subject's request; everything else stays.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const DAY = 86_400_000;

/** Moves every timestamp the registry keeps about these people `days` into the past (the audit log aside). */
async function age(ids: string[], days: number) {
  const then = new Date(Date.now() - days * DAY);
  await t.database.asOwner(async (tx) => {
    await sql`update registry_people set created_at = ${then}, updated_at = ${then} where id in (${sql.join(ids)})`.execute(
      tx,
    );
    await sql`update registry_person_versions set edited_at = ${then} where person_id in (${sql.join(ids)})`.execute(
      tx,
    );
    await sql`update registry_consents set recorded_at = ${then} where person_id in (${sql.join(ids)})`.execute(
      tx,
    );
    await sql`update registry_cases set created_at = ${then} where person_id in (${sql.join(ids)})`.execute(
      tx,
    );
    await sql`update registry_case_notes set written_at = ${then}
      where case_id in (select id from registry_cases where person_id in (${sql.join(ids)}))`.execute(tx);
  });
}

const statusOf = async (ids: string[]) =>
  Object.fromEntries(
    (
      await t.database.asOwner((tx) =>
        tx.selectFrom("registry_people").select(["id", "status"]).where("id", "in", ids).execute(),
      )
    ).map((r) => [r.id, r.status]),
  );

const openCase = async (nation: string, personId: string) =>
  (
    await t.app.registry.cases.openCase(systemScope(nation, "test"), {
      personId,
      type: "protection",
      officeId: null,
      note: "first interview held",
    })
  ).id;

const eventsOf = (nation: string, action: string) =>
  t.database.asOwner(
    async (tx) =>
      (
        await sql<{ actor_label: string; details: Record<string, unknown> }>`select actor_label, details
        from audit_events where tenant_id = ${nation} and action = ${action} order by seq`.execute(tx)
      ).rows,
  );

describe("the registry.person retention sweep", () => {
  const people: Record<string, string> = {};
  beforeAll(async () => {
    const reg = async (name: string) => {
      people[name] = await registerPerson(t.app, "USA");
      return people[name] as string;
    };
    const plain = await reg("untouched");
    const closed = await reg("closedLongAgo");
    const closedCase = await openCase("USA", closed);
    await t.database.asOwner((tx) =>
      tx.updateTable("registry_cases").set({ status: "closed" }).where("id", "=", closedCase).execute(),
    );
    const open = await reg("openCase");
    await openCase("USA", open);
    const justClosed = await reg("caseClosedToday");
    const justClosedCase = await openCase("USA", justClosed);
    const recentConsent = await reg("consentToday");
    const survivor = await reg("mergedRecordChangedToday");
    const input = personInput();
    const duplicate = await registerPerson(t.app, "USA", input);
    await reg("registeredToday");
    await age([plain, closed, open, justClosed, recentConsent, survivor, duplicate], 400);
    // Work on some of them today, as staff would.
    await t.app.registry.cases.setStatus(systemScope("USA", "test"), justClosedCase, "closed");
    await giveConsent(t.app, "USA", recentConsent);
    await t.database.asOwner((tx) =>
      tx
        .updateTable("registry_people")
        .set({ status: "merged", merged_into: survivor, updated_at: new Date() })
        .where("id", "=", duplicate)
        .execute(),
    );
    // Mexico has an untouched person too, and no period.
    people.mexico = await registerPerson(t.app, "MEX");
    await age([people.mexico], 400);
    await t.app.retention.setPeriod(systemScope("USA", "test"), "registry.person", 365);
  });

  it("counts in a dry run and changes nothing", async () => {
    const sweeps = await t.app.retention.sweep({ dryRun: true });
    const byNation = Object.fromEntries(sweeps.map((s) => [s.nation, s]));
    expect(byNation.USA?.kinds).toEqual([
      { kind: "registry.person", days: 365, expired: 2, erased: 0, failed: 0 },
    ]);
    expect(byNation.MEX?.kinds).toEqual([]);
    expect(Object.values(await statusOf(Object.values(people)))).not.toContain("erased");
    expect(await eventsOf("USA", "retention.run")).toEqual([]);
  });

  it("erases exactly the people untouched for the period with no open work, and records the run", async () => {
    const sweeps = await t.app.retention.sweep({ nation: "USA", batchSize: 1 });
    expect(sweeps).toEqual([
      {
        nation: "USA",
        dryRun: false,
        interrupted: false,
        error: null,
        kinds: [{ kind: "registry.person", days: 365, expired: 2, erased: 2, failed: 0 }],
      },
    ]);
    const status = await statusOf(Object.values(people));
    const erased = Object.entries(people)
      .filter(([, id]) => status[id] === "erased")
      .map(([name]) => name)
      .sort();
    expect(erased).toEqual(["closedLongAgo", "untouched"]);

    const erasures = await eventsOf("USA", "person.erase");
    expect(erasures).toHaveLength(2);
    for (const e of erasures) expect(e.actor_label).toBe("system:retention run");
    const reasons = await t.database.asOwner((tx) =>
      tx
        .selectFrom("registry_erasures")
        .select(["person_id", "erased_by"])
        .where("tenant_id", "=", "USA")
        .execute(),
    );
    expect(reasons.map((r) => r.person_id).sort()).toEqual([people.closedLongAgo, people.untouched].sort());
    // The erased person's case keeps its type and status; its note is gone, as with any erasure.
    const notes = await t.database.asOwner(
      async (tx) =>
        (
          await sql<{ n: number }>`select count(*)::int as n from registry_case_notes n join registry_cases c
            on c.tenant_id = n.tenant_id and c.id = n.case_id where c.person_id = ${people.closedLongAgo}`.execute(
            tx,
          )
        ).rows[0]?.n,
    );
    expect(notes).toBe(0);

    expect((await eventsOf("USA", "retention.run")).map((e) => e.details)).toEqual([
      {
        kinds: { "registry.person": { days: 365, expired: 2, erased: 2, failed: 0 } },
        interrupted: false,
        failed: false,
      },
    ]);
    const report = await verifyAuditChains(t.app.platform.database);
    expect(report.every((nation) => nation.ok)).toBe(true);
  });

  it("finds nothing more the second time", async () => {
    const [usa] = await t.app.retention.sweep({ nation: "USA" });
    expect(usa?.kinds).toEqual([{ kind: "registry.person", days: 365, expired: 0, erased: 0, failed: 0 }]);
  });

  it("refuses an unknown nation and the secretariat as bad input", async () => {
    await expect(t.app.retention.sweep({ nation: "ZZZ" })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(t.app.retention.sweep({ nation: "REG" })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});

describe("a sweep that meets failures or is interrupted", () => {
  /** A kind whose records are numbered ids; finding fails in Mexico, erasing fails for id "2". */
  const fake = (erased: string[], onErase?: () => void): RetentionSweeper => ({
    kind: "test.record",
    rule: "a test record",
    countExpired: async () => 3,
    findExpired: async (scope, _cutoff, after, limit) => {
      if (scope.tenantId === "MEX") throw new Error("Mexico's store is unreachable");
      return ["1", "2", "3"].filter((id) => after === null || id > after).slice(0, limit);
    },
    erase: async (scope, id) => {
      onErase?.();
      if (id === "2") throw new Error("record 2 is locked");
      erased.push(`${scope.tenantId}:${id}`);
    },
  });

  it("goes on with the other nations and records, and says what failed", async () => {
    const erased: string[] = [];
    const retention = createRetentionService(t.database, [fake(erased)]);
    for (const nation of ["MEX", "CAN"])
      await retention.setPeriod(systemScope(nation, "test"), "test.record", 30);
    const sweeps = await retention.sweep({ batchSize: 2 });
    const mex = sweeps.find((s) => s.nation === "MEX");
    const can = sweeps.find((s) => s.nation === "CAN");
    expect(mex?.error).toMatch(/unreachable/);
    expect(can?.kinds).toEqual([{ kind: "test.record", days: 30, expired: 3, erased: 2, failed: 1 }]);
    expect(can?.error).toMatch(/record 2 is locked/);
    expect(erased).toEqual(["CAN:1", "CAN:3"]);
    expect((await eventsOf("CAN", "retention.run")).at(-1)?.details).toMatchObject({ failed: true });
  });

  it("stops between two erasures when interrupted, keeping and recording what was done", async () => {
    const erased: string[] = [];
    const controller = new AbortController();
    const retention = createRetentionService(t.database, [fake(erased, () => controller.abort())]);
    await retention.setPeriod(systemScope("PER", "test"), "test.record", 30);
    const [per] = await retention.sweep({ nation: "PER", signal: controller.signal });
    expect(per).toMatchObject({ interrupted: true, kinds: [{ erased: 1, expired: 3 }] });
    expect(erased).toEqual(["PER:1"]);
    expect((await eventsOf("PER", "retention.run")).at(-1)?.details).toMatchObject({ interrupted: true });
  });
});
