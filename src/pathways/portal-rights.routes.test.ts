import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { verifyAuditChains } from "../platform/audit/audit-verify.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import { ERASED_TEXT } from "./application-erasure.service.ts";
import { STAGE_REASON_CONTEXT } from "./engine/field-contexts.ts";
import { ensureOffice, publishPathway, testLimit } from "./pathways.test-support.ts";

// The applicant's rights on the public portal: downloading everything held from their application, and erasing
// its personal data, with nothing but the tracking code and the secret.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

const NAME = "Rosemène Dorval";
const CONTACT = "rosemene@example.org";
const OFFICER_NOTE = "Rosemène's brother Jacky lives in Miami";

let t: TestApp;
let officer: string;
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-rights");
  await publishPathway(t.app.pathways, "COL", "col-rights");
  await ensureOffice(t.app, "USA", "USA-31");
  await t.app.pathways.workflow.setAppointmentDay(systemScope("USA", "test"), {
    officeId: "USA-31",
    day: "2033-05-02",
    capacity: 10,
  });
  officer = (await userWithToken(t, "USA", ["pathway_officer"])).token;
});
afterAll(async () => {
  await t.close();
});

async function file(contact: string | undefined = CONTACT) {
  return t.app.pathways.portal.apply(
    {
      lang: "fr",
      nation: "USA",
      pathwayId: "usa-rights",
      answers: { nationality: "HTI" },
      fullName: NAME,
      ...(contact && { contact }),
    },
    null,
  );
}

const download = (body: unknown) => t.request("POST", "/api/v1/portal/applications/download", { body });
const erase = (body: unknown) => t.request("POST", "/api/v1/portal/applications/delete", { body });
const status = (body: unknown) => t.request("POST", "/api/v1/portal/status", { body });

const rowOf = (id: string) =>
  t.database.asOwner((tx) =>
    tx.selectFrom("pathway_applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
  );
const auditOf = (id: string) =>
  t.database.asOwner((tx) =>
    tx
      .selectFrom("audit_events")
      .select(["action", "actor_label", "details"])
      .where("target_id", "=", id)
      .orderBy("seq")
      .execute(),
  );

describe("downloading my application", () => {
  it("answers everything held from it to the right code and secret, uncached, and audits the read", async () => {
    const filed = await file();
    await t.app.pathways.workflow.changeStage(systemScope("USA", "test"), filed.id, {
      stage: "screening",
      reason: OFFICER_NOTE,
    });
    const res = await download({ trackingCode: filed.trackingCode, secret: filed.secret, lang: "en" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as Record<string, unknown> & {
      applicant: { fullName: string; contact: string };
      answers: Record<string, unknown>;
      history: { toStage: string; reason: string; by: string }[];
      notifications: { to: string; kind: string; text: string }[];
    };
    expect(body.trackingCode).toBe(filed.trackingCode);
    expect(body.nation).toBe("USA");
    expect(body.stage).toBe("screening");
    expect(body.language).toBe("fr");
    expect(body.pathway).toEqual({ id: "usa-rights", title: "Test pathway usa-rights", version: 1 });
    expect(body.applicant).toEqual({ fullName: NAME, contact: CONTACT });
    expect(body.answers).toEqual({ nationality: "HTI" });
    expect(body.history.map((h) => [h.toStage, h.by])).toEqual([
      ["submitted", "applicant"],
      ["screening", "office"],
    ]);
    expect(body.history[1]?.reason).toBe(OFFICER_NOTE);
    expect(body.notifications.map((n) => n.kind)).toEqual(["submitted", "stage.screening"]);
    expect(body.notifications[0]?.to).toBe(CONTACT);
    expect(body.notifications[0]?.text).toContain(filed.trackingCode);
    expect(body.registryRecord).toBe("none");
    expect(body.appointment).toBeNull();
    const audit = await auditOf(filed.id);
    expect(audit.map((a) => a.action)).toContain("pathway.application.download");
    expect(audit.find((a) => a.action === "pathway.application.download")?.actor_label).toBe(
      "portal:applicant",
    );
    expect(JSON.stringify(audit)).not.toContain(NAME);
    expect(JSON.stringify(audit)).not.toContain(CONTACT);
  });

  it("answers a wrong secret, an unknown code and another nation's prefix with the same 404", async () => {
    const filed = await file();
    const wrong = await download({ trackingCode: filed.trackingCode, secret: "not-the-secret" });
    const unknown = await download({ trackingCode: "USA-ZZZZ-ZZZZ", secret: filed.secret });
    const elsewhere = await download({
      trackingCode: filed.trackingCode.replace(/^USA/, "COL"),
      secret: filed.secret,
    });
    const shapeless = await download({ trackingCode: "nothing", secret: filed.secret });
    const errors = [];
    for (const res of [wrong, unknown, elsewhere, shapeless]) {
      expect(res.status).toBe(404);
      errors.push(((await res.json()) as { error: { code: string; message: string } }).error);
    }
    expect(new Set(errors.map((e) => JSON.stringify([e.code, e.message]))).size).toBe(1);
  });

  it("takes the code and secret from the body only, never from the address", async () => {
    const filed = await file();
    const byQuery = await t.request(
      "GET",
      `/api/v1/portal/applications/download?trackingCode=${filed.trackingCode}&secret=${filed.secret}`,
    );
    expect(byQuery.status).toBe(404);
  });

  it("is rate limited per client address like the status page, for download and delete alike", async () => {
    const filed = await file();
    const saved = t.app.pathways.limits.reads;
    t.app.pathways.limits.reads = testLimit(t, 2);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await download({ trackingCode: filed.trackingCode, secret: filed.secret })).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limited = await erase({ trackingCode: filed.trackingCode, secret: filed.secret, confirm: true });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      t.app.pathways.limits.reads = saved;
    }
    // Nothing was erased by the refused request.
    expect((await rowOf(filed.id)).stage).toBe("submitted");
  });
});

describe("deleting my data", () => {
  it("erases the personal data, keeps a tombstone, and the code then answers like an unknown one", async () => {
    const filed = await file();
    const scope = systemScope("USA", "test");
    await t.app.pathways.workflow.changeStage(scope, filed.id, { stage: "screening", reason: OFFICER_NOTE });
    await t.app.pathways.workflow.book(scope, filed.id, { officeId: "USA-31", day: "2033-05-02" });
    const personId = randomUUID();
    await t.database.asOwner((tx) =>
      tx
        .updateTable("pathway_applications")
        .set({ person_id: personId })
        .where("id", "=", filed.id)
        .execute(),
    );
    const before = await rowOf(filed.id);
    expect(before.full_name_enc).not.toBeNull();

    const res = await erase({ trackingCode: filed.trackingCode, secret: filed.secret, confirm: true });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as {
      stage: string;
      registryRecord: string;
      cleared: { fields: string[]; appointmentCancelled: boolean; notificationsDropped: number };
    };
    expect(body.stage).toBe("erased");
    expect(body.registryRecord).toBe("kept");
    expect(body.cleared.fields).toEqual(["answers", "fullName", "contact", "secret"]);
    expect(body.cleared.appointmentCancelled).toBe(true);
    expect(body.cleared.notificationsDropped).toBe(3);

    // The code and secret now open nothing, exactly like an unknown code.
    const unknown = await status({ trackingCode: "USA-ZZZZ-ZZZZ", secret: filed.secret, lang: "en" });
    const gone = await status({ trackingCode: filed.trackingCode, secret: filed.secret, lang: "en" });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: unknown }).error).toEqual(
      ((await unknown.json()) as { error: unknown }).error,
    );
    expect((await download({ trackingCode: filed.trackingCode, secret: filed.secret })).status).toBe(404);

    // The stored row is a tombstone: no answers, name, contact; the old secret's hash is gone.
    const row = await rowOf(filed.id);
    expect(row).toMatchObject({
      stage: "erased",
      answers_enc: null,
      full_name_enc: null,
      contact_enc: null,
      person_id: personId,
      pathway_id: "usa-rights",
    });
    expect(row.erased_at).not.toBeNull();
    expect(row.secret_hash).not.toBe(before.secret_hash);
    // Officers' reasons are replaced, the appointment is cancelled and its slot freed, notifications dropped.
    const changes = await t.database.asOwner((tx) =>
      tx
        .selectFrom("pathway_stage_changes")
        .select(["to_stage", "reason_enc", "actor_label"])
        .where("application_id", "=", filed.id)
        .orderBy("changed_at")
        .execute(),
    );
    expect(changes.map((c) => c.to_stage)).toEqual([
      "submitted",
      "screening",
      "interview_scheduled",
      "erased",
    ]);
    for (const c of changes) {
      expect(decryptField(t.app.platform.keyring, c.reason_enc, STAGE_REASON_CONTEXT)).toBe(
        ERASED_TEXT.applicant,
      );
    }
    const leftovers = await t.database.asOwner(async (tx) => ({
      appointments: await tx
        .selectFrom("pathway_appointments")
        .select("id")
        .where("application_id", "=", filed.id)
        .execute(),
      outbox: await tx
        .selectFrom("pathway_outbox")
        .select("id")
        .where("application_id", "=", filed.id)
        .execute(),
      day: await tx
        .selectFrom("pathway_appointment_days")
        .select("booked")
        .where("office_id", "=", "USA-31")
        .executeTakeFirstOrThrow(),
    }));
    expect(leftovers.appointments).toEqual([]);
    expect(leftovers.outbox).toEqual([]);
    expect(leftovers.day.booked).toBe(0);

    // Audited in the same transaction, naming fields and ids only; the chain still verifies.
    const audit = await auditOf(filed.id);
    const event = audit.find((a) => a.action === "pathway.application.erase");
    expect(event?.actor_label).toBe("portal:applicant");
    expect(event?.details).toMatchObject({
      from: "interview_scheduled",
      personId,
      fields: body.cleared.fields,
    });
    const text = JSON.stringify(audit);
    for (const value of [NAME, CONTACT, OFFICER_NOTE, filed.secret]) expect(text).not.toContain(value);
    const [report] = await verifyAuditChains(t.database, { tenantId: "USA" });
    expect(report?.ok).toBe(true);
  });

  it("shows staff the application as erased by the applicant, without personal data, and refuses to act on it", async () => {
    const filed = await file();
    expect((await erase({ ...filed, confirm: true })).status).toBe(200);
    const list = (await (
      await t.request("GET", "/api/v1/pathways/applications?stage=erased&limit=500", { token: officer })
    ).json()) as { applications: { id: string; stage: string }[] };
    expect(list.applications.find((a) => a.id === filed.id)?.stage).toBe("erased");
    const detail = (await (
      await t.request("GET", `/api/v1/pathways/applications/${filed.id}`, { token: officer })
    ).json()) as { stage: string; fullName: unknown; contact: unknown; answers: unknown; history: unknown };
    expect(detail).toMatchObject({ stage: "erased", fullName: null, contact: null, answers: {} });
    expect(JSON.stringify(detail)).not.toContain(NAME);
    const decide = await t.request("POST", `/api/v1/pathways/applications/${filed.id}/stage`, {
      token: officer,
      body: { stage: "decided", decision: "approved", reason: "meets every criterion" },
    });
    expect(decide.status).toBe(409);
    expect(await decide.text()).toMatch(/this application was erased/);
    const book = await t.request("POST", `/api/v1/pathways/applications/${filed.id}/appointment`, {
      token: officer,
      body: { officeId: "USA-31", day: "2033-05-02" },
    });
    expect(book.status).toBe(409);
    const refer = await t.request("POST", `/api/v1/pathways/applications/${filed.id}/referral`, {
      token: officer,
      body: {
        toNation: "COL",
        toPathway: "col-rights",
        consent: true,
        consentText: "I agree to share my application.",
        reason: "fits",
      },
    });
    expect(refer.status, await refer.clone().text()).toBe(409);
    const dashboard = (await (
      await t.request("GET", `/api/v1/pathways/dashboard?year=${new Date().getUTCFullYear()}`, {
        token: officer,
      })
    ).json()) as { totals: { byStage: Record<string, number>; applications: number } };
    expect(dashboard.totals.byStage.erased).toBeGreaterThanOrEqual(1);
  });

  it("keeps a decision taken before the erasure, so the counts stay true", async () => {
    const filed = await file("");
    await t.app.pathways.workflow.changeStage(systemScope("USA", "test"), filed.id, {
      stage: "decided",
      decision: "approved",
      reason: "approved",
    });
    const res = await erase({ ...filed, confirm: true });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { cleared: { fields: string[] } }).cleared.fields).toEqual([
      "answers",
      "fullName",
      "secret",
    ]);
    const row = await rowOf(filed.id);
    expect(row).toMatchObject({ stage: "erased", decision: "approved" });
    expect(row.decided_at).not.toBeNull();
  });

  it("answers a second erasure 404, and two at once erase once", async () => {
    const once = await file();
    expect((await erase({ ...once, confirm: true })).status).toBe(200);
    expect((await erase({ ...once, confirm: true })).status).toBe(404);
    const twice = await file();
    const both = await Promise.all([erase({ ...twice, confirm: true }), erase({ ...twice, confirm: true })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 404]);
    const events = (await auditOf(twice.id)).filter((a) => a.action === "pathway.application.erase");
    expect(events).toHaveLength(1);
  });

  it("serves an erasure and a decision at once one after the other, leaving an erased tombstone", async () => {
    for (let i = 0; i < 4; i++) {
      const filed = await file();
      const [erased, decided] = await Promise.all([
        erase({ ...filed, confirm: true }),
        t.request("POST", `/api/v1/pathways/applications/${filed.id}/stage`, {
          token: officer,
          body: { stage: "decided", decision: "denied", reason: "not enough places" },
        }),
      ]);
      expect(erased.status).toBe(200);
      expect([200, 409]).toContain(decided.status);
      const row = await rowOf(filed.id);
      expect(row).toMatchObject({
        stage: "erased",
        answers_enc: null,
        full_name_enc: null,
        contact_enc: null,
      });
      expect(row.decision).toBe(decided.status === 200 ? "denied" : null);
    }
  });

  it("needs confirm: true, naming the field", async () => {
    const filed = await file();
    for (const body of [{ ...filed }, { ...filed, confirm: false }, { ...filed, confirm: "yes" }]) {
      const res = await erase(body);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/confirm/);
    }
    expect((await rowOf(filed.id)).stage).toBe("submitted");
  });
});

describe("hostile input to the data-rights routes", () => {
  const raw = (path: string, body: string | Uint8Array) =>
    t.app.http.request(`/api/v1/portal/applications/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });

  it.each(["download", "delete"])(
    "%s: refuses NUL, invalid Unicode, huge and malformed bodies",
    async (path) => {
      const filed = await file();
      const nul = await raw(
        path,
        JSON.stringify({ ...filed, secret: `${filed.secret}\u0000`, confirm: true }),
      );
      expect(nul.status).toBe(400);
      expect(await nul.text()).toMatch(/secret/);
      const surrogate = await raw(
        path,
        `{"trackingCode":"${filed.trackingCode}","secret":"\\ud800","confirm":true}`,
      );
      expect(surrogate.status).toBe(400);
      const bytes = Buffer.concat([
        Buffer.from(`{"trackingCode":"${filed.trackingCode}","secret":"`),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('","confirm":true}'),
      ]);
      expect((await raw(path, bytes)).status).toBe(400);
      expect(
        (await raw(path, JSON.stringify({ ...filed, pad: "x".repeat(200_000), confirm: true }))).status,
      ).toBe(413);
      expect((await raw(path, "{not json")).status).toBe(400);
      const long = await raw(
        path,
        JSON.stringify({ trackingCode: "U".repeat(500), secret: "s", confirm: true }),
      );
      expect(long.status).toBe(400);
      expect(await long.text()).toMatch(/trackingCode/);
      // None of it touched the application.
      expect((await rowOf(filed.id)).stage).toBe("submitted");
    },
  );
});
