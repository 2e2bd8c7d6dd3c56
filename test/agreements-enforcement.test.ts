import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareBorderTenants, venezuelanWhoLivedInColombia } from "../src/border/border.test-support.ts";
import { fileApplication, publishPathway } from "../src/pathways/pathways.test-support.ts";
import type { DataCategory, SharingPurpose } from "../src/platform/agreements/agreements.contract.ts";
import { systemScope } from "../src/platform/auth/scope.ts";
import { giveConsent, personInput, registerPerson } from "../src/registry/registry.test-support.ts";
import { startTestApp, type TestApp, userWithToken } from "./harness.ts";

// Nothing crosses a border without an accepted data-sharing agreement in force for the pair and the purpose:
// a cross-match asks only partners with one, and referrals, prior-residence questions, network detail requests
// and pathway referrals are refused with 403 naming the missing agreement. An accepted referral carries only
// the categories of data the agreement names for its purpose.

let t: TestApp;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp({ agreements: false });
  tokens.usaCaseworker = (await userWithToken(t, "USA", ["caseworker"])).token;
  tokens.mexAdmin = (await userWithToken(t, "MEX", ["nation_admin"])).token;
  tokens.usaBorder = (await userWithToken(t, "USA", ["border_officer"])).token;
  tokens.gtmInvestigator = (await userWithToken(t, "GTM", ["investigator"])).token;
  tokens.usaPathways = (await userWithToken(t, "USA", ["pathway_officer"])).token;
  await prepareBorderTenants(t.app);
});
afterAll(async () => {
  await t.close();
});

async function send(method: string, path: string, token: string, body?: unknown) {
  const res = await t.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

/** An agreement proposed by `a` and accepted by `b`, for the purposes given, each with the categories given. */
async function agree(a: string, b: string, purposes: SharingPurpose[], categories: DataCategory[]) {
  const { agreements } = t.app.platform;
  const proposed = await agreements.propose(systemScope(a, "test"), {
    partner: b,
    purposes,
    categories: Object.fromEntries(purposes.map((p) => [p, categories])),
    instrument: { title: "Test memorandum", reference: `T-${a}-${b}`, date: "2024-01-01" },
    validFrom: "2024-01-01",
    validUntil: null,
  });
  await agreements.decide(systemScope(b, "test"), proposed.id, { decision: "accept", reason: "signed" });
  return proposed.id;
}

/** A nation's audit events of one action. */
const eventsOf = (nation: string, action: string) =>
  t.database.asOwner(
    async (tx) =>
      (
        await sql<{ n: number }>`select count(*)::int as n from audit_events
          where tenant_id = ${nation} and action = ${action}`.execute(tx)
      ).rows[0]?.n ?? 0,
  );

describe("a cross-match and a referral under agreements", () => {
  const person = personInput();
  let usaId = "";
  beforeAll(async () => {
    usaId = await registerPerson(t.app, "USA", person);
    await giveConsent(t.app, "USA", usaId);
    for (const holder of ["MEX", "GTM"])
      await giveConsent(t.app, holder, await registerPerson(t.app, holder, person));
  });

  it("asks nobody without an agreement, and says which agreement is missing", async () => {
    const asked = await send("POST", "/registry/crossmatch", tokens.usaCaseworker as string, {
      personId: usaId,
    });
    expect(asked.status, asked.text).toBe(403);
    expect(asked.text).toMatch(/no data-sharing agreement in force covers cross_border_referral between USA/);
    expect(await eventsOf("MEX", "crossmatch.answer")).toBe(0);
  });

  it("asks only the partners with an agreement covering the purpose", async () => {
    await agree("USA", "MEX", ["cross_border_referral"], ["identity"]);
    await agree("USA", "GTM", ["family_tracing"], ["identity"]);
    const asked = await send("POST", "/registry/crossmatch", tokens.usaCaseworker as string, {
      personId: usaId,
    });
    expect(asked.status, asked.text).toBe(200);
    expect(asked.body).toEqual({ holders: ["MEX"], asked: 1 });
    expect(await eventsOf("GTM", "crossmatch.answer")).toBe(0);
  });

  it("refuses a referral to a partner without an agreement for its purpose, naming the pair and the purpose", async () => {
    const res = await send("POST", "/registry/referrals", tokens.usaCaseworker as string, {
      personId: usaId,
      partner: "GTM",
      purpose: "cross_border_referral",
      reason: "family in Guatemala",
    });
    expect(res.status, res.text).toBe(403);
    expect(res.text).toMatch(/between USA and GTM covers cross_border_referral/);
  });

  it("shares on acceptance only the categories the agreement names, and nothing once it is suspended", async () => {
    const refer = async () => {
      const res = await send("POST", "/registry/referrals", tokens.usaCaseworker as string, {
        personId: usaId,
        partner: "MEX",
        purpose: "cross_border_referral",
        reason: "a place in Monterrey",
      });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const first = await refer();
    const accept = (id: string) =>
      send("POST", `/registry/referrals/${id}/decision`, tokens.mexAdmin as string, {
        decision: "accept",
        reason: "consent on file",
      });
    expect((await accept(first)).status).toBe(200);
    const outgoing = await send("GET", "/registry/referrals/outgoing", tokens.usaCaseworker as string);
    const shared = (outgoing.body.referrals as { id: string; shared: Record<string, unknown> }[]).find(
      (r) => r.id === first,
    )?.shared;
    expect(shared).toMatchObject({ givenNames: person.givenNames, surnames: person.surnames });
    expect(shared).not.toHaveProperty("documents");
    expect(shared).not.toHaveProperty("nationalities");

    const second = await refer();
    const { agreements } = t.app.platform;
    const live = (await agreements.list(systemScope("MEX", "test"))).find((a) => a.partner === "USA");
    await agreements.decide(systemScope("MEX", "test"), live?.id as string, {
      decision: "suspend",
      reason: "under review",
    });
    const refused = await accept(second);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.text).toMatch(/between MEX and USA covers cross_border_referral/);
  });
});

describe("the other questions between nations", () => {
  it("a prior-residence question needs prior_residence_verification", async () => {
    const encounter = await t.app.border.recordEncounter(
      systemScope("USA", "test", ["border_officer"]),
      venezuelanWhoLivedInColombia,
    );
    const ask = () =>
      send("POST", `/border/encounters/${encounter.id}/verifications`, tokens.usaBorder as string, {
        country: "COL",
      });
    const refused = await ask();
    expect(refused.status, refused.text).toBe(403);
    expect(refused.text).toMatch(/between USA and COL covers prior_residence_verification/);
    await agree("COL", "USA", ["prior_residence_verification"], ["residence_status"]);
    const asked = await ask();
    expect(asked.status, asked.text).toBe(201);
  });

  it("a network detail request needs network_detail", async () => {
    const request = () =>
      send("POST", "/networks/detail-requests", tokens.gtmInvestigator as string, {
        holder: "COL",
        type: "phone",
        hash: "a".repeat(64),
        purpose: "a smuggling ring on the Darién route",
      });
    const refused = await request();
    expect(refused.status, refused.text).toBe(403);
    expect(refused.text).toMatch(/between GTM and COL covers network_detail/);
    await agree("GTM", "COL", ["network_detail"], ["network_identifiers"]);
    // With the agreement the request gets as far as the shared identifiers: none here.
    expect((await request()).status).toBe(404);
  });

  it("a referral to another nation's pathway needs pathway_application", async () => {
    await publishPathway(t.app.pathways, "CAN", "can-agreements");
    await publishPathway(t.app.pathways, "USA", "usa-agreements");
    const application = await fileApplication(t.app.pathways, "USA", "usa-agreements");
    const refer = () =>
      send("POST", `/pathways/applications/${application.id}/referral`, tokens.usaPathways as string, {
        toNation: "CAN",
        toPathway: "can-agreements",
        consent: true,
        consentText: "The applicant agrees to be referred to Canada.",
        reason: "family in Toronto",
      });
    const refused = await refer();
    expect(refused.status, refused.text).toBe(403);
    expect(refused.text).toMatch(/between USA and CAN covers pathway_application/);
    const agreementId = await agree("CAN", "USA", ["pathway_application"], ["identity"]);
    const referred = await refer();
    expect(referred.status, referred.text).toBe(201);

    // Canada suspends the agreement before it takes the application: accepting is refused, rejecting is not.
    await t.app.platform.agreements.decide(systemScope("CAN", "test"), agreementId, {
      decision: "suspend",
      reason: "under review",
    });
    const canOfficer = (await userWithToken(t, "CAN", ["pathway_officer"])).token;
    const decide = (status: string) =>
      send("POST", `/pathways/referrals/${referred.body.id}/decision`, canOfficer, {
        status,
        reason: "decided by the receiving office",
      });
    const notTaken = await decide("accepted");
    expect(notTaken.status, notTaken.text).toBe(403);
    expect(notTaken.text).toMatch(/between CAN and USA covers pathway_application/);
    expect((await decide("rejected")).status).toBe(200);
  });
});
