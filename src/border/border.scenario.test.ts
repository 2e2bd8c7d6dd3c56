import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import {
  prepareBorderTenants,
  registerResident,
  venezuelanWhoLivedInColombia,
} from "./border.test-support.ts";

let t: TestApp;
let officer: string;
let supervisor: string;
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
  officer = (await userWithToken(t, "USA", ["border_officer"])).token;
  supervisor = (await userWithToken(t, "USA", ["nation_admin"])).token;
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

async function auditActions(tenant: string): Promise<string[]> {
  const rows = await inScope(t.app.platform.database.db, systemScope(tenant, "test"), (tx) =>
    tx.selectFrom("audit_events").select("action").orderBy("seq").execute(),
  );
  return rows.map((r) => r.action);
}

describe("border: the demo scenario, every step audited", () => {
  it("records, assesses, verifies with Colombia, decides a third-country return and approves it", async () => {
    const recorded = await call("POST", "/encounters", officer, venezuelanWhoLivedInColombia);
    expect(recorded.status).toBe(201);
    const id = recorded.body.id as string;
    expect(recorded.body.authority).toBe("title42");

    type A = {
      assessment: { dispositions: { code: string; eligible: boolean }[]; pendingChecks: unknown[] };
    };
    const before = await call<A>("GET", `/encounters/${id}/assessment`, officer);
    const toColombia = () =>
      before.body.assessment.dispositions.find((d) => d.code === "third_country_return");
    expect(toColombia()?.eligible).toBe(false);
    expect(before.body.assessment.pendingChecks).toEqual([{ code: "prior_residence", country: "COL" }]);
    expect(
      (
        await call("POST", `/encounters/${id}/decisions`, officer, {
          disposition: "third_country_return",
          reason: "lived there",
        })
      ).status,
    ).toBe(409);

    const asked = await call("POST", `/encounters/${id}/verifications`, officer, { country: "COL" });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: "verified",
      permitType: "col_pep",
      validFrom: "2019-06-01",
      validTo: "2022-03-31",
      asOf: "2022-02-28",
      mode: "auto",
    });
    expect(JSON.stringify(asked.body)).not.toMatch(/Maria|Perez|1990/);

    const after = await call<A>("GET", `/encounters/${id}/assessment`, officer);
    expect(after.body.assessment.dispositions.find((d) => d.code === "third_country_return")?.eligible).toBe(
      true,
    );

    const decided = await call("POST", `/encounters/${id}/decisions`, officer, {
      disposition: "third_country_return",
      reason: "prior residence verified by COL",
    });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ status: "awaiting_approval", to: "COL", authority: "title42" });
    const approved = await call("POST", `/decisions/${decided.body.id}/approval`, supervisor, {
      approve: true,
      reason: "verification checked",
    });
    expect(approved.body.status).toBe("approved");

    const returns = await call<{ rows: unknown[] }>("GET", "/stats/third-country-returns", officer);
    expect(returns.body.rows).toEqual([{ month: "2022-03", to: "COL", count: 1 }]);
    expect(await auditActions("USA")).toEqual(
      expect.arrayContaining([
        "border.encounter.record",
        "border.encounter.assess",
        "border.verification.request",
        "border.verification.answered",
        "border.decision.record",
        "border.decision.approve",
      ]),
    );
    expect(await auditActions("COL")).toEqual(
      expect.arrayContaining(["border.verification.received", "border.verification.answer"]),
    );
  });
});

describe("border: decisions", () => {
  it("refuses every return while a safeguard is open, and allows Title 8 processing", async () => {
    const { body } = await call("POST", "/encounters", officer, {
      ...venezuelanWhoLivedInColombia,
      fearClaim: true,
    });
    await call("POST", `/encounters/${body.id}/verifications`, officer, { country: "COL" });
    const refused = await call<{ error: { message: string } }>(
      "POST",
      `/encounters/${body.id}/decisions`,
      officer,
      { disposition: "third_country_return", reason: "verified" },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/fear_claim/);
    expect(
      (
        await call("POST", `/encounters/${body.id}/decisions`, officer, {
          disposition: "title8_processing",
          reason: "fear claim: protection screening",
        })
      ).status,
    ).toBe(201);
  });

  it("keeps decisions immutable: an update is refused and a correction supersedes", async () => {
    const { body } = await call("POST", "/encounters", officer, {
      ...venezuelanWhoLivedInColombia,
      citizenship: "MEX",
      priorResidences: [],
    });
    const first = await call("POST", `/encounters/${body.id}/decisions`, officer, {
      disposition: "expulsion",
      to: "MEX",
      reason: "Title 42",
    });
    expect(first.status).toBe(201);
    expect(
      (
        await call("POST", `/encounters/${body.id}/decisions`, officer, {
          disposition: "title8_processing",
          reason: "again",
        })
      ).status,
    ).toBe(409);
    const update = inScope(t.app.platform.database.db, systemScope("USA", "test"), (tx) =>
      sql`update border_decisions set reason = 'changed' where id = ${first.body.id}`.execute(tx),
    );
    await expect(update).rejects.toThrow();
    const correction = await call("POST", `/encounters/${body.id}/decisions`, officer, {
      disposition: "title8_processing",
      reason: "claimed fear later",
      supersedes: first.body.id,
    });
    expect(correction.status).toBe(201);
    const list = await call<{ decisions: { status: string }[] }>(
      "GET",
      `/encounters/${body.id}/decisions`,
      officer,
    );
    expect(list.body.decisions.map((d) => d.status)).toEqual(["superseded", "final"]);
  });
});

describe("border: encounters", () => {
  it("stores personal fields encrypted and shows them only in the audited detail", async () => {
    const { body } = await call("POST", "/encounters", officer, venezuelanWhoLivedInColombia);
    const row = await inScope(t.app.platform.database.db, systemScope("USA", "test"), (tx) =>
      tx
        .selectFrom("border_encounters")
        .selectAll()
        .where("id", "=", body.id as string)
        .executeTakeFirstOrThrow(),
    );
    expect(row.given_names_enc).toMatch(/^enc1:/);
    expect(JSON.stringify(row)).not.toMatch(/María|V-12345678|1990-04-12/);
    const detail = await call("GET", `/encounters/${body.id}`, officer);
    expect(detail.body).toMatchObject({ givenNames: "María José", documents: [{ number: "V-12345678" }] });
  });

  it("answers 404 to another nation's officer", async () => {
    const { body } = await call("POST", "/encounters", officer, venezuelanWhoLivedInColombia);
    const mexican = (await userWithToken(t, "MEX", ["border_officer"])).token;
    expect((await call("GET", `/encounters/${body.id}`, mexican)).status).toBe(404);
    expect((await call("GET", `/encounters/${body.id}/assessment`, mexican)).status).toBe(404);
  });

  it("imports a CSV all or nothing, with line-numbered errors, once per content, into CBP-layout months", async () => {
    const bad =
      "date,demographic,citizenship\n2022-05-01,single_adult,MEX\n2022-13-01,single_adult,MEX\n2022-05-02,adult,GTM\n";
    const refused = await t.request("POST", "/api/v1/border/encounters/import?fileName=bad.csv", {
      token: officer,
      body: bad,
    });
    expect(refused.status).toBe(400);
    const message = ((await refused.json()) as { error: { message: string } }).error.message;
    expect(message).toMatch(/bad\.csv, line 3, field date/);
    expect(message).toMatch(/line 4, field demographic/);
    const good =
      "date,border,sector,demographic,citizenship\n2021-07-01,Southwest Land Border,Tucson Sector,single_adult,MEX\n2021-07-09,Southwest Land Border,Tucson Sector,single_adult,MEX\n";
    const first = await t.request("POST", "/api/v1/border/encounters/import", { token: officer, body: good });
    expect(await first.json()).toMatchObject({ rows: 2, alreadyImported: false });
    const again = await t.request("POST", "/api/v1/border/encounters/import", { token: officer, body: good });
    expect(await again.json()).toMatchObject({ rows: 2, alreadyImported: true });
    const cbp = await call<{ rows: Record<string, unknown>[] }>(
      "GET",
      "/stats/cbp-monthly?from=2021-07&to=2021-07",
      officer,
    );
    expect(cbp.body.rows).toEqual([
      expect.objectContaining({
        fiscal_year: 2021,
        month_abbv: "JUL",
        area_of_responsibility: "Tucson Sector",
        citizenship: "MEXICO",
        demographic: "Single Adults",
        title_of_authority: "Title 42",
        encounter_type: "Expulsions",
        encounter_count: 2,
      }),
    ]);
  });
});

describe("border: verification after review", () => {
  it("waits for Peru's reviewer, who sees a candidate but no names, and the answer reaches the officer", async () => {
    await registerResident(t.app, "PER", {
      holder: { givenNames: ["María", "José"], surnames: ["Pérez", "Rodríguez"], birthDate: "1990-04-12" },
      document: {
        type: "residence_permit",
        typeAsWritten: "CPP",
        number: "CPP 1990 0412",
        issuingCountry: "PER",
        validFrom: "2021-01-01",
        expiry: null,
      },
    });
    const { body } = await call("POST", "/encounters", officer, venezuelanWhoLivedInColombia);
    const asked = await call("POST", `/encounters/${body.id}/verifications`, officer, { country: "PER" });
    expect(asked.body.status).toBe("pending");
    const reviewer = (await userWithToken(t, "PER", ["nation_admin"])).token;
    type Inbox = { requests: { id: string; candidate: { personId: string; similarity: number } | null }[] };
    const inbox = await call<Inbox>("GET", "/verifications/inbox", reviewer);
    const item = inbox.body.requests.find((r) => r.id === asked.body.id);
    expect(item?.candidate?.similarity).toBeGreaterThan(0.9);
    expect(JSON.stringify(inbox.body)).not.toMatch(/María|Pérez/);
    const answer = await call("POST", `/verifications/${asked.body.id}/answer`, reviewer, {
      fromNation: "USA",
      result: "verified",
      personId: item?.candidate?.personId,
    });
    expect(answer.status).toBe(201);
    const list = await call<{ verifications: { status: string; permitType: string; mode: string }[] }>(
      "GET",
      `/encounters/${body.id}/verifications`,
      officer,
    );
    expect(list.body.verifications[0]).toMatchObject({
      status: "verified",
      permitType: "residence_permit",
      mode: "review",
    });
  });
});
