import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import { createHttpApp } from "../platform/http/http-app.ts";
import { OUTBOX_CONTEXT } from "./engine/field-contexts.ts";
import { type Notification, readOutboxFile } from "./outbox.service.ts";
import { createPathwaysService } from "./pathways.service.ts";
import { publishPathway, testLimit } from "./pathways.test-support.ts";
import { portalRoutes } from "./portal.routes.ts";
import { RECOVERY_SENT } from "./portal-recovery.service.ts";

// Recovering a lost secret on the public portal: a one-time code goes to the contact given when applying, and
// only that code gets a new secret. The request answers the same whatever matched.

process.env.HEMISPHERE_PORTAL_POW_BITS = "4";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

let t: TestApp;
let contacts = 0;
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-recovery");
});
afterAll(async () => {
  await t.close();
});

/** A contact no other test uses, so each test reads only its own messages. */
const newContact = () => `Applicant.${++contacts}@Example.org`;

async function file(contact: string | undefined) {
  return t.app.pathways.portal.apply(
    {
      lang: "es",
      nation: "USA",
      pathwayId: "usa-recovery",
      answers: { nationality: "HTI" },
      fullName: "Wilner Joseph",
      ...(contact && { contact }),
    },
    null,
  );
}

const ask = (body: unknown) => t.request("POST", "/api/v1/portal/recovery", { body });
const confirm = (body: unknown) => t.request("POST", "/api/v1/portal/recovery/confirm", { body });
const status = (body: unknown) => t.request("POST", "/api/v1/portal/status", { body });

/** The notifications queued for an application, opened, oldest first. */
async function messagesOf(applicationId: string) {
  const rows = await t.database.asOwner((tx) =>
    tx
      .selectFrom("pathway_outbox")
      .select(["kind", "message_enc"])
      .where("application_id", "=", applicationId)
      .orderBy("created_at")
      .execute(),
  );
  return rows.map((r) => ({
    kind: r.kind,
    ...(JSON.parse(decryptField(t.app.platform.keyring, r.message_enc, OUTBOX_CONTEXT)) as Notification),
  }));
}

/** The one-time codes sent to an application, in the order they were sent. */
async function codesSent(applicationId: string): Promise<string[]> {
  return (await messagesOf(applicationId))
    .filter((m) => m.kind === "recovery.code")
    .map((m) => /: ([2-9A-HJ-NP-Z]{8})\./.exec(m.text)?.[1] ?? "");
}

const recoveries = (applicationId: string) =>
  t.database.asOwner((tx) =>
    tx
      .selectFrom("pathway_portal_recoveries")
      .selectAll()
      .where("application_id", "=", applicationId)
      .orderBy("created_at")
      .execute(),
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

async function expectAccepted(res: Response) {
  expect(res.status, await res.clone().text()).toBe(202);
  expect(await res.json()).toEqual({ sent: RECOVERY_SENT });
}

describe("recovering a lost secret", () => {
  it("sends a one-time code to the matching contact, trades it for a new secret and stops the old one", async () => {
    const contact = newContact();
    const filed = await file(contact);
    await expectAccepted(
      await ask({
        trackingCode: filed.trackingCode.toLowerCase(),
        contact: `  ${contact.toLowerCase()} `,
        lang: "ht",
      }),
    );
    const [oneTimeCode] = await codesSent(filed.id);
    expect(oneTimeCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const sent = (await messagesOf(filed.id)).find((m) => m.kind === "recovery.code");
    expect(sent?.to).toBe(contact);
    expect(sent?.lang).toBe("ht");
    expect(sent?.text).toContain(filed.trackingCode);
    expect(sent?.text).toContain("30 minit");
    // Only a keyed hash of the code is kept.
    const [row] = await recoveries(filed.id);
    expect(row?.code_hash).not.toContain(oneTimeCode);
    expect(new Date(row?.expires_at as Date).getTime() - new Date(row?.created_at as Date).getTime()).toBe(
      30 * 60_000,
    );

    const res = await confirm({
      trackingCode: filed.trackingCode,
      oneTimeCode: oneTimeCode?.toLowerCase(),
      lang: "ht",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const recovered = (await res.json()) as { trackingCode: string; secret: string; pathwayTitle: string };
    expect(recovered.trackingCode).toBe(filed.trackingCode);
    expect(recovered.pathwayTitle).toBe("Chemen tès usa-recovery");
    expect(recovered.secret).not.toBe(filed.secret);
    expect(recovered.secret.length).toBeGreaterThanOrEqual(20);

    expect(
      (await status({ trackingCode: filed.trackingCode, secret: filed.secret, lang: "es" })).status,
    ).toBe(404);
    expect(
      (await status({ trackingCode: filed.trackingCode, secret: recovered.secret, lang: "es" })).status,
    ).toBe(200);
    // The code is spent: it gets no second secret.
    expect((await confirm({ trackingCode: filed.trackingCode, oneTimeCode, lang: "ht" })).status).toBe(404);

    const done = (await messagesOf(filed.id)).find((m) => m.kind === "recovery.done");
    expect(done?.to).toBe(contact);
    expect(done?.text).toContain(filed.trackingCode);
    expect(done?.text).not.toContain(recovered.secret);

    const audit = await auditOf(filed.id);
    const recovery = audit.filter((a) => a.action.startsWith("pathway.application.recovery"));
    expect(recovery.map((a) => a.action)).toEqual([
      "pathway.application.recovery_request",
      "pathway.application.recovery_confirm",
      "pathway.application.recovery_refused",
    ]);
    expect(recovery.every((a) => a.actor_label === "portal:applicant")).toBe(true);
    expect(recovery[0]?.details).toEqual({ outcome: "sent" });
    const said = JSON.stringify(audit).toLowerCase();
    expect(said).not.toContain(contact.toLowerCase());
    expect(said).not.toContain(String(oneTimeCode).toLowerCase());
    expect(said).not.toContain(recovered.secret.toLowerCase());
  });

  it("matches a phone number by its digits, whatever the spacing and signs", async () => {
    const filed = await file("+1 (305) 555-0147");
    await expectAccepted(
      await ask({ trackingCode: filed.trackingCode, contact: "1 305 5550147", lang: "en" }),
    );
    expect(await codesSent(filed.id)).toHaveLength(1);
  });

  it("delivers the one-time code through the outbox like every notification, sealed in the demo's file", async () => {
    const contact = newContact();
    const filed = await file(contact);
    await expectAccepted(await ask({ trackingCode: filed.trackingCode, contact, lang: "fr" }));
    const [oneTimeCode] = await codesSent(filed.id);
    await t.app.pathways.deliverNotifications(systemScope("USA", "test"));
    const outboxFile = path.join(t.app.platform.config.dataDir, "outbox", "notifications.jsonl");
    const delivered = readOutboxFile(outboxFile, t.app.platform.keyring).filter((m) => m.to === contact);
    expect(delivered.map((m) => m.lang)).toEqual(["es", "fr"]);
    expect(delivered[1]?.text).toContain(String(oneTimeCode));
    expect(fs.readFileSync(outboxFile, "utf8")).not.toContain(String(oneTimeCode));
  });

  it("answers a wrong contact, an unknown code and a malformed code the same, and sends nothing", async () => {
    const contact = newContact();
    const filed = await file(contact);
    await expectAccepted(
      await ask({ trackingCode: filed.trackingCode, contact: "someone@else.org", lang: "es" }),
    );
    await expectAccepted(
      await ask({ trackingCode: filed.trackingCode, contact: "+1 305 555 0100", lang: "es" }),
    );
    await expectAccepted(await ask({ trackingCode: "USA-ZZZZ-ZZZZ", contact, lang: "es" }));
    await expectAccepted(await ask({ trackingCode: "ZZZ-ZZZZ-ZZZZ", contact, lang: "es" }));
    await expectAccepted(await ask({ trackingCode: "not a code", contact, lang: "es" }));
    expect(await codesSent(filed.id)).toEqual([]);
    expect(await recoveries(filed.id)).toEqual([]);
    const audit = await auditOf(filed.id);
    expect(
      audit.filter((a) => a.action === "pathway.application.recovery_request").map((a) => a.details),
    ).toEqual([{ outcome: "no_match" }, { outcome: "no_match" }]);
  });

  it("sends nothing for an application given without a contact", async () => {
    const filed = await file(undefined);
    await expectAccepted(
      await ask({ trackingCode: filed.trackingCode, contact: "anyone@example.org", lang: "es" }),
    );
    expect(await recoveries(filed.id)).toEqual([]);
    expect(await messagesOf(filed.id)).toEqual([]);
  });

  it("answers a wrong one-time code 404 like an unknown tracking code, and counts it", async () => {
    const contact = newContact();
    const filed = await file(contact);
    await ask({ trackingCode: filed.trackingCode, contact, lang: "es" });
    const [oneTimeCode] = await codesSent(filed.id);
    const wrong = await confirm({ trackingCode: filed.trackingCode, oneTimeCode: "22222222", lang: "es" });
    const unknown = await confirm({ trackingCode: "USA-ZZZZ-ZZZZ", oneTimeCode, lang: "es" });
    const nowhere = await confirm({ trackingCode: "no code", oneTimeCode, lang: "es" });
    expect([wrong.status, unknown.status, nowhere.status]).toEqual([404, 404, 404]);
    const bodies = [await wrong.json(), await unknown.json(), await nowhere.json()] as { error: unknown }[];
    expect(bodies[0]?.error).toEqual(bodies[1]?.error);
    expect(bodies[1]?.error).toEqual(bodies[2]?.error);
    expect((await recoveries(filed.id))[0]?.attempts).toBe(1);
    const right = await confirm({ trackingCode: filed.trackingCode, oneTimeCode, lang: "es" });
    expect(right.status).toBe(200);
  });

  it("kills a one-time code after five wrong guesses", async () => {
    const contact = newContact();
    const filed = await file(contact);
    await ask({ trackingCode: filed.trackingCode, contact, lang: "es" });
    const [oneTimeCode] = await codesSent(filed.id);
    for (let i = 0; i < 5; i++) {
      const res = await confirm({
        trackingCode: filed.trackingCode,
        oneTimeCode: `3333333${i + 2}`,
        lang: "es",
      });
      expect(res.status).toBe(404);
    }
    expect((await recoveries(filed.id))[0]?.attempts).toBe(5);
    expect((await confirm({ trackingCode: filed.trackingCode, oneTimeCode, lang: "es" })).status).toBe(404);
    expect(
      (await status({ trackingCode: filed.trackingCode, secret: filed.secret, lang: "es" })).status,
    ).toBe(200);
  });

  it("refuses a one-time code after its 30 minutes", async () => {
    const contact = newContact();
    const filed = await file(contact);
    await ask({ trackingCode: filed.trackingCode, contact, lang: "es" });
    const [oneTimeCode] = await codesSent(filed.id);
    // The same database served by a portal whose clock reads 31 minutes on.
    const later = createPathwaysService(t.app.platform, {
      clock: () => new Date(Date.now() + 31 * 60_000),
    });
    const http = createHttpApp(t.app.platform, [
      { path: "/portal", router: portalRoutes(later, { trustProxy: false }) },
    ]);
    const res = await http.request("/api/v1/portal/recovery/confirm", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode: filed.trackingCode, oneTimeCode, lang: "es" }),
    });
    expect(res.status).toBe(404);
    expect(
      (await status({ trackingCode: filed.trackingCode, secret: filed.secret, lang: "es" })).status,
    ).toBe(200);
    // Still alive now, on the real clock: only the time refused it.
    expect((await confirm({ trackingCode: filed.trackingCode, oneTimeCode, lang: "es" })).status).toBe(200);
  });

  it("recovers nothing of an erased application, and its codes go with the erasure", async () => {
    const contact = newContact();
    const filed = await file(contact);
    await ask({ trackingCode: filed.trackingCode, contact, lang: "es" });
    const [oneTimeCode] = await codesSent(filed.id);
    const erased = await t.request("POST", "/api/v1/portal/applications/delete", {
      body: { trackingCode: filed.trackingCode, secret: filed.secret, confirm: true },
    });
    expect(erased.status).toBe(200);
    expect(await recoveries(filed.id)).toEqual([]);
    await expectAccepted(await ask({ trackingCode: filed.trackingCode, contact, lang: "es" }));
    expect(await recoveries(filed.id)).toEqual([]);
    expect(await messagesOf(filed.id)).toEqual([]);
    expect((await confirm({ trackingCode: filed.trackingCode, oneTimeCode, lang: "es" })).status).toBe(404);
  });

  it("sends at most three codes an hour for one application, answering every request the same", async () => {
    const contact = newContact();
    const filed = await file(contact);
    for (let i = 0; i < 5; i++)
      await expectAccepted(await ask({ trackingCode: filed.trackingCode, contact, lang: "es" }));
    expect(await codesSent(filed.id)).toHaveLength(3);
    const outcomes = (await auditOf(filed.id))
      .filter((a) => a.action === "pathway.application.recovery_request")
      .map((a) => (a.details as { outcome: string }).outcome);
    expect(outcomes).toEqual(["sent", "sent", "sent", "limited", "limited"]);
  });

  it("is rate limited per address like the status page", async () => {
    const saved = t.app.pathways.limits.reads;
    t.app.pathways.limits.reads = testLimit(t, 2);
    try {
      const body = { trackingCode: "USA-ZZZZ-ZZZZ", contact: "x@example.org", lang: "es" };
      expect((await ask(body)).status).toBe(202);
      expect(
        (await confirm({ trackingCode: "USA-ZZZZ-ZZZZ", oneTimeCode: "22222222", lang: "es" })).status,
      ).toBe(404);
      const refused = await ask(body);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const refusedConfirm = await confirm({
        trackingCode: "USA-ZZZZ-ZZZZ",
        oneTimeCode: "22222222",
        lang: "es",
      });
      expect(refusedConfirm.status).toBe(429);
    } finally {
      t.app.pathways.limits.reads = saved;
    }
  });

  it("gives a new secret to exactly one of two confirmations racing with the same code", async () => {
    const contact = newContact();
    const filed = await file(contact);
    await ask({ trackingCode: filed.trackingCode, contact, lang: "es" });
    const [oneTimeCode] = await codesSent(filed.id);
    const body = { trackingCode: filed.trackingCode, oneTimeCode, lang: "es" };
    const answers = await Promise.all([confirm(body), confirm(body), confirm(body)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 404, 404]);
    const winner = answers.find((r) => r.status === 200) as Response;
    const { secret } = (await winner.json()) as { secret: string };
    expect((await status({ trackingCode: filed.trackingCode, secret, lang: "es" })).status).toBe(200);
    expect((await messagesOf(filed.id)).filter((m) => m.kind === "recovery.done")).toHaveLength(1);
  });
});

describe("hostile input to the recovery routes", () => {
  const raw = (route: string, body: string | Uint8Array) =>
    t.app.http.request(`/api/v1/portal/${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });

  it("refuses NUL, invalid Unicode, very long and malformed values with a 400 naming the field", async () => {
    const nul = await raw(
      "recovery",
      JSON.stringify({ trackingCode: "USA-2222-2222", contact: "a\u0000b", lang: "es" }),
    );
    expect(nul.status).toBe(400);
    expect(await nul.text()).toMatch(/contact/);
    const surrogate = await raw(
      "recovery/confirm",
      '{"trackingCode":"USA-2222-2222","oneTimeCode":"\\ud800","lang":"es"}',
    );
    expect(surrogate.status).toBe(400);
    expect(await surrogate.text()).toMatch(/oneTimeCode/);
    const bytes = Buffer.concat([
      Buffer.from('{"trackingCode":"USA-2222-2222","contact":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('","lang":"es"}'),
    ]);
    expect((await raw("recovery", bytes)).status).toBe(400);
    const long = await raw(
      "recovery",
      JSON.stringify({ trackingCode: "U".repeat(500), contact: "a@b.c", lang: "es" }),
    );
    expect(long.status).toBe(400);
    expect(await long.text()).toMatch(/trackingCode/);
    const longCode = await raw(
      "recovery/confirm",
      JSON.stringify({ trackingCode: "USA-2222-2222", oneTimeCode: "2".repeat(10_000), lang: "es" }),
    );
    expect(longCode.status).toBe(400);
    expect(await longCode.text()).toMatch(/oneTimeCode/);
    const lang = await raw(
      "recovery",
      JSON.stringify({ trackingCode: "USA-2222-2222", contact: "a@b.c", lang: "xx" }),
    );
    expect(lang.status).toBe(400);
    expect(await lang.text()).toMatch(/lang/);
    const missing = await raw("recovery", JSON.stringify({ trackingCode: "USA-2222-2222", lang: "es" }));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/contact/);
    expect((await raw("recovery/confirm", "{not json")).status).toBe(400);
    expect(
      (
        await raw(
          "recovery",
          JSON.stringify({ trackingCode: "USA-2222-2222", contact: "x".repeat(200_000), lang: "es" }),
        )
      ).status,
    ).toBe(413);
  });
});

describe("a new secret issued at an office", () => {
  const reissue = async (id: string, body: unknown, nation = "USA") => {
    const { token } = await userWithToken(t, nation, ["pathway_officer"]);
    return t.request("POST", `/api/v1/pathways/applications/${id}/secret`, { token, body });
  };

  it("replaces the secret of an applicant who gave no contact, once their identity was checked, and audits the document", async () => {
    const filed = await file(undefined);
    const res = await reissue(filed.id, { identityChecked: true, identityDocument: "national_id" });
    expect(res.status, await res.clone().text()).toBe(200);
    const given = (await res.json()) as { trackingCode: string; secret: string; contactTold: boolean };
    expect(given.trackingCode).toBe(filed.trackingCode);
    expect(given.secret).not.toBe(filed.secret);
    expect(given.contactTold).toBe(false);
    expect(
      (await status({ trackingCode: filed.trackingCode, secret: filed.secret, lang: "es" })).status,
    ).toBe(404);
    expect(
      (await status({ trackingCode: filed.trackingCode, secret: given.secret, lang: "es" })).status,
    ).toBe(200);
    const audit = await auditOf(filed.id);
    const event = audit.find((e) => e.action === "pathway.application.secret_reissued");
    expect(event?.details).toEqual({ identityDocument: "national_id", contactTold: false });
    expect(JSON.stringify(audit)).not.toContain(given.secret);
  });

  it("tells the contact, and kills a recovery code in flight", async () => {
    const contact = newContact();
    const filed = await file(contact);
    await expectAccepted(await ask({ trackingCode: filed.trackingCode, contact, lang: "es" }));
    const [code] = await codesSent(filed.id);
    const res = await reissue(filed.id, { identityChecked: true, identityDocument: "passport" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { contactTold: boolean }).contactTold).toBe(true);
    expect((await messagesOf(filed.id)).map((m) => m.kind)).toEqual([
      "submitted",
      "recovery.code",
      "recovery.done",
    ]);
    expect((await confirm({ trackingCode: filed.trackingCode, oneTimeCode: code, lang: "es" })).status).toBe(
      404,
    );
  });

  it("refuses without the officer's attestation or a known document, and on an erased application", async () => {
    const filed = await file(undefined);
    for (const body of [
      { identityDocument: "passport" },
      { identityChecked: false, identityDocument: "passport" },
      { identityChecked: true, identityDocument: "library_card" },
      { identityChecked: true },
    ]) {
      const res = await reissue(filed.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    await t.app.pathways.portal.erase({ trackingCode: filed.trackingCode, secret: filed.secret }, null);
    const erased = await reissue(filed.id, { identityChecked: true, identityDocument: "passport" });
    expect(erased.status).toBe(409);
    expect(((await erased.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe(
      "erased",
    );
    // Another nation's officer finds nothing.
    const other = await file(undefined);
    expect(
      (await reissue(other.id, { identityChecked: true, identityDocument: "passport" }, "MEX")).status,
    ).toBe(404);
  });
});
