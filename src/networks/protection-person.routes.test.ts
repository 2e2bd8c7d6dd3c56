import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { ProtectionNotice } from "../registry/protection-notice.contract.ts";
import { personInput, registerPerson } from "../registry/registry.test-support.ts";
import { Timeline } from "../registry/timeline.contract.ts";
import { ProtectionView } from "./networks.contract.ts";
import { NetworksSubjectSection } from "./networks-subject.contract.ts";

// A victim's protection record naming the registry person it protects: set by the protection side when the
// record is flagged or later, shown to the protection side as a step of the person's timeline and a notice on
// their page, never to investigators (the wall), cleared when the person is erased.

let t: TestApp;
const tokens = {
  caseworker: "",
  protection: "",
  registrar: "",
  border: "",
  investigator: "",
  admin: "",
  mexCaseworker: "",
};
const RING_PHONE = "+1 202 555 0188";

beforeAll(async () => {
  t = await startTestApp();
  tokens.caseworker = (await userWithToken(t, "USA", ["caseworker"])).token;
  tokens.protection = (await userWithToken(t, "USA", ["protection_officer"])).token;
  tokens.registrar = (await userWithToken(t, "USA", ["registrar"])).token;
  tokens.border = (await userWithToken(t, "USA", ["border_officer"])).token;
  tokens.investigator = (await userWithToken(t, "USA", ["investigator"])).token;
  tokens.admin = (await userWithToken(t, "USA", ["nation_admin"])).token;
  tokens.mexCaseworker = (await userWithToken(t, "MEX", ["caseworker"])).token;
}, 60_000);
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, token: string | null, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, {
    ...(token === null ? {} : { token }),
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read loosely and checked by schemas
  return { status: res.status, text, body: (text.startsWith("{") ? JSON.parse(text) : null) as any };
}

let cases = 0;
const newCase = () => `USA-VICTIM-${++cases}-${Date.now()}`;

/** Flags a case as a protection record as the caseworker, naming `personId` when given. */
async function flag(caseRef: string, personId?: string) {
  const res = await send("POST", "/networks/protection-records", tokens.caseworker, {
    caseRef,
    reason: "victim of trafficking",
    ...(personId === undefined ? {} : { personId }),
  });
  expect(res.status, res.text).toBe(201);
  return ProtectionView.parse(res.body);
}

const timeline = async (personId: string, token: string) => {
  const res = await send("GET", `/registry/people/${personId}/timeline`, token);
  expect(res.status, res.text).toBe(200);
  return Timeline.parse(res.body).events;
};

const notice = async (personId: string, token: string) => {
  const res = await send("GET", `/registry/people/${personId}/protection-record`, token);
  expect(res.status, res.text).toBe(200);
  return ProtectionNotice.parse(res.body).protectionRecord;
};

const audits = (action: string, targetId: string) =>
  t.database.asOwner((tx) =>
    tx
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("tenant_id", "=", "USA")
      .where("action", "=", action)
      .where("target_id", "=", targetId)
      .execute(),
  );
const detailsOf = (rows: { details: unknown }[]) =>
  rows.map((r) => (typeof r.details === "string" ? JSON.parse(r.details) : r.details));

const storedPerson = (caseRef: string) =>
  t.database.asOwner((tx) =>
    tx
      .selectFrom("network_protection_records")
      .select(["person_id", "person_linked_by"])
      .where("tenant_id", "=", "USA")
      .where("case_ref", "=", caseRef)
      .executeTakeFirstOrThrow(),
  );

describe("a protection record naming a registry person", () => {
  it("is named when flagged, and only the protection side sees it in the person's timeline", async () => {
    const personId = await registerPerson(t.app, "USA");
    const caseRef = newCase();
    const flagged = await flag(caseRef, personId);
    expect(flagged.personId).toBe(personId);
    expect((await storedPerson(caseRef)).person_id).toBe(personId);

    for (const token of [tokens.caseworker, tokens.protection]) {
      const events = await timeline(personId, token);
      const step = events.find((e) => e.capability === "networks");
      expect(step).toMatchObject({ kind: "protection_record" });
      // The record's opaque reference, never the case number.
      expect(step?.ref).toMatch(/^PR-[\w-]{16}$/);
      expect(JSON.stringify(events)).not.toContain(caseRef);
    }
    // A border officer and a registrar read the person's timeline, but no protection step.
    for (const token of [tokens.border, tokens.registrar]) {
      expect((await timeline(personId, token)).some((e) => e.capability === "networks")).toBe(false);
    }
    // An investigator reads no person at all.
    expect((await send("GET", `/registry/people/${personId}/timeline`, tokens.investigator)).status).toBe(
      403,
    );

    const flags = detailsOf(await audits("network.protection.flag", caseRef));
    expect(flags).toContainEqual({ personId });
  });

  it("tells the protection side on the person's page that a record exists, and audits the read", async () => {
    const named = await registerPerson(t.app, "USA");
    const other = await registerPerson(t.app, "USA");
    await flag(newCase(), named);
    expect(await notice(named, tokens.caseworker)).toBe(true);
    expect(await notice(named, tokens.protection)).toBe(true);
    expect(await notice(other, tokens.caseworker)).toBe(false);
    const reads = detailsOf(await audits("person.read", named));
    expect(reads).toContainEqual({ view: "protection_notice", protectionRecord: true });
  });

  it("is named, renamed or no longer named later, audited, 404 naming the field otherwise", async () => {
    const caseRef = newCase();
    expect((await flag(caseRef)).personId).toBeNull();
    const first = await registerPerson(t.app, "USA");
    const second = await registerPerson(t.app, "USA");
    const mexican = await registerPerson(t.app, "MEX");

    const put = (body: unknown, token = tokens.caseworker) =>
      send("PUT", "/networks/protection-records/person", token, body);
    const linked = await put({ caseRef, personId: first });
    expect(linked.status, linked.text).toBe(200);
    expect(ProtectionView.parse(linked.body).personId).toBe(first);
    expect(await notice(first, tokens.caseworker)).toBe(true);

    const renamed = await put({ caseRef, personId: second }, tokens.protection);
    expect(renamed.status, renamed.text).toBe(200);
    expect(await notice(first, tokens.caseworker)).toBe(false);
    expect(await notice(second, tokens.caseworker)).toBe(true);

    // Another nation's person: 404 naming personId, and the record keeps the person it named.
    const foreign = await put({ caseRef, personId: mexican });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.details.field).toBe("personId");
    const foreignFlag = await send("POST", "/networks/protection-records", tokens.caseworker, {
      caseRef: newCase(),
      reason: "victim of trafficking",
      personId: mexican,
    });
    expect(foreignFlag.status).toBe(404);
    expect(foreignFlag.body.error.details.field).toBe("personId");
    expect((await storedPerson(caseRef)).person_id).toBe(second);

    // No such record: 404 naming caseRef.
    const missing = await put({ caseRef: "NO-SUCH-CASE", personId: first });
    expect(missing.status).toBe(404);
    expect(missing.body.error.details.field).toBe("caseRef");

    const unlinked = await put({ caseRef, personId: null });
    expect(unlinked.status, unlinked.text).toBe(200);
    expect(unlinked.body.personId).toBeNull();
    expect(await notice(second, tokens.caseworker)).toBe(false);
    expect((await storedPerson(caseRef)).person_linked_by).toBeNull();

    const link = detailsOf(await audits("network.protection.person.link", caseRef));
    expect(link).toEqual([
      { personId: first, before: null },
      { personId: second, before: first },
    ]);
    expect(detailsOf(await audits("network.protection.person.unlink", caseRef))).toEqual([
      { personId: null, before: second },
    ]);
  });

  it("refuses bad and hostile input, naming the field", async () => {
    const caseRef = newCase();
    await flag(caseRef);
    const put = (body: unknown) =>
      send("PUT", "/networks/protection-records/person", tokens.caseworker, body);
    for (const personId of ["not-a-uuid", "\u0000", "x".repeat(5000), 42]) {
      const res = await put({ caseRef, personId });
      expect(res.status, res.text).toBe(400);
      expect(res.text).toContain("personId");
    }
    const nul = await put({ caseRef: "CASE\u0000", personId: null });
    expect(nul.status).toBe(400);
    expect(nul.text).toContain("caseRef");
    expect((await put({ caseRef, personId: null, extra: 1 })).status).toBe(400);
    expect((await put({ personId: null })).status).toBe(400);
    const badFlag = await send("POST", "/networks/protection-records", tokens.caseworker, {
      caseRef: newCase(),
      reason: "victim of trafficking",
      personId: "\ud800",
    });
    expect(badFlag.status).toBe(400);
    expect(badFlag.text).toContain("personId");
    const huge = await t.request("PUT", "/api/v1/networks/protection-records/person", {
      token: tokens.caseworker,
      body: { caseRef, personId: null, padding: "x".repeat(3_000_000) },
    });
    expect([400, 413]).toContain(huge.status);
    expect((await storedPerson(caseRef)).person_id).toBeNull();
  });

  it("keeps the role matrix: 401 without a token, 403 without protection.read, 404 across nations", async () => {
    const personId = await registerPerson(t.app, "USA");
    const caseRef = newCase();
    await flag(caseRef);
    const body = { caseRef, personId };
    const put = (token: string | null) => send("PUT", "/networks/protection-records/person", token, body);
    expect((await put(null)).status).toBe(401);
    for (const token of [tokens.investigator, tokens.registrar, tokens.border, tokens.admin])
      expect((await put(token)).status).toBe(403);
    // Mexico's caseworker holds protection.read but neither the USA's record nor its person.
    const mex = await put(tokens.mexCaseworker);
    expect(mex.status).toBe(404);
    expect(mex.body.error.details.field).toBe("caseRef");
    expect((await storedPerson(caseRef)).person_id).toBeNull();

    const path = `/registry/people/${personId}/protection-record`;
    expect((await send("GET", path, null)).status).toBe(401);
    for (const token of [tokens.investigator, tokens.registrar, tokens.border, tokens.admin])
      expect((await send("GET", path, token)).status).toBe(403);
    expect((await send("GET", path, tokens.mexCaseworker)).status).toBe(404);
    expect(
      (await send("GET", "/registry/people/not-a-uuid/protection-record", tokens.caseworker)).status,
    ).toBe(400);
  });
});

describe("the wall keeps the person from investigators", () => {
  it("never shows an investigator the person, even once a legal basis opens the record", async () => {
    const personId = await registerPerson(t.app, "USA");
    const caseRef = newCase();
    const link = (caseId: string, person: string) => ({
      source: { type: "person", value: person },
      target: { type: "phone", value: RING_PHONE },
      kind: "called",
      observedAt: "2024-05-02",
      caseRef: caseId,
    });
    for (const l of [link("USA-RING-1", "P-1"), link("USA-RING-2", "P-2"), link(caseRef, "VICTIM")])
      expect((await send("POST", "/networks/links", tokens.investigator, l)).status).toBe(201);
    await flag(caseRef, personId);

    const found = await send(
      "GET",
      `/networks/search?type=phone&value=${encodeURIComponent(RING_PHONE)}`,
      tokens.investigator,
    );
    const entityId = found.body.matches[0].id as string;
    const around = await send("GET", `/networks/entities/${entityId}/neighbourhood`, tokens.investigator);
    expect(around.status).toBe(200);
    expect(around.body.protectedRecords).toHaveLength(1);
    expect(around.text).not.toContain(personId);

    const asked = await send("POST", "/networks/legal-bases", tokens.investigator, {
      protectedRef: around.body.protectedRecords[0].ref,
      purpose: "the victim's call places the ring's phone",
      authority: "court_order: 12/2026",
    });
    expect(asked.status, asked.text).toBe(201);
    const approved = await send(
      "POST",
      `/networks/legal-bases/${asked.body.id}/decision`,
      tokens.protection,
      {
        decision: "approve",
        note: "order checked",
      },
    );
    expect(approved.status, approved.text).toBe(200);
    const record = await send("GET", `/networks/legal-bases/${asked.body.id}/record`, tokens.investigator);
    expect(record.status, record.text).toBe(200);
    expect(record.text).not.toContain(personId);
    const bases = await send("GET", "/networks/legal-bases", tokens.investigator);
    expect(bases.text).not.toContain(personId);
    const file = await send("GET", `/networks/entities/${entityId}/case-file`, tokens.investigator);
    expect(file.text).not.toContain(personId);
    // Nor may an investigator ask the registry or name a person on a record.
    expect(
      (await send("GET", `/registry/people/${personId}/protection-record`, tokens.investigator)).status,
    ).toBe(403);
  });
});

describe("merged and erased people", () => {
  it("shows a record naming a merged record with the survivor's, whichever id is asked", async () => {
    const input = personInput();
    const survivor = await registerPerson(t.app, "USA", input);
    const second = await registerPerson(
      t.app,
      "USA",
      { ...input, surnames: input.surnames.slice(0, 1) },
      { overrideReason: "came back with another card" },
    );
    await flag(newCase(), second);
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
      expect(await notice(asked, tokens.caseworker)).toBe(true);
      expect(await timeline(asked, tokens.caseworker)).toContainEqual(
        expect.objectContaining({ capability: "networks", kind: "protection_record" }),
      );
    }
  });

  it("exports the reference to the protection side only, and erasure clears it (audited, record kept)", async () => {
    const personId = await registerPerson(t.app, "USA");
    const caseRef = newCase();
    await flag(caseRef, personId);

    const exported = await send("GET", `/registry/people/${personId}/export`, tokens.admin);
    expect(exported.status, exported.text).toBe(200);
    expect(NetworksSubjectSection.parse(exported.body.sections.networks).protectionRecords).toBeNull();
    expect(exported.text).not.toContain(caseRef);
    const protectionSide = systemScope("USA", "test", ["nation_admin", "protection_officer"]);
    const full = await t.app.registry.subjectExport.exportPerson(protectionSide, personId);
    const section = NetworksSubjectSection.parse(full.sections.networks);
    expect(section.protectionRecords).toEqual([
      expect.objectContaining({ caseRef, personId, protectedRef: expect.stringMatching(/^PR-/) }),
    ]);

    const erased = await send("DELETE", `/registry/people/${personId}`, tokens.admin, {
      reason: "asked by the person",
    });
    expect(erased.status, erased.text).toBe(200);
    // The eraser holds no protection.read: not told that a record named the person.
    expect(erased.body.elsewhere.networks).toEqual({});
    expect(await storedPerson(caseRef)).toEqual({ person_id: null, person_linked_by: null });
    expect(detailsOf(await audits("network.protection.person.unlink", caseRef))).toEqual([
      { cause: "person.erase" },
    ]);
    expect(
      (await send("GET", `/registry/people/${personId}/protection-record`, tokens.caseworker)).status,
    ).toBe(404);
  });
});

// Every role against both routes: the protection side (protection.read) may, no one else.
let matrixSeq = 0;
describeRoleMatrix(
  "protection record ↔ registry person",
  () => t,
  async (app, nation) => {
    const personId = await registerPerson(app.app, nation);
    const otherPersonId = await registerPerson(app.app, nation === "MEX" ? "USA" : "MEX");
    const caseRef = `MATRIX-${nation}-${++matrixSeq}`;
    await app.app.networks.flagProtection(systemScope(nation, "test", ["protection_officer"]), {
      caseRef,
      reason: "victim of trafficking",
    });
    return { personId, otherPersonId, caseRef };
  },
  [
    {
      name: "PUT /networks/protection-records/person",
      method: "PUT",
      path: () => "/api/v1/networks/protection-records/person",
      body: (fx) => ({ caseRef: fx.caseRef, personId: fx.personId }),
      permission: "protection.read",
      ok: 200,
    },
    {
      name: "GET /registry/people/:id/protection-record",
      method: "GET",
      path: (fx) => `/api/v1/registry/people/${fx.personId}/protection-record`,
      otherNationPath: (fx) => `/api/v1/registry/people/${fx.otherPersonId}/protection-record`,
      permission: "protection.read",
      ok: 200,
    },
  ],
);
