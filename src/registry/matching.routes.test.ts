import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { personInput, registerPerson } from "./registry.test-support.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

// Neither route reads a record by id, so there is no other nation's address to ask for: the figures of
// the caller's nation only are checked below instead.
describeRoleMatrix(
  "identity matching",
  () => t,
  async () => ({}),
  [
    {
      name: "GET /registry/matching-model",
      method: "GET",
      path: () => "/api/v1/registry/matching-model",
      permission: "identity.run",
      ok: 200,
    },
    {
      name: "GET /registry/review-figures",
      method: "GET",
      path: () => "/api/v1/registry/review-figures",
      permission: "person.merge",
      ok: 200,
    },
  ],
);

/** Registers a person and a near copy of them (the registrar overrode the duplicate warning): one open pair. */
async function possibleDuplicate(nation: string): Promise<string> {
  const input = personInput();
  await registerPerson(t.app, nation, input);
  await registerPerson(
    t.app,
    nation,
    { ...input, surnames: input.surnames.slice(0, 1) },
    { overrideReason: "came back with another card" },
  );
  const row = await t.app.platform.database.asOwner((tx) =>
    tx
      .selectFrom("registry_duplicate_reviews")
      .select("id")
      .where("tenant_id", "=", nation)
      .where("status", "=", "open")
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

interface Figures {
  open: number;
  openLikely: number;
  openPossible: number;
  merged: number;
  distinct: number;
  split: number;
  oldestOpenAt: string | null;
  decidedLast30Days: number;
}

describe("GET /registry/review-figures", () => {
  it("counts the nation's pairs by status and band, and nothing of another nation's", async () => {
    const admin = (await userWithToken(t, "CRI", ["nation_admin"])).token;
    const figures = async (token: string) =>
      (await (await t.request("GET", "/api/v1/registry/review-figures", { token })).json()) as Figures;
    expect(await figures(admin)).toEqual({
      open: 0,
      openLikely: 0,
      openPossible: 0,
      merged: 0,
      distinct: 0,
      split: 0,
      oldestOpenAt: null,
      decidedLast30Days: 0,
    });
    const first = await possibleDuplicate("CRI");
    const second = await possibleDuplicate("CRI");
    await possibleDuplicate("PAN");
    const open = await figures(admin);
    expect(open.open).toBe(2);
    expect(open.openLikely + open.openPossible).toBe(2);
    expect(open.oldestOpenAt).not.toBeNull();
    const scope = systemScope("CRI", "test");
    await t.app.registry.review.decide(scope, first, "distinct", "two different people");
    const { mergeId } = await t.app.registry.review.decide(scope, second, "merge", "the same person");
    await t.app.registry.review.split(scope, mergeId as string, "merged by mistake");
    expect(await figures(admin)).toMatchObject({
      open: 0,
      merged: 1,
      distinct: 1,
      split: 1,
      decidedLast30Days: 2,
    });
    const panama = (await userWithToken(t, "PAN", ["nation_admin"])).token;
    expect(await figures(panama)).toMatchObject({ open: 1, merged: 0, distinct: 0 });
  });
});

describe("GET /registry/matching-model", () => {
  it("gives every compared field its levels, with weights that rise with agreement, and the thresholds", async () => {
    const registrar = (await userWithToken(t, "CRI", ["registrar"])).token;
    const model = (await (
      await t.request("GET", "/api/v1/registry/matching-model", { token: registrar })
    ).json()) as {
      prior: number;
      thresholds: { likely: number; possible: number };
      fields: {
        field: string;
        levels: { agreement: string; dateAgreement: string | null; weight: number }[];
      }[];
    };
    expect(model.thresholds.likely).toBeGreaterThan(model.thresholds.possible);
    expect(model.prior).toBeGreaterThan(0);
    expect(model.fields.map((f) => f.field)).toEqual(expect.arrayContaining(["given_name", "date_of_birth"]));
    for (const field of model.fields) {
      expect(field.levels[0]?.agreement).toBe("different");
      expect(field.levels.at(-1)?.agreement).toBe("exact");
      expect(field.levels.at(-1)?.weight).toBeGreaterThan(field.levels[0]?.weight ?? 0);
    }
    // The date's levels that share a word are told apart by what agrees.
    const date = model.fields.find((f) => f.field === "date_of_birth")?.levels ?? [];
    expect(date.map((l) => l.dateAgreement)).toEqual([
      "different",
      "sameYearOnly",
      "partial",
      "yearOffByOne",
      "near",
      "exact",
    ]);
    const given = model.fields.find((f) => f.field === "given_name")?.levels as {
      dateAgreement: string | null;
    }[];
    expect(given.every((l) => l.dateAgreement === null)).toBe(true);
  });
});
