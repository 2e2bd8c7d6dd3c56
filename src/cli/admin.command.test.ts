import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { createAccount, issueToken } from "./admin.command.ts";

// The operator's `user create` and `token create`, on the test database (the commands wrap these).

let t: TestApp;
const password = "operator typed this once";
beforeAll(async () => {
  t = await startTestApp();
  await createAccount(
    t.app.platform,
    { nation: "mex", email: "Rosa@MEX.test", name: "Rosa", role: "registrar" },
    password,
  );
  await createAccount(
    t.app.platform,
    { nation: "MEX", service: "nightly-import", name: "Nightly import", role: "analyst" },
    "unused",
  );
});
afterAll(async () => {
  await t.close();
});

const base = { nation: "MEX", name: "laptop", days: "30" };

async function actsAs(token: string): Promise<string> {
  const res = await t.request("GET", "/api/v1/auth/me", { token });
  return ((await res.json()) as { user: { email: string } }).user.email;
}

describe("hemisphere user create", () => {
  it("applies the same rules as the API: roles per tenant and separation of duties", async () => {
    const reg = createAccount(
      t.app.platform,
      { nation: "REG", email: "x@reg.test", name: "X", role: "caseworker" },
      password,
    );
    await expect(reg).rejects.toMatchObject({ code: "BAD_INPUT", exitCode: 2 });
    const both = createAccount(
      t.app.platform,
      { nation: "MEX", email: "y@mex.test", name: "Y", role: "border_officer,nation_admin" },
      password,
    );
    await expect(both).rejects.toMatchObject({ code: "CONFLICT", exitCode: 1 });
    const neither = createAccount(t.app.platform, { nation: "MEX", name: "Z", role: "analyst" }, password);
    await expect(neither).rejects.toMatchObject({ code: "BAD_INPUT" });
    const unknown = createAccount(
      t.app.platform,
      { nation: "XXX", email: "z@x.test", name: "Z", role: "analyst" },
      password,
    );
    await expect(unknown).rejects.toThrow(/XXX is not a tenant/);
  });

  it("creates a service account with no password", async () => {
    const row = await t.database.asOwner((tx) =>
      tx
        .selectFrom("users")
        .select(["kind", "password_hash"])
        .where("email", "=", "service:nightly-import")
        .executeTakeFirstOrThrow(),
    );
    expect(row).toEqual({ kind: "service", password_hash: null });
  });
});

describe("hemisphere token create", () => {
  it("issues a service account's token without a password", async () => {
    const issued = await issueToken(t.app.platform, { ...base, service: "nightly-import" }, undefined);
    expect(await actsAs(issued.token)).toBe("service:nightly-import");
  });

  it("issues a person's token only with their own password", async () => {
    const person = { ...base, email: "rosa@mex.test" };
    await expect(issueToken(t.app.platform, person, undefined)).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(issueToken(t.app.platform, person, "not her password")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    const issued = await issueToken(t.app.platform, person, password);
    expect(await actsAs(issued.token)).toBe("rosa@mex.test");
    const event = await t.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select(["actor_label", "details"])
        .where("action", "=", "token.create")
        .where("target_id", "=", issued.id)
        .executeTakeFirstOrThrow(),
    );
    expect(event.actor_label).toBe("system:token create");
    expect(event.details).toMatchObject({ kind: "person", name: "laptop" });
  });

  it("keeps people and service accounts apart, and checks --days", async () => {
    const wrongKind = issueToken(t.app.platform, { ...base, email: "service:nightly-import" }, password);
    await expect(wrongKind).rejects.toMatchObject({ code: "BAD_INPUT" });
    const both = issueToken(
      t.app.platform,
      { ...base, email: "rosa@mex.test", service: "nightly-import" },
      password,
    );
    await expect(both).rejects.toThrow(/not both/);
    const days = issueToken(t.app.platform, { ...base, service: "nightly-import", days: "1.5" }, undefined);
    await expect(days).rejects.toThrow(/--days/);
    const never = await issueToken(
      t.app.platform,
      { ...base, service: "nightly-import", days: "0" },
      undefined,
    );
    expect(never.expiresAt).toBeNull();
  });
});
