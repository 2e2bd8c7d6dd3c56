import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { prepareBorderTenants, venezuelanWhoLivedInColombia } from "../border/border.test-support.ts";
import { fileApplication, publishPathway } from "../pathways/pathways.test-support.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { giveConsent, personInput, registerPerson } from "./registry.test-support.ts";

let t: TestApp;
let registrar: { token: string };
let admin: { token: string };
let caseworker: { token: string };
let borderOfficer: { token: string };
let pathwayOfficer: { token: string };
let regAdmin: { token: string };
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  await publishPathway(t.app.pathways, "USA", "usa-export");
  registrar = await userWithToken(t, "USA", ["registrar"]);
  admin = await userWithToken(t, "USA", ["nation_admin"]);
  caseworker = await userWithToken(t, "USA", ["caseworker"]);
  borderOfficer = await userWithToken(t, "USA", ["border_officer"]);
  pathwayOfficer = await userWithToken(t, "USA", ["pathway_officer"]);
  regAdmin = await userWithToken(t, "REG", ["regional_admin"]);
});
afterAll(async () => {
  await t.close();
});

async function send<T = Record<string, unknown>>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
) {
  const res = await t.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

interface Exported {
  nation: string;
  askedId: string;
  personIds: string[];
  person: Record<string, unknown> & { id: string };
  sections: {
    registry: {
      mergedRecords: { id: string; surnames: string[] }[];
      versions: { personId: string; reason: string; before: { birthPlace: string } }[];
      consents: { personId: string; givenBy: string }[];
      cases: { id: string; personId: string; notes: { body: string }[] }[];
      duplicateReviews: { personA: string; personB: string; whyCreated: string | null }[];
      merges: { survivorId: string; mergedId: string; reason: string }[];
      family: { personId: string; relatedId: string }[];
    };
    border: {
      encounters: {
        id: string;
        personId: string;
        givenNames: string | null;
        documents: { number: string }[];
        decisions: { disposition: string; reason: string }[];
      }[];
    };
    pathways: {
      applications: {
        id: string;
        personId: string;
        fullName: string | null;
        answers: Record<string, unknown>;
        history: { toStage: string; reason: string }[];
      }[];
    };
  };
}

const exportOf = (id: string, token = admin.token) =>
  send<Exported>("GET", `/registry/people/${id}/export`, token);

const exportEvents = (nation: string) =>
  t.database.asOwner(
    async (tx) =>
      (
        await sql<{ target_id: string; details: Record<string, unknown> }>`select target_id, details
        from audit_events where tenant_id = ${nation} and action = 'person.export' order by seq`.execute(tx)
      ).rows,
  );

describe("a data subject's export", () => {
  it("holds the whole record, unredacted, with the border and pathway records linked to the person", async () => {
    const input = personInput({
      vulnerabilities: ["survivor_of_violence"],
      protection: { status: "refugee", from: ["VEN"] },
      phones: ["+1 202 555 0199"],
    });
    const id = await registerPerson(t.app, "USA", input);
    await giveConsent(t.app, "USA", id);
    expect(
      (
        await send("PATCH", `/registry/people/${id}`, caseworker.token, {
          birthPlace: "Maracaibo",
          reason: "as on the birth certificate",
        })
      ).status,
    ).toBe(200);
    const opened = await send<{ id: string }>("POST", "/registry/cases", caseworker.token, {
      personId: id,
      type: "protection",
      note: "first interview held in Spanish",
    });
    expect(opened.status).toBe(201);

    // A border encounter recorded with the person's id, and a decision on it, through the border's routes.
    const met = await send<{ id: string }>("POST", "/border/encounters", borderOfficer.token, {
      ...venezuelanWhoLivedInColombia,
      personId: id,
    });
    expect(met.status, JSON.stringify(met.body)).toBe(201);
    const decided = await send("POST", `/border/encounters/${met.body.id}/decisions`, borderOfficer.token, {
      disposition: "title8_processing",
      reason: "screened for processing",
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    // A pathway application filed through the portal, linked to the person and moved on by an officer.
    const filed = await fileApplication(t.app.pathways, "USA", "usa-export");
    expect(
      (
        await send("POST", `/pathways/applications/${filed.id}/person`, pathwayOfficer.token, {
          personId: id,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await send("POST", `/pathways/applications/${filed.id}/stage`, pathwayOfficer.token, {
          stage: "screening",
          reason: "documents complete",
        })
      ).status,
    ).toBe(200);
    // Someone else's records stay out.
    const stranger = await registerPerson(t.app, "USA");
    await send("POST", "/border/encounters", borderOfficer.token, {
      ...venezuelanWhoLivedInColombia,
      personId: stranger,
    });

    for (const token of [admin.token, registrar.token]) {
      const res = await exportOf(id, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const x = res.body;
      expect(x).toMatchObject({ nation: "USA", askedId: id, personIds: [id] });
      // The registrar holds no protection.read, yet the subject's own export is complete.
      expect(x.person).toMatchObject({
        id,
        givenNames: input.givenNames,
        birthPlace: "Maracaibo",
        documents: input.documents,
        phones: ["+1 202 555 0199"],
        vulnerabilities: ["survivor_of_violence_or_torture"],
        protection: { status: "refugee", from: ["VEN"] },
      });
      const reg = x.sections.registry;
      expect(reg.versions).toHaveLength(1);
      expect(reg.versions[0]).toMatchObject({ personId: id, reason: "as on the birth certificate" });
      expect(reg.versions[0]?.before.birthPlace).toBe("");
      // The person's own consent, and the one given on the portal, recorded when the application was linked.
      expect(reg.consents).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ personId: id, givenBy: "the person", purpose: "cross_border_referral" }),
          expect.objectContaining({
            personId: id,
            givenBy: "the applicant on the portal",
            purpose: "pathway_application",
          }),
        ]),
      );
      expect(reg.consents).toHaveLength(2);
      expect(reg.cases).toEqual([
        expect.objectContaining({
          id: opened.body.id,
          personId: id,
          notes: [expect.objectContaining({ body: "first interview held in Spanish" })],
        }),
      ]);
      expect(x.sections.border.encounters).toHaveLength(1);
      expect(x.sections.border.encounters[0]).toMatchObject({
        id: met.body.id,
        personId: id,
        // A linked encounter keeps the reference only: who she is comes from the registry's own section.
        givenNames: null,
        documents: [],
        decisions: [{ disposition: "title8_processing", reason: "screened for processing" }],
      });
      expect(x.sections.pathways.applications).toHaveLength(1);
      expect(x.sections.pathways.applications[0]).toMatchObject({
        id: filed.id,
        personId: id,
        fullName: "Marie Jean",
        answers: { nationality: "HTI" },
        history: expect.arrayContaining([
          expect.objectContaining({ toStage: "screening", reason: "documents complete" }),
        ]),
      });
      expect(JSON.stringify(x)).not.toContain(stranger);
    }
  });

  it("is audited in the same transaction with ids and counts, never a value", async () => {
    const input = personInput({ birthPlace: "Cúcuta" });
    const id = await registerPerson(t.app, "USA", input);
    await send("POST", "/border/encounters", borderOfficer.token, {
      ...venezuelanWhoLivedInColombia,
      personId: id,
    });
    const before = (await exportEvents("USA")).length;
    expect((await exportOf(id)).status).toBe(200);
    const events = await exportEvents("USA");
    expect(events).toHaveLength(before + 1);
    const event = events.at(-1)!;
    expect(event.target_id).toBe(id);
    expect(event.details).toMatchObject({
      asked: id,
      ids: [id],
      counts: {
        registry: expect.objectContaining({ mergedRecords: 0, cases: 0 }),
        border: expect.objectContaining({ encounters: 1 }),
        pathways: expect.objectContaining({ applications: 0 }),
      },
    });
    const text = JSON.stringify(event.details);
    for (const value of [
      ...input.givenNames,
      ...input.surnames,
      "Cúcuta",
      "María",
      input.documents[0]!.number,
    ])
      expect(text).not.toContain(value);
    // A refused export writes no event.
    expect((await exportOf(id, caseworker.token)).status).toBe(403);
    expect(await exportEvents("USA")).toHaveLength(before + 1);
  });

  it("exports the surviving record with every record merged into it, whichever id is asked", async () => {
    const input = personInput();
    const survivor = await registerPerson(t.app, "USA", input);
    const second = await registerPerson(
      t.app,
      "USA",
      { ...input, surnames: input.surnames.slice(0, 1) },
      { overrideReason: "came back with another card" },
    );
    const review = await t.database.asOwner((tx) =>
      tx
        .selectFrom("registry_duplicate_reviews")
        .select("id")
        .where("person_b", "=", second)
        .executeTakeFirstOrThrow(),
    );
    // The second record's encounter belongs to the same human: it is exported with the survivor.
    const met = await send<{ id: string }>("POST", "/border/encounters", borderOfficer.token, {
      ...venezuelanWhoLivedInColombia,
      personId: second,
    });
    const merged = await send("POST", `/registry/reviews/${review.id}/decision`, admin.token, {
      decision: "merge",
      reason: "same passport",
    });
    expect(merged.status).toBe(200);

    for (const asked of [survivor, second]) {
      const res = await exportOf(asked);
      expect(res.status).toBe(200);
      expect(res.body.askedId).toBe(asked);
      expect(res.body.person.id).toBe(survivor);
      expect(res.body.personIds).toEqual([survivor, second]);
      const reg = res.body.sections.registry;
      expect(reg.mergedRecords.map((r) => [r.id, r.surnames])).toEqual([
        [second, input.surnames.slice(0, 1)],
      ]);
      expect(reg.merges).toEqual([
        expect.objectContaining({ survivorId: survivor, mergedId: second, reason: "same passport" }),
      ]);
      expect(reg.duplicateReviews).toEqual([
        expect.objectContaining({
          personA: survivor,
          personB: second,
          whyCreated: "came back with another card",
        }),
      ]);
      expect(res.body.sections.border.encounters.map((e) => [e.id, e.personId])).toEqual([
        [met.body.id, second],
      ]);
    }
  });

  it("answers 404 for an erased person, and for the records merged into them", async () => {
    const input = personInput();
    const id = await registerPerson(t.app, "USA", input);
    const second = await registerPerson(
      t.app,
      "USA",
      { ...input, surnames: input.surnames.slice(0, 1) },
      { overrideReason: "another card" },
    );
    const review = await t.database.asOwner((tx) =>
      tx
        .selectFrom("registry_duplicate_reviews")
        .select("id")
        .where("person_b", "=", second)
        .executeTakeFirstOrThrow(),
    );
    await t.app.registry.review.decide(systemScope("USA", "test"), review.id, "merge", "same person");
    expect((await exportOf(id)).status).toBe(200);
    const erased = await send("DELETE", `/registry/people/${id}`, admin.token, {
      reason: "asked to be forgotten",
    });
    expect(erased.status).toBe(200);
    expect((await exportOf(id)).status).toBe(404);
    expect((await exportOf(second)).status).toBe(404);
  });

  it("never answers the secretariat, with or without a nation's person id", async () => {
    const id = await registerPerson(t.app, "USA");
    expect((await exportOf(id, regAdmin.token)).status).toBe(403);
    const mine = await send("GET", `/registry/people/${crypto.randomUUID()}/export`, admin.token);
    expect(mine.status).toBe(404);
  });

  it("keeps an office's registrar to the people of that office", async () => {
    const office = await userWithToken(t, "USA", ["registrar"], { officeId: "USA-01" });
    const unplaced = await registerPerson(t.app, "USA");
    const placed = await registerPerson(t.app, "USA", personInput(), { officeId: "USA-01" });
    expect((await exportOf(unplaced, office.token)).status).toBe(404);
    expect((await exportOf(placed, office.token)).status).toBe(200);
    expect((await exportOf(placed, registrar.token)).status).toBe(404);
    expect((await exportOf(placed, admin.token)).status).toBe(200);
  });
});

describeRoleMatrix(
  "registry subject export",
  () => t,
  async (app, nation) => ({
    personId: await registerPerson(app.app, nation === "REG" ? "USA" : nation),
    foreignId: await registerPerson(app.app, nation === "MEX" ? "USA" : "MEX"),
  }),
  [
    {
      name: "GET /registry/people/:id/export",
      method: "GET",
      path: (fx) => `/api/v1/registry/people/${fx.personId}/export`,
      otherNationPath: (fx) => `/api/v1/registry/people/${fx.foreignId}/export`,
      permission: "person.export",
      ok: 200,
    },
  ],
);
