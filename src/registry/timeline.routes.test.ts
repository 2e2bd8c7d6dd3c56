import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { prepareBorderTenants, venezuelanWhoLivedInColombia } from "../border/border.test-support.ts";
import { fileApplication, publishPathway } from "../pathways/pathways.test-support.ts";
import { personInput, registerPerson } from "./registry.test-support.ts";
import { Timeline } from "./timeline.contract.ts";

// A person's timeline: their steps through registry, border and pathways in one list, oldest first, each
// capability's steps only for a reader of that capability, every read audited like a person read.

let t: TestApp;
const tokens = { registrar: "", border: "", pathways: "", admin: "", investigator: "", mexRegistrar: "" };
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  await publishPathway(t.app.pathways, "USA", "usa-timeline");
  tokens.registrar = (await userWithToken(t, "USA", ["registrar"])).token;
  tokens.border = (await userWithToken(t, "USA", ["border_officer"])).token;
  tokens.pathways = (await userWithToken(t, "USA", ["pathway_officer"])).token;
  tokens.admin = (await userWithToken(t, "USA", ["nation_admin"])).token;
  tokens.investigator = (await userWithToken(t, "USA", ["investigator"])).token;
  tokens.mexRegistrar = (await userWithToken(t, "MEX", ["registrar"])).token;
});
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, token: string | null, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, {
    ...(token === null ? {} : { token }),
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

const timeline = async (id: string, token: string) => {
  const res = await send("GET", `/registry/people/${id}/timeline`, token);
  expect(res.status, res.text).toBe(200);
  return Timeline.parse(res.body).events;
};

/** A person registered, met at the border (linked at recording) and applying to a pathway. */
async function journey() {
  const personId = await registerPerson(t.app, "USA", personInput({ nationalities: ["VEN"] }));
  const {
    givenNames: _g,
    familyNames: _f,
    birthDate: _b,
    documents: _d,
    ...facts
  } = venezuelanWhoLivedInColombia;
  const met = await send("POST", "/border/encounters", tokens.border, { ...facts, personId });
  expect(met.status, met.text).toBe(201);
  const filed = await fileApplication(t.app.pathways, "USA", "usa-timeline");
  const linked = await send("POST", `/pathways/applications/${filed.id}/person`, tokens.pathways, {
    personId,
  });
  expect(linked.status, linked.text).toBe(200);
  return { personId, encounterId: (met.body as { id: string }).id, applicationId: filed.id };
}

describe("GET /registry/people/{id}/timeline", () => {
  it("lists the registration and the linked encounter, oldest first, in the contract's shape", async () => {
    const { personId, encounterId } = await journey();
    const events = await timeline(personId, tokens.border);
    expect(events).toContainEqual(
      expect.objectContaining({ capability: "registry", kind: "registered", ref: personId }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ capability: "border", kind: "encounter_recorded", ref: encounterId }),
    );
    const times = events.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    // Only ids, times and codes: no name, date of birth or document of the person is in the answer.
    const raw = (await send("GET", `/registry/people/${personId}/timeline`, tokens.border)).text;
    expect(raw).not.toContain("1990-04-12");
  });

  it("shows each capability's steps only to its readers", async () => {
    const { personId, encounterId, applicationId } = await journey();
    const capabilities = async (token: string) =>
      [...new Set((await timeline(personId, token)).map((e) => e.capability))].sort();
    // The border officer reads border records, not applications; the pathway officer the reverse.
    expect(await capabilities(tokens.border)).toEqual(["border", "registry"]);
    expect(await capabilities(tokens.pathways)).toEqual(["pathways", "registry"]);
    expect(await capabilities(tokens.registrar)).toEqual(["registry"]);
    const asPathways = await timeline(personId, tokens.pathways);
    expect(asPathways).toContainEqual(
      expect.objectContaining({ capability: "pathways", kind: "application_submitted", ref: applicationId }),
    );
    expect(asPathways.some((e) => e.ref === encounterId)).toBe(false);
  });

  it("records every read in the audit like a person read, with what it showed", async () => {
    const { personId } = await journey();
    await timeline(personId, tokens.border);
    const events = await t.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select(["action", "details"])
        .where("tenant_id", "=", "USA")
        .where("target_id", "=", personId)
        .where("action", "=", "person.read")
        .execute(),
    );
    const details = events.map((e) => (typeof e.details === "string" ? JSON.parse(e.details) : e.details));
    expect(details).toContainEqual(
      expect.objectContaining({ view: "timeline", capabilities: ["registry", "border"] }),
    );
  });

  it("gives a merged record's steps with the survivor's, whichever id is asked", async () => {
    const input = personInput();
    const survivor = await registerPerson(t.app, "USA", input);
    const second = await registerPerson(
      t.app,
      "USA",
      { ...input, surnames: input.surnames.slice(0, 1) },
      { overrideReason: "came back with another card" },
    );
    const {
      givenNames: _g,
      familyNames: _f,
      birthDate: _b,
      documents: _d,
      ...facts
    } = venezuelanWhoLivedInColombia;
    const met = await send("POST", "/border/encounters", tokens.border, { ...facts, personId: second });
    expect(met.status, met.text).toBe(201);
    const review = await t.database.asOwner((tx) =>
      tx
        .selectFrom("registry_duplicate_reviews")
        .select("id")
        .where("person_b", "=", second)
        .executeTakeFirstOrThrow(),
    );
    const merged = await send("POST", `/registry/reviews/${review.id}/decision`, tokens.admin, {
      decision: "merge",
      reason: "same passport",
    });
    expect(merged.status, merged.text).toBe(200);
    for (const asked of [survivor, second]) {
      const events = await timeline(asked, tokens.border);
      expect(
        events
          .filter((e) => e.kind === "registered")
          .map((e) => e.ref)
          .sort(),
      ).toEqual([survivor, second].sort());
      expect(events).toContainEqual(
        expect.objectContaining({ kind: "encounter_recorded", ref: (met.body as { id: string }).id }),
      );
      expect(events).toContainEqual(expect.objectContaining({ kind: "record_merged" }));
    }
  });

  it("answers 401 without a token, 403 without person.read, 404 for another nation's or an erased person", async () => {
    const { personId } = await journey();
    expect((await send("GET", `/registry/people/${personId}/timeline`, null)).status).toBe(401);
    expect((await send("GET", `/registry/people/${personId}/timeline`, tokens.investigator)).status).toBe(
      403,
    );
    expect((await send("GET", `/registry/people/${personId}/timeline`, tokens.mexRegistrar)).status).toBe(
      404,
    );
    expect((await send("GET", "/registry/people/not-a-uuid/timeline", tokens.registrar)).status).toBe(400);
    const erased = await send("DELETE", `/registry/people/${personId}`, tokens.admin, {
      reason: "asked by the person",
    });
    expect(erased.status, erased.text).toBe(200);
    expect((await send("GET", `/registry/people/${personId}/timeline`, tokens.registrar)).status).toBe(404);
  });
});
