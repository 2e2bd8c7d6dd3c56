import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { personInput, registerPerson, uniqueName } from "./registry.test-support.ts";
import { ReviewQuery } from "./review.contract.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const other = (nation: string) => (nation === "MEX" ? "USA" : "MEX");

/** A person of the caller's nation with one correction already made, and a person of another nation. */
async function editFixture(app: TestApp, nation: string) {
  const personId = await registerPerson(app.app, nation);
  const foreignPersonId = await registerPerson(app.app, other(nation));
  const { versionId } = await app.app.registry.edits.editPerson(systemScope(nation, "test"), personId, {
    birthPlace: "Quetzaltenango",
    reason: "first interview",
  });
  return { personId, foreignPersonId, versionId: versionId as string };
}

describeRoleMatrix("registry person corrections", () => t, editFixture, [
  {
    name: "PATCH /registry/people/:id",
    method: "PATCH",
    path: (fx) => `/api/v1/registry/people/${fx.personId}`,
    otherNationPath: (fx) => `/api/v1/registry/people/${fx.foreignPersonId}`,
    body: () => ({ surnames: [uniqueName()], reason: "spelling on the passport" }),
    permission: "person.write",
    ok: 200,
  },
  {
    name: "GET /registry/people/:id/history",
    method: "GET",
    path: (fx) => `/api/v1/registry/people/${fx.personId}/history`,
    otherNationPath: (fx) => `/api/v1/registry/people/${fx.foreignPersonId}/history`,
    permission: "person.read",
    ok: 200,
  },
  {
    name: "POST /registry/people/:id/versions/:versionId/restore",
    method: "POST",
    path: (fx) => `/api/v1/registry/people/${fx.personId}/versions/${fx.versionId}/restore`,
    otherNationPath: (fx) => `/api/v1/registry/people/${fx.foreignPersonId}/versions/${fx.versionId}/restore`,
    body: () => ({ reason: "the first spelling was right" }),
    permission: "person.write",
    ok: 200,
  },
]);

describe("correcting a person", () => {
  it("re-indexes the record, keeps the old values in the history, audits the fields, and restores", async () => {
    const { token } = await userWithToken(t, "ECU", ["caseworker"]);
    const input = personInput();
    const id = await registerPerson(t.app, "ECU", input);
    const newSurname = uniqueName();
    const res = await t.request("PATCH", `/api/v1/registry/people/${id}`, {
      token,
      body: { surnames: [newSurname], birthDate: "1979-02-28", reason: "passport shows the other spelling" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const edit = (await res.json()) as { changed: string[]; versionId: string };
    expect(edit.changed).toEqual(expect.arrayContaining(["surnames", "birthDate"]));

    const search = async (query: string) =>
      (
        (await (await t.request("GET", `/api/v1/registry/search?${query}`, { token })).json()) as {
          hits: { id: string; band: string }[];
        }
      ).hits;
    // Found by the corrected surname and date (the blind indexes were recomputed), best first.
    expect((await search(`surname=${newSurname}&dob=1979-02-28`))[0]?.id).toBe(id);
    expect((await search(`surname=${input.surnames[0]}`)).map((h) => h.id)).not.toContain(id);

    const history = (await (
      await t.request("GET", `/api/v1/registry/people/${id}/history`, { token })
    ).json()) as {
      versions: { id: string; reason: string; before: { surnames: string[]; birthDate: string } }[];
    };
    expect(history.versions[0]).toMatchObject({
      id: edit.versionId,
      reason: "passport shows the other spelling",
      before: { surnames: input.surnames, birthDate: input.birthDate },
    });

    const events = await t.app.platform.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select(["action", "details"])
        .where("tenant_id", "=", "ECU")
        .where("target_id", "=", id)
        .where("action", "=", "person.update")
        .execute(),
    );
    expect(JSON.stringify(events)).toContain("surnames");
    expect(JSON.stringify(events)).not.toContain(newSurname);

    const restored = await t.request(
      "POST",
      `/api/v1/registry/people/${id}/versions/${edit.versionId}/restore`,
      {
        token,
        body: { reason: "wrong passport" },
      },
    );
    expect(restored.status).toBe(200);
    const person = (await (await t.request("GET", `/api/v1/registry/people/${id}`, { token })).json()) as {
      surnames: string[];
      birthDate: string;
    };
    expect(person).toMatchObject({ surnames: input.surnames, birthDate: input.birthDate });
  });

  it.each([
    [{ birthDate: "1985-13-45" }, "a month that does not exist"],
    [{ birthDate: "1985-02-30" }, "a day that does not exist"],
    [{ phones: ["55 12"] }, "a phone with too few digits"],
    [{ documents: [{ type: "passport", number: "A#1" }] }, "a document number with a symbol"],
    [{ nationalities: ["Mexico"] }, "a nationality that is not a code"],
    [{ surnames: ["Pérez"] }, "no reason"],
    [{ givenNames: [], surnames: [] }, "no name left at all"],
  ])("refuses %j (%s) with 400", async (body, why) => {
    const { token } = await userWithToken(t, "ECU", ["registrar"]);
    const id = await registerPerson(t.app, "ECU");
    const withReason = why === "no reason" ? body : { ...body, reason: "checked" };
    const res = await t.request("PATCH", `/api/v1/registry/people/${id}`, { token, body: withReason });
    expect(res.status).toBe(400);
  });

  it("lets only readers of protection details correct vulnerabilities", async () => {
    const registrar = await userWithToken(t, "ECU", ["registrar"]);
    const caseworker = await userWithToken(t, "ECU", ["caseworker"]);
    const id = await registerPerson(t.app, "ECU");
    const body = { vulnerabilities: ["medical"], reason: "seen by the nurse" };
    const patch = (token: string) => t.request("PATCH", `/api/v1/registry/people/${id}`, { token, body });
    expect((await patch(registrar.token)).status).toBe(403);
    expect((await patch(caseworker.token)).status).toBe(200);
  });

  it("refuses to correct a record merged into another", async () => {
    const scope = systemScope("SLV", "test");
    const input = personInput();
    await registerPerson(t.app, "SLV", input);
    const later = await registerPerson(t.app, "SLV", input, { overrideReason: "second card" });
    const [item] = (await t.app.registry.review.queue(scope, ReviewQuery.parse({}))).items;
    await t.app.registry.review.decide(scope, item!.id, "merge", "same passport");
    await expect(
      t.app.registry.edits.editPerson(scope, later, { birthPlace: "San Miguel", reason: "typo" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
