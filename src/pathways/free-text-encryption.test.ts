import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { fileApplication, publishPathway } from "./pathways.test-support.ts";

// Officers' reasons, referral consent texts, a transport's errors and the demo outbox file name or describe a
// person: none of it may be readable on disk.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-secret");
  await publishPathway(t.app.pathways, "COL", "col-secret");
});
afterAll(async () => {
  await t.close();
});

const CONTACT = "rosa.quispe@example.org";
const STAGE_REASON = "Rosa's brother Julio confirmed her identity";
const REFERRAL_REASON = "Rosa has an aunt in Bogotá";
const CONSENT = "I, Rosa Quispe, agree to be referred";
const DECISION = "Rosa fits our quota for 2026";

/** Every stored value of the pathway tables, as one text to search. */
async function everythingStored(): Promise<string> {
  const tables = [
    "pathway_stage_changes",
    "pathway_referrals",
    "pathway_outbox",
    "pathway_applications",
  ] as const;
  const rows = await t.database.asOwner(async (tx) =>
    Promise.all(tables.map((table) => tx.selectFrom(table).selectAll().execute())),
  );
  return JSON.stringify(rows);
}

describe("free text about applicants is encrypted at rest", () => {
  it("stores stage reasons, referral texts and transport errors encrypted and shows them to the nation", async () => {
    const usa = (await userWithToken(t, "USA", ["pathway_officer"])).token;
    const col = (await userWithToken(t, "COL", ["pathway_officer"])).token;
    const filed = await fileApplication(t.app.pathways, "USA", "usa-secret", CONTACT);
    const stage = await t.request("POST", `/api/v1/pathways/applications/${filed.id}/stage`, {
      token: usa,
      body: { stage: "screening", reason: STAGE_REASON },
    });
    expect(stage.status).toBe(200);
    const referred = await t.request("POST", `/api/v1/pathways/applications/${filed.id}/referral`, {
      token: usa,
      body: {
        toNation: "COL",
        toPathway: "col-secret",
        consent: true,
        consentText: CONSENT,
        reason: REFERRAL_REASON,
      },
    });
    expect(referred.status).toBe(201);
    const { id } = (await referred.json()) as { id: string };
    const decided = await t.request("POST", `/api/v1/pathways/referrals/${id}/decision`, {
      token: col,
      body: { status: "rejected", reason: DECISION },
    });
    expect(decided.status).toBe(200);
    const failing = {
      name: "failing",
      send: async () => Promise.reject(new Error(`mailbox ${CONTACT} is full`)),
    };
    const { deliverOutbox } = await import("./outbox.service.ts");
    const result = await deliverOutbox(t.database.db, t.app.platform.keyring, failing, [
      systemScope("USA", "test"),
    ]);
    expect(result.failed).toBeGreaterThan(0);

    const stored = await everythingStored();
    for (const text of [CONTACT, STAGE_REASON, REFERRAL_REASON, CONSENT, DECISION, "Rosa"]) {
      expect(stored).not.toContain(text);
    }

    const detail = (await (
      await t.request("GET", `/api/v1/pathways/applications/${filed.id}`, { token: usa })
    ).json()) as { history: { reason: string }[] };
    expect(detail.history.map((h) => h.reason)).toContain(STAGE_REASON);
    const outgoing = (await (
      await t.request("GET", "/api/v1/pathways/referrals?direction=outgoing", { token: usa })
    ).json()) as { referrals: { id: string; reason: string; decidedReason: string }[] };
    expect(outgoing.referrals.find((r) => r.id === id)).toMatchObject({
      reason: REFERRAL_REASON,
      decidedReason: DECISION,
    });
  });

  it("writes the demo outbox file encrypted: neither the address nor the tracking code is readable", async () => {
    const filed = await fileApplication(t.app.pathways, "USA", "usa-secret", CONTACT);
    const sent = await t.app.pathways.deliverNotifications(systemScope("USA", "test"));
    expect(sent.sent).toBeGreaterThan(0);
    const file = path.join(t.app.platform.config.dataDir, "outbox", "notifications.jsonl");
    const text = fs.readFileSync(file, "utf8");
    expect(text).not.toContain(CONTACT);
    expect(text).not.toContain(filed.trackingCode);
    const { readOutboxFile } = await import("./outbox.service.ts");
    const messages = readOutboxFile(file, t.app.platform.keyring);
    expect(messages.some((m) => m.to === CONTACT && m.text.includes(filed.trackingCode))).toBe(true);
  });
});
