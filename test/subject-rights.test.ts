import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareBorderTenants, venezuelanWhoLivedInColombia } from "../src/border/border.test-support.ts";
import { fileApplication, publishPathway } from "../src/pathways/pathways.test-support.ts";
import { verifyAuditChains } from "../src/platform/audit/audit-verify.ts";
import { personInput, registerPerson } from "../src/registry/registry.test-support.ts";
import { startTestApp, type TestApp, userWithToken } from "./harness.ts";

// A person's rights reach every capability that holds them: the export gathers the registry, the border and the
// pathways; an erasure clears who the person was in all three, in one transaction, and the audit still verifies.

let t: TestApp;
const tokens = { admin: "", officer: "", pathways: "" };
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  await publishPathway(t.app.pathways, "USA", "usa-rights");
  tokens.admin = (await userWithToken(t, "USA", ["nation_admin"])).token;
  tokens.officer = (await userWithToken(t, "USA", ["border_officer"])).token;
  tokens.pathways = (await userWithToken(t, "USA", ["pathway_officer"])).token;
});
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

/**
 * A person registered in the USA, met at the border and applying to a pathway, both linked to the record. The
 * encounter is recorded with its own names (Colombia is asked about them), then linked to the person, which
 * drops its own copy: a linked encounter keeps the reference only.
 */
async function personAcrossCapabilities() {
  const id = await registerPerson(t.app, "USA", personInput({ nationalities: ["VEN"] }));
  const encounter = await send("POST", "/border/encounters", tokens.officer, venezuelanWhoLivedInColombia);
  expect(encounter.status, encounter.text).toBe(201);
  const encounterId = (encounter.body as { id: string }).id;
  const asked = await send("POST", `/border/encounters/${encounterId}/verifications`, tokens.officer, {
    country: "COL",
  });
  expect(asked.status, asked.text).toBe(201);
  const linkedEncounter = await send("POST", `/border/encounters/${encounterId}/person`, tokens.officer, {
    personId: id,
  });
  expect(linkedEncounter.status, linkedEncounter.text).toBe(201);
  const filed = await fileApplication(t.app.pathways, "USA", "usa-rights");
  const linked = await send("POST", `/pathways/applications/${filed.id}/person`, tokens.pathways, {
    personId: id,
  });
  expect(linked.status, linked.text).toBe(200);
  return { id, encounterId, applicationId: filed.id };
}

describe("a data subject's rights across capabilities", () => {
  it("export: the registry, the border encounter and the pathway application, in one answer", async () => {
    const { id, encounterId, applicationId } = await personAcrossCapabilities();
    const exported = await send("GET", `/registry/people/${id}/export`, tokens.admin);
    expect(exported.status, exported.text).toBe(200);
    expect(exported.text).toContain(encounterId);
    expect(exported.text).toContain(applicationId);
    // The passport the officer typed went with the encounter's own copy when it was linked.
    expect(exported.text).not.toContain("V-12345678");
  });

  it("erasure: clears who the person was at the border and in pathways too, and the audit verifies", async () => {
    const { id, encounterId, applicationId } = await personAcrossCapabilities();
    const erased = await send("DELETE", `/registry/people/${id}`, tokens.admin, {
      reason: "the person asked for their data to be deleted",
    });
    expect(erased.status, erased.text).toBe(200);
    expect(erased.body.elsewhere).toMatchObject({
      border: { encounters: 1, verifications: 1 },
      pathways: { applications: 1, unlinked: 1 },
    });
    expect((await send("GET", `/registry/people/${id}/export`, tokens.admin)).status).toBe(404);

    const [encounter] = await t.database.asOwner(
      async (tx) =>
        (
          await sql<
            Record<string, unknown>
          >`select person_id, given_names_enc, family_names_enc, birth_date_enc,
            documents_enc, citizenship from border_encounters where id = ${encounterId}`.execute(tx)
        ).rows,
    );
    // Who she was is gone; what happened stays for the nation's records and statistics.
    expect(encounter).toEqual({
      person_id: null,
      given_names_enc: null,
      family_names_enc: null,
      birth_date_enc: null,
      documents_enc: null,
      citizenship: "VEN",
    });
    const [question] = await t.database.asOwner(
      async (tx) =>
        (
          await sql<{ encoding: string; partner_tenant: string }>`select encoding, partner_tenant
          from border_verification_requests where encounter_id = ${encounterId}`.execute(tx)
        ).rows,
    );
    // The question stays as evidence that it was asked of Colombia, no longer about whom.
    expect(question).toEqual({ encoding: "", partner_tenant: "COL" });
    const shown = await send("GET", `/border/encounters/${encounterId}`, tokens.officer);
    expect(shown.status).toBe(200);
    expect(shown.text).not.toMatch(/María|Pérez|V-12345678/);

    const [application] = await t.database.asOwner(
      async (tx) =>
        (
          await sql<Record<string, unknown>>`select person_id, stage, answers_enc, full_name_enc, contact_enc
            from pathway_applications where id = ${applicationId}`.execute(tx)
        ).rows,
    );
    // Her application is erased as her own request would: a tombstone that names nobody.
    expect(application).toEqual({
      person_id: null,
      stage: "erased",
      answers_enc: null,
      full_name_enc: null,
      contact_enc: null,
    });

    const events = await t.database.asOwner(
      async (tx) =>
        (
          await sql<{ details: unknown }>`select details from audit_events
            where action = 'person.erase' and target_id = ${id}`.execute(tx)
        ).rows,
    );
    expect(JSON.stringify(events)).toContain('"elsewhere"');
    expect(JSON.stringify(events)).not.toMatch(/María|Pérez/);
    const verified = await verifyAuditChains(t.app.platform.database);
    expect(verified.every((chain) => chain.ok)).toBe(true);
  });
});
