import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { giveConsent, personInput, registerPerson } from "./registry.test-support.ts";

// Every id a body names must exist in the caller's scope (a 404 naming the field), offices included; and on
// another nation's audit chain the asking nation appears as `nation:XXX`, never as its officer.

let t: TestApp;
let usa: { token: string; email: string; userId: string };
let admin: { token: string };
let caseId = "";
let usaPerson = "";
let mexPerson = "";
beforeAll(async () => {
  t = await startTestApp();
  usa = await userWithToken(t, "USA", ["caseworker"]);
  admin = await userWithToken(t, "USA", ["nation_admin"]);
  usaPerson = await registerPerson(t.app, "USA");
  mexPerson = await registerPerson(t.app, "MEX");
  const opened = await t.app.registry.cases.openCase(systemScope("USA", "test"), {
    personId: usaPerson,
    type: "protection",
    officeId: "USA-01",
    note: null,
  });
  caseId = opened.id;
});
afterAll(async () => {
  await t.close();
});

async function send(path: string, token: string, body: unknown) {
  const res = await t.request("POST", `/api/v1${path}`, { token, body });
  const json = (await res.json()) as { error?: { message: string; details?: { field?: string } } };
  return { status: res.status, field: json.error?.details?.field, message: json.error?.message ?? "" };
}

describe("references in bodies", () => {
  it.each([
    ["another nation's office", "MEX-01"],
    ["an office that exists nowhere", "NOPE-99"],
  ])("refuse a case transfer to %s, naming the field", async (_, officeId) => {
    const answer = await send(`/registry/cases/${caseId}/transfer`, admin.token, {
      officeId,
      reason: "moved",
    });
    expect(answer).toMatchObject({ status: 404, field: "officeId" });
    const still = await t.app.registry.cases.getCase(systemScope("USA", "test"), caseId);
    expect(still.officeId).toBe("USA-01");
    expect(still.moves).toEqual([]);
  });

  it("accept a transfer to one of the nation's offices", async () => {
    const answer = await t.request("POST", `/api/v1/registry/cases/${caseId}/transfer`, {
      token: admin.token,
      body: { officeId: "USA-02", reason: "moved south" },
    });
    expect(answer.status).toBe(200);
  });

  it.each([
    [
      "a case for another nation's person",
      "/registry/cases",
      { personId: "mex", type: "protection" },
      "personId",
    ],
    [
      "a case at another nation's office",
      "/registry/cases",
      { personId: "usa", type: "protection", officeId: "MEX-01" },
      "officeId",
    ],
    [
      "a person at an unknown office",
      "/registry/people",
      { ...personInput(), officeId: "NOPE-99" },
      "officeId",
    ],
    [
      "a family link to another nation's person",
      "/registry/people/usa/family",
      { relatedId: "mex" },
      "relatedId",
    ],
    ["a referral about another nation's person", "/registry/referrals", { personId: "mex" }, "personId"],
    ["a referral to a nation that is no partner", "/registry/referrals", { partner: "ZZZ" }, "partner"],
  ])("refuse %s, naming the field", async (_, path, body, field) => {
    const ids = (v: unknown) => (v === "usa" ? usaPerson : v === "mex" ? mexPerson : v);
    const filled = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, ids(v)]));
    const referral = {
      personId: usaPerson,
      partner: "MEX",
      purpose: "cross_border_referral",
      reason: "check",
    };
    const full =
      path === "/registry/referrals" ? { ...referral, ...filled } : { relation: "sibling", ...filled };
    const registrar = await userWithToken(t, "USA", ["registrar", "caseworker"]);
    const answer = await send(path.replace("usa", usaPerson), registrar.token, full);
    expect(answer).toMatchObject({ status: 404, field });
    expect(answer.message).toMatch(new RegExp(`^${field}: `));
  });

  it("refuse an assignment to a user of another nation, naming the field", async () => {
    const mexUser = await userWithToken(t, "MEX", ["caseworker"]);
    const answer = await send(`/registry/cases/${caseId}/assign`, admin.token, {
      userId: mexUser.userId,
      reason: "workload",
    });
    expect(answer).toMatchObject({ status: 404, field: "userId" });
  });

  it("refuse an import into another nation's office before anything is sealed", async () => {
    const people = [{ externalId: "X-1", line: 2, person: personInput() }];
    await expect(
      t.app.registry.importPeople(systemScope("USA", "test"), people, { officeId: "MEX-01" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", details: { field: "officeId" } });
  });
});

describe("the audit chains of a cross-nation question", () => {
  it("name the asking nation on the partner's chain, and the officer on the asker's own", async () => {
    const input = personInput();
    const asked = await registerPerson(t.app, "USA", input);
    const held = await registerPerson(t.app, "MEX", input);
    await giveConsent(t.app, "USA", asked);
    await giveConsent(t.app, "MEX", held);
    const refer = {
      personId: asked,
      partner: "MEX",
      purpose: "cross_border_referral",
      reason: "prior claim",
    };
    expect((await send("/registry/crossmatch", usa.token, { personId: asked })).status).toBe(200);
    const created = await t.request("POST", "/api/v1/registry/referrals", { token: usa.token, body: refer });
    const { id } = (await created.json()) as { id: string };
    const holder = await userWithToken(t, "MEX", ["nation_admin"]);
    const decided = await send(`/registry/referrals/${id}/decision`, holder.token, {
      decision: "accept",
      reason: "consent on file",
    });
    expect(decided.status).toBe(200);
    const events = await t.app.platform.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select(["tenant_id", "action", "actor_label", "actor_user", "actor_tenant"])
        .where("action", "in", [
          "crossmatch.query",
          "crossmatch.answer",
          "referral.request",
          "referral.received",
        ])
        .where("actor_tenant", "=", "USA")
        .execute(),
    );
    const onChain = (chain: string) => events.filter((e) => e.tenant_id === chain);
    expect(onChain("USA").map((e) => e.actor_label)).toEqual([usa.email, usa.email]);
    expect(onChain("MEX").length).toBe(2);
    expect(new Set(onChain("MEX").map((e) => `${e.actor_label}|${e.actor_user}`))).toEqual(
      new Set(["nation:USA|null"]),
    );
    const accepted = await t.app.platform.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select(["tenant_id", "actor_label"])
        .where("target_id", "=", id)
        .where("action", "=", "referral.accepted")
        .execute(),
    );
    expect(Object.fromEntries(accepted.map((e) => [e.tenant_id, e.actor_label]))).toEqual({
      MEX: holder.email,
      USA: "nation:MEX",
    });
    const sent = JSON.stringify(
      await t.app.platform.database.asOwner((tx) =>
        tx.selectFrom("audit_events").selectAll().where("tenant_id", "=", "MEX").execute(),
      ),
    );
    expect(sent).not.toContain(usa.email);
  });
});
