import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { giveConsent, personInput, registerPerson } from "./registry.test-support.ts";

// Officers of the holding nation deciding the same referral at the same moment: exactly one decision is
// taken, every other answers 409, and each nation's audit chain holds one decision event.

let t: TestApp;
let asker: string;
const holders: string[] = [];
beforeAll(async () => {
  t = await startTestApp();
  asker = (await userWithToken(t, "USA", ["caseworker"])).token;
  for (let i = 0; i < 4; i++) holders.push((await userWithToken(t, "MEX", ["nation_admin"])).token);
});
afterAll(async () => {
  await t.close();
});

/** A referral from USA about a person MEX holds, with consent on both sides, waiting for MEX's decision. */
async function pendingReferral(): Promise<string> {
  const input = personInput();
  const asked = await registerPerson(t.app, "USA", input);
  const held = await registerPerson(t.app, "MEX", input);
  await giveConsent(t.app, "USA", asked);
  await giveConsent(t.app, "MEX", held);
  const res = await t.request("POST", "/api/v1/registry/referrals", {
    token: asker,
    body: { personId: asked, partner: "MEX", purpose: "cross_border_referral", reason: "prior claim" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function decisionEvents(id: string) {
  return t.database.asOwner((tx) =>
    tx
      .selectFrom("audit_events")
      .select(["tenant_id", "action"])
      .where("target_id", "=", id)
      .where("action", "in", ["referral.accepted", "referral.rejected", "referral.revoked"])
      .orderBy("tenant_id")
      .execute(),
  );
}

const decide = (id: string, decision: string, token: string) =>
  t.request("POST", `/api/v1/registry/referrals/${id}/decision`, {
    token,
    body: { decision, reason: "decided at the same moment" },
  });

describe("deciding one referral at once", () => {
  it.each([
    ["all accept", ["accept", "accept", "accept", "accept"]],
    ["accept against reject", ["accept", "reject", "accept", "reject"]],
  ])("%s: one decision wins, the others answer 409", async (_name, decisions) => {
    const id = await pendingReferral();
    const answers = await Promise.all(decisions.map((d, i) => decide(id, d, holders[i] as string)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const sides = await t.database.asOwner((tx) =>
      tx.selectFrom("registry_referrals").select(["tenant_id", "status"]).where("id", "=", id).execute(),
    );
    expect(sides).toHaveLength(2);
    const status = sides[0]?.status;
    expect(sides.every((s) => s.status === status)).toBe(true);
    expect(await decisionEvents(id)).toEqual([
      { tenant_id: "MEX", action: `referral.${status}` },
      { tenant_id: "USA", action: `referral.${status}` },
    ]);
  });

  it("revoking an accepted referral twice at once revokes it once", async () => {
    const id = await pendingReferral();
    expect((await decide(id, "accept", holders[0] as string)).status).toBe(200);
    const answers = await Promise.all(holders.slice(0, 3).map((token) => decide(id, "revoke", token)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const revoked = (await decisionEvents(id)).filter((e) => e.action === "referral.revoked");
    expect(revoked.map((e) => e.tenant_id)).toEqual(["MEX", "USA"]);
  });
});
