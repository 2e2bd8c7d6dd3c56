import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { hashSecret } from "./credentials.ts";
import { systemScope } from "./scope.ts";
import { findTokenUser } from "./sessions.store.ts";

// The token lookup runs before a nation is bound, through a function that reads as the schema's owner: it must
// find a token only in the nation the token names, and the application role must reach nothing else through it.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("API token lookup before the nation is bound", () => {
  it("finds the token's user with roles, only under the nation the token names", async () => {
    const { token, userId } = await userWithToken(t, "USA", ["analyst", "registrar"]);
    const hash = hashSecret(token);
    const found = await findTokenUser(t.database.db, { tenantId: "USA" }, hash);
    expect(found).toMatchObject({
      id: userId,
      roles: ["analyst", "registrar"],
      grants: [],
      revoked_at: null,
    });
    expect(await findTokenUser(t.database.db, { tenantId: "MEX" }, hash)).toBeUndefined();
  });

  it("reports a revoked token as revoked, and the API refuses it", async () => {
    const { token, tokenId, userId } = await userWithToken(t, "COL", ["analyst"]);
    expect((await t.request("GET", "/api/v1/nations", { token })).status).toBe(200);
    await t.app.platform.users.revokeToken(systemScope("COL", "test"), tokenId, userId);
    const found = await findTokenUser(t.database.db, { tenantId: "COL" }, hashSecret(token));
    expect(found?.revoked_at).not.toBeNull();
    expect((await t.request("GET", "/api/v1/nations", { token })).status).toBe(401);
  });

  it("leaves the application role without the tables: without a bound nation it reads no token", async () => {
    await userWithToken(t, "USA", ["analyst"]);
    const direct = await sql<{ n: number }>`select count(*)::int as n from api_tokens`.execute(t.database.db);
    expect(direct.rows[0]?.n).toBe(0);
  });
});
