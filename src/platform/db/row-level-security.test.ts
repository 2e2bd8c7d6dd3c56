import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { inScope } from "./scoped.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await userWithToken(t, "USA", ["analyst"]);
  await userWithToken(t, "MEX", ["analyst"]);
});
afterAll(async () => {
  await t.close();
});

describe("row-level security", () => {
  it("runs application queries as a role that is not a superuser", async () => {
    const row = await sql<{ role: string; superuser: boolean }>`
      select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as superuser`.execute(
      t.database.db,
    );
    expect(row.rows[0]).toEqual({ role: "hemisphere_app", superuser: false });
  });

  it("stops a cross-tenant read even when a query forgets its tenant filter", async () => {
    const { db } = t.database;
    // No where clause on tenant_id: the database alone keeps MEX's users out of USA's transaction.
    const seen = await inScope(db, { tenantId: "USA" }, (tx) =>
      tx.selectFrom("users").select("tenant_id").execute(),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.tenant_id))).toEqual(new Set(["USA"]));
    const all = await t.database.asOwner((tx) =>
      tx.selectFrom("users").select("tenant_id").distinct().execute(),
    );
    expect(all.map((r) => r.tenant_id)).toContain("MEX");
  });

  it("shows nothing when no tenant is bound", async () => {
    const rows = await t.database.db.selectFrom("users").select("id").execute();
    expect(rows).toEqual([]);
  });

  it("refuses to write a row for another tenant", async () => {
    const attempt = inScope(t.database.db, { tenantId: "USA" }, (tx) =>
      tx.insertInto("offices").values({ tenant_id: "MEX", id: "MEX-99", name: "smuggled" }).execute(),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it("keeps audit events append-only for the application", async () => {
    const attempt = inScope(t.database.db, { tenantId: "USA" }, (tx) =>
      tx.updateTable("audit_events").set({ action: "rewritten" }).where("tenant_id", "=", "USA").execute(),
    );
    await expect(attempt).rejects.toThrow(/permission denied|append-only/);
  });
});
