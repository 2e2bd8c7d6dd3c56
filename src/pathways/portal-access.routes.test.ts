import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { proofFor, simplePathway } from "./pathways.test-support.ts";

process.env.HEMISPHERE_PORTAL_POW_BITS = "6";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

// The portal with a referral-only pathway and one suspended since a date: neither can be applied to.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const scope = systemScope("CAN", "test");
  const referral = {
    ...simplePathway("CAN", "can-referral"),
    access: "referral",
    accessHow: { en: "UNHCR refers refugees to Canada.", ht: "Se HCR ki refere refijye bay Kanada." },
    lastVerified: "2026-01-15",
  };
  const suspended = {
    ...simplePathway("CAN", "can-suspended"),
    status: "suspended",
    statusHistory: [
      { status: "open", from: "2020-01-01", until: "2025-01-19", source: "notice A" },
      {
        status: "suspended",
        from: "2025-01-20",
        source: "order B",
        change: { en: "New applications were paused in January 2025." },
      },
    ],
  };
  const definitions: [string, Record<string, unknown>][] = [
    ["can-referral", referral],
    ["can-suspended", suspended],
  ];
  for (const [id, definition] of definitions) {
    await t.app.pathways.catalog.save(scope, id, definition, "2020-01-01");
    await t.app.pathways.catalog.publish(scope, id, true);
  }
});
afterAll(async () => {
  await t.close();
});

type Entry = {
  id: string;
  result: string;
  reasons: string[];
  access: string;
  howToAccess: string | null;
  lastVerified: string | null;
  status?: string;
  reasonCode?: string;
};

async function screen(lang: string) {
  const res = await t.request("POST", "/api/v1/portal/screen", {
    body: { lang, answers: { nationality: "HTI" } },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Entry[] }).results;
}

describe("portal access and status", () => {
  it("says how referral happens instead of offering to apply", async () => {
    const entry = (await screen("ht")).find((r) => r.id === "can-referral");
    expect(entry).toMatchObject({
      result: "eligible",
      access: "referral",
      howToAccess: "Se HCR ki refere refijye bay Kanada.",
      lastVerified: "2026-01-15",
    });
  });

  it("refuses an application to a referral-only pathway", async () => {
    const res = await t.request("POST", "/api/v1/portal/applications", {
      body: {
        lang: "en",
        nation: "CAN",
        pathwayId: "can-referral",
        answers: { nationality: "HTI" },
        consent: true,
        proof: proofFor(t.app.pathways),
      },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/only by referral/);
  });

  it("screens a suspended pathway as not eligible with its reason code and what changed", async () => {
    const entry = (await screen("en")).find((r) => r.id === "can-suspended");
    expect(entry).toMatchObject({
      result: "not_eligible",
      status: "suspended",
      reasonCode: "pathway_suspended",
    });
    expect(entry?.reasons[0]).toContain("New applications were paused in January 2025.");
    const res = await t.request("POST", "/api/v1/portal/applications", {
      body: {
        lang: "en",
        nation: "CAN",
        pathwayId: "can-suspended",
        answers: { nationality: "HTI" },
        consent: true,
        proof: proofFor(t.app.pathways),
      },
    });
    expect(res.status).toBe(400);
  });

  it("previews a draft on a date: eligible while open, suspended after, with the reason code", async () => {
    const { token } = await userWithToken(t, "USA", ["nation_admin"]);
    const definition = {
      id: "usa-draft",
      statusHistory: [
        { status: "open", from: "2022-10-18", until: "2025-01-19", source: "87 FR 63507" },
        { status: "suspended", from: "2025-01-20", source: "EO 14165" },
      ],
      rules: [
        { kind: "nationality", in: ["VEN"] },
        { kind: "irregular_entry", countries: ["USA", "MEX", "PAN"], after: "2022-10-19" },
      ],
    };
    const answers = { nationality: "VEN", "irregular_entry_MEX_PAN_USA_after_2022-10-19": false };
    const preview = async (on: string) => {
      const res = await t.request("POST", "/api/v1/pathways/catalog/preview", {
        token,
        body: { definition, answers, lang: "es", on },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { results: Record<string, unknown>[] }).results[0];
    };
    expect(await preview("2023-03-01")).toEqual({
      pathway: "usa-draft",
      result: "eligible",
      reasons: expect.any(Array),
      missing: [],
    });
    expect(await preview("2022-10-17")).toMatchObject({ result: "not_eligible", status: "not_open_yet" });
    const suspended = await preview("2025-06-01");
    expect(suspended).toMatchObject({
      result: "not_eligible",
      status: "suspended",
      reasonCode: "pathway_suspended",
    });
    expect(String((suspended?.reasons as string[] | undefined)?.[0])).toMatch(/suspendida desde/);
  });
});
