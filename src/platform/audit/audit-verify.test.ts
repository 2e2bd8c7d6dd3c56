import { sql } from "kysely";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/harness.ts";
import { systemScope } from "../auth/scope.ts";
import { inScope } from "../db/scoped.ts";
import { recordAudit } from "./audit.ts";
import { verifyAuditChains } from "./audit-verify.ts";

let t: TestApp | undefined;
afterAll(async () => {
  await t?.close();
});

async function freshChain(): Promise<TestApp> {
  await t?.close();
  t = await startTestApp();
  const scope = systemScope("COL", "test");
  for (let i = 1; i <= 5; i++) {
    await inScope(t.database.db, scope, (tx) =>
      recordAudit(tx, scope, { action: "test.write", targetId: String(i), details: { i } }),
    );
  }
  return t;
}

/** Edits the stored log as someone with database access would, bypassing the append-only trigger. */
async function tamper(app: TestApp, statement: ReturnType<typeof sql>) {
  await app.database.asOwner(async (tx) => {
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(tx);
    await statement.execute(tx);
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(tx);
  });
}

describe("audit verify", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await freshChain();
  });

  it("accepts an untouched chain", async () => {
    const col = (await verifyAuditChains(app.database)).find((r) => r.tenantId === "COL");
    expect(col).toEqual({ tenantId: "COL", events: 5, ok: true });
  });

  it("names the edited event", async () => {
    await tamper(app, sql`update audit_events set details = '{"i": 99}' where tenant_id = 'COL' and seq = 3`);
    const col = (await verifyAuditChains(app.database)).find((r) => r.tenantId === "COL");
    expect(col?.ok).toBe(false);
    expect(col?.brokenAt?.seq).toBe(3);
    expect(col?.brokenAt?.reason).toMatch(/edited/);
  });

  it("names the gap a deleted event leaves", async () => {
    await tamper(app, sql`delete from audit_events where tenant_id = 'COL' and seq = 2`);
    const col = (await verifyAuditChains(app.database)).find((r) => r.tenantId === "COL");
    expect(col?.ok).toBe(false);
    expect(col?.brokenAt).toEqual({ seq: 2, reason: expect.stringMatching(/missing/) });
  });

  it("notices when the newest events are removed", async () => {
    await tamper(app, sql`delete from audit_events where tenant_id = 'COL' and seq >= 4`);
    const col = (await verifyAuditChains(app.database)).find((r) => r.tenantId === "COL");
    expect(col?.ok).toBe(false);
    expect(col?.brokenAt?.reason).toMatch(/removed/);
  });
});
