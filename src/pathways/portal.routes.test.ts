import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { ensureOffice, proofFor, publishPathway, testLimit } from "./pathways.test-support.ts";

process.env.HEMISPHERE_PORTAL_POW_BITS = "6";
process.env.HEMISPHERE_PORTAL_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN = "0";
process.env.HEMISPHERE_PORTAL_READS_PER_MIN = "0";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await publishPathway(t.app.pathways, "USA", "usa-portal");
  await publishPathway(t.app.pathways, "COL", "col-portal");
});
afterAll(async () => {
  await t.close();
});

const NAME = "Wideline Pierre-Louis";
const CONTACT = "wideline@example.org";

async function apply(extra: Record<string, unknown> = {}) {
  return t.request("POST", "/api/v1/portal/applications", {
    body: {
      lang: "ht",
      nation: "USA",
      pathwayId: "usa-portal",
      answers: { nationality: "HTI" },
      consent: true,
      fullName: NAME,
      contact: CONTACT,
      proof: proofFor(t.app.pathways),
      ...extra,
    },
  });
}

describe("public portal", () => {
  it("lists published pathways and asks its questions in Haitian Creole", async () => {
    const res = await t.request("GET", "/api/v1/portal/catalog?lang=ht");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      pathways: { id: string; title: string }[];
      questions: { id: string; text: string }[];
    };
    expect(body.pathways.map((p) => p.id)).toEqual(expect.arrayContaining(["usa-portal", "col-portal"]));
    expect(body.pathways.find((p) => p.id === "usa-portal")?.title).toBe("Chemen tès usa-portal");
    expect(body.questions.find((q) => q.id === "nationality")?.text).toMatch(/nasyonalite/);
  });

  it("screens answers with reasons and what to prepare", async () => {
    const res = await t.request("POST", "/api/v1/portal/screen", {
      body: { lang: "ht", answers: { nationality: "HTI" } },
    });
    const body = (await res.json()) as {
      results: { id: string; result: string; reasons: string[]; documents: string[] }[];
    };
    const mine = body.results.find((r) => r.id === "usa-portal");
    expect(mine?.result).toBe("eligible");
    expect(mine?.reasons.length).toBeGreaterThan(0);
    expect(mine?.documents).toEqual(["Paspò"]);
  });

  it("accepts several nationalities as a list and refuses a bad one naming the field", async () => {
    const screen = (nationality: unknown) =>
      t.request("POST", "/api/v1/portal/screen", { body: { lang: "en", answers: { nationality } } });
    const results = async (nationality: unknown) => {
      const res = await screen(nationality);
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as { results: { id: string; result: string }[] };
      return body.results.find((r) => r.id === "usa-portal")?.result;
    };
    expect(await results(["COL", "HTI"])).toBe("eligible");
    expect(await results(["COL", "PER"])).toBe("not_eligible");
    expect(await results("HTI")).toBe("eligible");
    const bad = await screen(["HTI", "Haiti"]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("nationality");
  });

  it("says which questions to show for the answers so far, and refuses an answer it cannot read", async () => {
    const ask = (answers: Record<string, unknown>) =>
      t.request("POST", "/api/v1/portal/questions", { body: { answers } });
    const first = await ask({});
    expect(first.status).toBe(200);
    const { shown } = (await first.json()) as { shown: string[] };
    expect(shown).toContain("nationality");
    const catalog = (await (await t.request("GET", "/api/v1/portal/catalog?lang=en")).json()) as {
      shown: string[];
    };
    expect(catalog.shown).toEqual(shown);
    const bad = await ask({ nationality: "Haiti!" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("nationality");
  });

  it("applies with a solved challenge, stores only a hash of the secret and encrypts personal fields", async () => {
    const res = await apply();
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { trackingCode: string; secret: string; id?: string };
    expect(body.trackingCode).toMatch(/^USA-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(body.id).toBeUndefined();
    const row = await t.database.asOwner((tx) =>
      tx
        .selectFrom("pathway_applications")
        .selectAll()
        .where("tracking_code", "=", body.trackingCode)
        .executeTakeFirstOrThrow(),
    );
    expect(row.secret_hash).not.toContain(body.secret);
    expect(row.full_name_enc).toMatch(/^enc1:/);
    expect(row.contact_enc).toMatch(/^enc1:/);
    const audit = await t.database.asOwner((tx) =>
      tx.selectFrom("audit_events").select(["details", "action"]).execute(),
    );
    expect(JSON.stringify(audit)).not.toContain("Wideline");
    expect(JSON.stringify(audit)).not.toContain(body.secret);
  });

  it("shows the status with the stage, next step and an estimated wait, found by POST body only", async () => {
    const filed = (await (await apply()).json()) as { trackingCode: string; secret: string };
    const res = await t.request("POST", "/api/v1/portal/status", { body: { ...filed, lang: "ht" } });
    expect(res.status).toBe(200);
    const status = (await res.json()) as {
      stage: string;
      nextStep: string;
      queuePosition: number;
      estimatedWait: { days: number; text: string };
    };
    expect(status.stage).toBe("submitted");
    expect(status.queuePosition).toBeGreaterThanOrEqual(1);
    expect(status.estimatedWait.text).toMatch(/^Anviwon/);
    expect(status.nextStep).toMatch(/liy/);
    const wrong = await t.request("POST", "/api/v1/portal/status", {
      body: { ...filed, secret: "guess", lang: "en" },
    });
    expect(wrong.status).toBe(404);
    const byQuery = await t.request(
      "GET",
      `/api/v1/portal/status?trackingCode=${filed.trackingCode}&secret=${filed.secret}`,
    );
    expect(byQuery.status).toBe(404);
  });

  it("refuses an application without consent, without the bot check, or with a spent challenge", async () => {
    expect((await apply({ consent: false })).status).toBe(400);
    expect((await apply({ proof: { token: "made.up.token.x", nonce: "1" } })).status).toBe(403);
    const proof = proofFor(t.app.pathways);
    expect((await apply({ proof })).status).toBe(200);
    expect((await apply({ proof })).status).toBe(403);
  });

  it("refuses applicants the rules exclude", async () => {
    const res = await apply({ answers: { nationality: "CAN" } });
    expect(res.status).toBe(400);
  });

  it("rate-limits each client address and says when to come back", async () => {
    const saved = t.app.pathways.limits.reads;
    t.app.pathways.limits.reads = testLimit(t, 3);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await t.request("GET", "/api/v1/portal/catalog?lang=en")).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await t.request("POST", "/api/v1/portal/screen", { body: { lang: "en", answers: {} } });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      t.app.pathways.limits.reads = saved;
    }
  });

  it("puts no personal field in any portal URL: only the language travels in a query", async () => {
    const doc = (await (await t.request("GET", "/api/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const portal = Object.entries(doc.paths).filter(([path]) => path.startsWith("/portal"));
    expect(portal.length).toBe(12);
    for (const [, operations] of portal) {
      for (const op of Object.values(operations)) {
        expect((op.parameters ?? []).map((p) => p.name)).toEqual(op.parameters ? ["lang"] : []);
      }
    }
  });
});

describe("staff workflow", () => {
  it("takes an application to a decision with a recorded history and refers another with consent", async () => {
    const officer = await userWithToken(t, "USA", ["pathway_officer"]);
    const colOfficer = await userWithToken(t, "COL", ["pathway_officer"]);
    const first = (await (await apply()).json()) as { trackingCode: string };
    const list = (await (
      await t.request("GET", "/api/v1/pathways/applications?pathway=usa-portal&limit=500", {
        token: officer.token,
      })
    ).json()) as {
      applications: { id: string; trackingCode: string }[];
    };
    const id = list.applications.find((a) => a.trackingCode === first.trackingCode)?.id as string;
    const move = (body: unknown) =>
      t.request("POST", `/api/v1/pathways/applications/${id}/stage`, { token: officer.token, body });
    expect((await move({ stage: "screening", reason: "documents received" })).status).toBe(200);
    expect((await move({ stage: "decided", decision: "referred", reason: "nope" })).status).toBe(400);
    expect(
      (await move({ stage: "decided", decision: "approved", reason: "meets every criterion" })).status,
    ).toBe(200);
    expect((await move({ stage: "screening", reason: "again" })).status).toBe(409);
    const detail = (await (
      await t.request("GET", `/api/v1/pathways/applications/${id}`, { token: officer.token })
    ).json()) as {
      fullName: string;
      history: { toStage: string; actor: string; reason: string }[];
    };
    expect(detail.fullName).toBe(NAME);
    expect(detail.history.map((h) => h.toStage)).toEqual(["submitted", "screening", "decided"]);
    expect(detail.history[2]?.actor).toBe(officer.email);

    const second = (await (await apply()).json()) as { id?: string; trackingCode: string };
    const all = (await (
      await t.request("GET", "/api/v1/pathways/applications?limit=500", { token: officer.token })
    ).json()) as {
      applications: { id: string; trackingCode: string }[];
    };
    const secondId = all.applications.find((a) => a.trackingCode === second.trackingCode)?.id as string;
    const noConsent = await t.request("POST", `/api/v1/pathways/applications/${secondId}/referral`, {
      token: officer.token,
      body: {
        toNation: "COL",
        toPathway: "col-portal",
        consent: false,
        consentText: "no consent given here",
        reason: "fits",
      },
    });
    expect(noConsent.status).toBe(400);
    const referred = await t.request("POST", `/api/v1/pathways/applications/${secondId}/referral`, {
      token: officer.token,
      body: {
        toNation: "COL",
        toPathway: "col-portal",
        consent: true,
        consentText: "I agree to share my application.",
        reason: "fits COL",
      },
    });
    expect(referred.status).toBe(201);
    const referral = (await referred.json()) as { id: string };
    const incoming = (await (
      await t.request("GET", "/api/v1/pathways/referrals?direction=incoming", { token: colOfficer.token })
    ).json()) as {
      referrals: { id: string; status: string }[];
    };
    expect(incoming.referrals.find((r) => r.id === referral.id)?.status).toBe("pending");
    const accepted = await t.request("POST", `/api/v1/pathways/referrals/${referral.id}/decision`, {
      token: colOfficer.token,
      body: { status: "accepted", reason: "we have places" },
    });
    expect(accepted.status).toBe(200);
    const received = ((await accepted.json()) as { receivedApplicationId: string }).receivedApplicationId;
    const colDetail = (await (
      await t.request("GET", `/api/v1/pathways/applications/${received}`, { token: colOfficer.token })
    ).json()) as {
      fullName: string;
      referredFrom: string;
    };
    expect(colDetail.fullName).toBe(NAME);
    expect(colDetail.referredFrom).toBe(`USA:${second.trackingCode}`);
    const revoked = await t.request("POST", `/api/v1/pathways/referrals/${referral.id}/decision`, {
      token: colOfficer.token,
      body: { status: "revoked", reason: "applicant withdrew" },
    });
    expect(revoked.status).toBe(200);
    const audit = async (nation: string) =>
      t.database.asOwner((tx) =>
        tx
          .selectFrom("audit_events")
          .select("action")
          .where("tenant_id", "=", nation)
          .where("target_id", "=", referral.id)
          .execute(),
      );
    expect((await audit("USA")).map((a) => a.action)).toEqual([
      "pathway.referral.create",
      "pathway.referral.accepted",
      "pathway.referral.revoked",
    ]);
    expect((await audit("COL")).map((a) => a.action)).toEqual([
      "pathway.referral.receive",
      "pathway.referral.accepted",
      "pathway.referral.revoked",
    ]);
    const sent = await t.app.pathways.deliverNotifications(systemScope("USA", "test"));
    expect(sent.sent).toBeGreaterThan(0);
  });

  it("never double-books: 50 concurrent requests for 5 last slots give 5 bookings and 45 'no slot left'", async () => {
    const scope = systemScope("USA", "test");
    await ensureOffice(t.app, "USA", "USA-09");
    await t.app.pathways.workflow.setAppointmentDay(scope, {
      officeId: "USA-09",
      day: "2032-03-01",
      capacity: 5,
    });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const filed = await t.app.pathways.portal.apply(
        { lang: "es", nation: "USA", pathwayId: "usa-portal", answers: { nationality: "VEN" } },
        null,
      );
      ids.push(filed.id);
    }
    const officer = await userWithToken(t, "USA", ["pathway_officer"]);
    const answers = await Promise.all(
      ids.map((id) =>
        t.request("POST", `/api/v1/pathways/applications/${id}/appointment`, {
          token: officer.token,
          body: { officeId: "USA-09", day: "2032-03-01" },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(45);
    for (const a of answers.filter((r) => r.status === 409)) {
      expect(((await a.json()) as { error: { message: string } }).error.message).toMatch(/no slot left/);
    }
    const booked = await t.database.asOwner((tx) =>
      tx.selectFrom("pathway_appointments").select("slot").where("office_id", "=", "USA-09").execute(),
    );
    expect(booked.map((b) => b.slot).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
