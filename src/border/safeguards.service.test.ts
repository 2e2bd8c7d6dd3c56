import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { prepareBorderTenants, venezuelanWhoLivedInColombia } from "./border.test-support.ts";
import { EncounterRecord } from "./border-records.contract.ts";

// Safeguards come first: a return stays refused until an authorised officer closes the safeguard on the
// record with a reason and evidence; every step is audited and nothing is edited.

let t: TestApp;
let officer: string;
let supervisor: string;
let secondSupervisor: string;
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  officer = (await userWithToken(t, "USA", ["border_officer"])).token;
  supervisor = (await userWithToken(t, "USA", ["nation_admin"])).token;
  secondSupervisor = (await userWithToken(t, "USA", ["nation_admin"])).token;
});
afterAll(async () => {
  await t.close();
});

async function call<T = Record<string, unknown>>(method: string, url: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1/border${url}`, {
    token,
    ...(body === undefined ? {} : { body }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

type Safeguards = { safeguards: { code: string; status: string; history: { action: string }[] }[] };
type Assessed = {
  assessment: { safeguards: unknown[]; dispositions: { code: string; eligible: boolean }[] };
};

const mexicanWithFear = {
  date: "2021-06-01",
  border: "Southwest Land Border",
  demographic: "single_adult",
  citizenship: "MEX",
  fearClaim: true,
};
const screening = "referral to a protection screening and its outcome";

async function auditOf(action: string) {
  return inScope(t.app.platform.database.db, systemScope("USA", "test"), (tx) =>
    tx.selectFrom("audit_events").selectAll().where("action", "=", action).execute(),
  );
}

const expulsionEligible = async (id: string) =>
  (await call<Assessed>("GET", `/encounters/${id}/assessment`, officer)).body.assessment.dispositions.find(
    (d) => d.code === "expulsion",
  )?.eligible;

describe("closing a safeguard on the record", () => {
  it("refuses the expulsion until a supervisor closes the fear claim with evidence, audited", async () => {
    const { body } = await call("POST", "/encounters", officer, mexicanWithFear);
    const id = body.id as string;
    expect(await expulsionEligible(id)).toBe(false);
    const refused = await call("POST", `/encounters/${id}/decisions`, officer, {
      disposition: "expulsion",
      reason: "expel",
    });
    expect(refused.status).toBe(409);

    const closure = { reason: "screening concluded: no fear established", evidenceKind: screening };
    expect(
      (
        await call("POST", `/encounters/${id}/safeguards/fear_claim/closure`, officer, {
          ...closure,
          evidenceReference: "CF-1",
        })
      ).status,
    ).toBe(403);
    const noEvidence = await call(
      "POST",
      `/encounters/${id}/safeguards/fear_claim/closure`,
      supervisor,
      closure,
    );
    expect(noEvidence.status).toBe(400);
    const wrongKind = await call("POST", `/encounters/${id}/safeguards/fear_claim/closure`, supervisor, {
      ...closure,
      evidenceKind: "a phone call",
      evidenceReference: "CF-1",
    });
    expect(wrongKind.status).toBe(400);
    expect(JSON.stringify(wrongKind.body)).toContain(screening);
    const notOpened = await call("POST", `/encounters/${id}/safeguards/medical/closure`, supervisor, {
      reason: "fit",
      evidenceKind: "the medical assessment",
      evidenceReference: "M-1",
    });
    expect(notOpened.status).toBe(409);
    expect(await expulsionEligible(id)).toBe(false);

    const closed = await call<Safeguards>(
      "POST",
      `/encounters/${id}/safeguards/fear_claim/closure`,
      supervisor,
      {
        ...closure,
        evidenceReference: "CF-2021-0007",
      },
    );
    expect(closed.status).toBe(201);
    expect(closed.body.safeguards).toEqual([
      expect.objectContaining({
        code: "fear_claim",
        status: "closed",
        history: [expect.objectContaining({ action: "close", evidenceReference: "CF-2021-0007" })],
      }),
    ]);
    const again = await call("POST", `/encounters/${id}/safeguards/fear_claim/closure`, supervisor, {
      ...closure,
      evidenceReference: "CF-2021-0007",
    });
    expect(again.status).toBe(409);
    expect(await expulsionEligible(id)).toBe(true);
    const audited = await auditOf("border.safeguard.close");
    expect(audited.some((e) => e.target_id === id)).toBe(true);

    const decided = await call("POST", `/encounters/${id}/decisions`, officer, {
      disposition: "expulsion",
      to: "MEX",
      reason: "screening negative; expelled under the order",
    });
    expect(decided.status).toBe(201);
  });

  it("refuses approval of a return when the safeguard was reopened after the officer decided", async () => {
    const facts = { ...venezuelanWhoLivedInColombia, fearClaim: true };
    const { body } = await call("POST", "/encounters", officer, facts);
    const id = body.id as string;
    await call("POST", `/encounters/${id}/verifications`, officer, { country: "COL" });
    await call("POST", `/encounters/${id}/safeguards/fear_claim/closure`, supervisor, {
      reason: "screening concluded: no fear established",
      evidenceKind: screening,
      evidenceReference: "CF-2022-0100",
    });
    const decision = await call("POST", `/encounters/${id}/decisions`, officer, {
      disposition: "third_country_return",
      to: "COL",
      reason: "lived in Colombia, verified; screening negative",
    });
    expect(decision.body.status).toBe("awaiting_approval");
    const reopened = await call<Safeguards>(
      "POST",
      `/encounters/${id}/safeguards/fear_claim/reopening`,
      officer,
      {
        reason: "the person asked for a new screening with an interpreter",
      },
    );
    expect(reopened.status).toBe(201);
    expect(reopened.body.safeguards[0]?.status).toBe("open");
    const approval = await call("POST", `/decisions/${decision.body.id}/approval`, secondSupervisor, {
      approve: true,
      reason: "verified",
    });
    expect(approval.status).toBe(409);
    expect(JSON.stringify(approval.body)).toContain("fear_claim");
    expect((await auditOf("border.safeguard.reopen")).some((e) => e.target_id === id)).toBe(true);
  });

  it("keeps closures as evidence: the application cannot edit or delete them", async () => {
    const { body } = await call("POST", "/encounters", officer, mexicanWithFear);
    await call("POST", `/encounters/${body.id}/safeguards/fear_claim/closure`, supervisor, {
      reason: "screening concluded",
      evidenceKind: screening,
      evidenceReference: "CF-9",
    });
    const edit = inScope(t.app.platform.database.db, systemScope("USA", "test"), (tx) =>
      sql`update border_safeguard_events set reason = 'changed'`.execute(tx),
    );
    await expect(edit).rejects.toThrow(/permission denied|append-only/);
  });

  it("queues exactly the open safeguards for supervisors, as the encounter pages show them", async () => {
    const scope = systemScope("USA", "test", ["border_officer"]);
    const facts = [
      { fearClaim: true, medicalEmergency: true },
      { demographic: "unaccompanied_minor", traffickingIndicators: ["debt bondage"] },
      {},
    ];
    const ids: string[] = [];
    for (const f of facts) {
      const record = {
        ...mexicanWithFear,
        demographic: "single_adult" as const,
        fearClaim: false,
        medicalEmergency: false,
        traffickingIndicators: [],
        priorResidences: [],
        documents: [],
        ...f,
      };
      ids.push((await t.app.border.recordEncounter(scope, EncounterRecord.parse(record))).id);
    }
    await t.app.border.closeSafeguard(
      systemScope("USA", "test", ["nation_admin"]),
      ids[0] as string,
      "medical",
      {
        reason: "treated and cleared",
        evidenceKind: "the clinician's clearance or admission record",
        evidenceReference: "MED-7",
      },
    );
    const queue = await call<{ safeguards: { encounterId: string; code: string }[] }>(
      "GET",
      "/safeguards/open?limit=200",
      supervisor,
    );
    const queued = queue.body.safeguards.filter((s) => ids.includes(s.encounterId));
    const fromPages: { encounterId: string; code: string }[] = [];
    for (const id of ids) {
      for (const s of await t.app.border.listSafeguards(scope, id))
        if (s.status === "open") fromPages.push({ encounterId: id, code: s.code });
    }
    const key = (s: { encounterId: string; code: string }) => `${s.encounterId}/${s.code}`;
    expect(queued.map(key).sort()).toEqual(fromPages.map(key).sort());
    expect(fromPages.map((s) => s.code).sort()).toEqual(["fear_claim", "trafficking", "unaccompanied_child"]);
  });
});
