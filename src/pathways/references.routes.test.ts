import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { PersonCreate } from "../registry/registry.contract.ts";
import { ensureOffice, fileApplication, proofFor, publishPathway } from "./pathways.test-support.ts";

// Every id in a pathways request body must name something in the caller's nation: another nation's record or
// one that does not exist answers 404 naming the field, a malformed id 400.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

let t: TestApp;
let officer: string;
let appId: string;
const people = { usa: "", col: "" };
const RANDOM_UUID = "6f1c2b9e-3d4a-4b5c-8d6e-7f8091a2b3c4";

async function registerPerson(nation: string, surname: string): Promise<string> {
  const input = PersonCreate.parse({ givenNames: ["Lucía"], surnames: [surname], birthDate: "1990-04-02" });
  return (await t.app.registry.people.createPerson(systemScope(nation, "test"), input)).id;
}

beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-refs");
  await publishPathway(t.app.pathways, "COL", "col-refs");
  await ensureOffice(t.app, "USA", "USA-01");
  await ensureOffice(t.app, "COL", "COL-01");
  officer = (await userWithToken(t, "USA", ["pathway_officer"])).token;
  appId = (await fileApplication(t.app.pathways, "USA", "usa-refs")).id;
  people.usa = await registerPerson("USA", "Ramírez");
  people.col = await registerPerson("COL", "Gutiérrez");
});
afterAll(async () => {
  await t.close();
});

async function call(method: string, path: string, body: unknown, token: string | undefined = officer) {
  const res = await t.request(method, path, { ...(token && { token }), body });
  const text = await res.text();
  return { status: res.status, text };
}
const person = (personId: unknown) =>
  call("POST", `/api/v1/pathways/applications/${appId}/person`, { personId });

describe("references in pathway request bodies", () => {
  it("links a person of the caller's registry, and unlinks", async () => {
    expect((await person(people.usa)).status).toBe(200);
    expect((await person(null)).status).toBe(200);
  });

  it.each([
    ["another nation's person", () => people.col],
    ["a person nobody registered", () => RANDOM_UUID],
  ])("answers 404 naming personId for %s", async (_name, id) => {
    const res = await person(id());
    expect(res.status, res.text).toBe(404);
    expect(res.text).toMatch(/personId/);
  });

  it("answers 400 naming personId for an id that is no id", async () => {
    const res = await person("not-a-uuid");
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/personId/);
  });

  it.each([
    ["another nation's office", "COL-01"],
    ["an office that does not exist", "USA-77"],
  ])("answers 404 naming officeId for %s", async (_name, officeId) => {
    const day = await call("PUT", "/api/v1/pathways/appointment-days", {
      officeId,
      day: "2031-05-05",
      capacity: 3,
    });
    expect(day.status, day.text).toBe(404);
    expect(day.text).toMatch(/officeId/);
    const book = await call("POST", `/api/v1/pathways/applications/${appId}/appointment`, {
      officeId,
      day: "2031-05-05",
    });
    expect(book.status, book.text).toBe(404);
    expect(book.text).toMatch(/officeId/);
  });

  it.each([
    ["a nation that does not exist", { toNation: "ZZZ", toPathway: "col-refs" }, /toNation/],
    ["the secretariat, which takes no applications", { toNation: "REG", toPathway: "col-refs" }, /toNation/],
    ["a pathway the nation does not publish", { toNation: "COL", toPathway: "col-nothing" }, /toPathway/],
  ])("answers 404 to a referral to %s", async (_name, target, field) => {
    const res = await call("POST", `/api/v1/pathways/applications/${appId}/referral`, {
      ...target,
      consent: true,
      consentText: "The applicant agrees to be referred.",
      reason: "a better fit",
    });
    expect(res.status, res.text).toBe(404);
    expect(res.text).toMatch(field);
  });

  it.each([
    ["another nation", { nation: "COL" }, /definition\.nation/],
    ["another pathway id", { id: "usa-other" }, /definition\.id/],
  ])("answers 400 to a definition naming %s", async (_name, extra, field) => {
    const res = await call("PUT", "/api/v1/pathways/catalog/usa-refs", {
      definition: { rules: [{ kind: "nationality", in: ["VEN"] }], ...extra },
      effectiveFrom: "2024-01-01",
    });
    expect(res.status, res.text).toBe(400);
    expect(res.text).toMatch(field);
  });

  it.each([
    ["a nation that publishes nothing", { nation: "ZZZ", pathwayId: "usa-refs" }, /nation/],
    ["a pathway that is not published", { nation: "USA", pathwayId: "usa-draft" }, /pathwayId/],
  ])("answers 404 naming the field to a portal application for %s", async (_name, target, field) => {
    const res = await call(
      "POST",
      "/api/v1/portal/applications",
      {
        lang: "en",
        answers: { nationality: "VEN" },
        consent: true,
        proof: proofFor(t.app.pathways),
        ...target,
      },
      undefined,
    );
    expect(res.status, res.text).toBe(404);
    expect(res.text).toMatch(field);
  });
});
