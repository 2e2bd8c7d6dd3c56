import { afterAll, beforeAll } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { prepareBorderTenants, usPackText, venezuelanWhoLivedInColombia } from "./border.test-support.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await prepareBorderTenants(t.app);
});
afterAll(async () => {
  await t.close();
});

interface Fixture {
  encounterId: string;
  otherEncounterId: string;
}

const officer = (nation: string) => systemScope(nation, "test", ["border_officer"]);

/** A fresh encounter in the caller's nation and one in another nation. */
async function freshEncounters(app: TestApp, nation: string): Promise<Fixture> {
  const own = await app.app.border.recordEncounter(officer(nation), venezuelanWhoLivedInColombia);
  const other = await app.app.border.recordEncounter(
    officer(nation === "MEX" ? "GTM" : "MEX"),
    venezuelanWhoLivedInColombia,
  );
  return { encounterId: own.id, otherEncounterId: other.id };
}

// Routes that leave the encounter usable share one fixture per nation, which keeps the file fast.
const shared = new Map<string, Promise<Fixture>>();
function sharedEncounters(app: TestApp, nation: string): Promise<Fixture> {
  let found = shared.get(nation);
  if (!found) {
    found = freshEncounters(app, nation);
    shared.set(nation, found);
  }
  return found;
}

const csv = "date,demographic,citizenship\n2022-01-10,single_adult,MEX\n";

describeRoleMatrix("border encounters", () => t, sharedEncounters, [
  {
    name: "POST /border/encounters",
    method: "POST",
    path: () => "/api/v1/border/encounters",
    body: () => venezuelanWhoLivedInColombia,
    permission: "border.record",
    ok: 201,
  },
  {
    name: "POST /border/encounters/import",
    method: "POST",
    path: () => "/api/v1/border/encounters/import",
    body: () => csv,
    permission: "border.record",
    ok: 201,
  },
  {
    name: "GET /border/encounters",
    method: "GET",
    path: () => "/api/v1/border/encounters",
    permission: "border.read",
    ok: 200,
  },
  {
    name: "GET /border/encounters/:id",
    method: "GET",
    path: (fx) => `/api/v1/border/encounters/${fx.encounterId}`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.otherEncounterId}`,
    permission: "border.read",
    ok: 200,
  },
  {
    name: "GET /border/encounters/:id/assessment",
    method: "GET",
    path: (fx) => `/api/v1/border/encounters/${fx.encounterId}/assessment`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.otherEncounterId}/assessment`,
    permission: "border.read",
    ok: 200,
  },
  {
    name: "POST /border/encounters/:id/verifications",
    method: "POST",
    path: (fx) => `/api/v1/border/encounters/${fx.encounterId}/verifications`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.otherEncounterId}/verifications`,
    body: () => ({ country: "COL" }),
    permission: "border.record",
    ok: 201,
  },
  {
    name: "GET /border/encounters/:id/verifications",
    method: "GET",
    path: (fx) => `/api/v1/border/encounters/${fx.encounterId}/verifications`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.otherEncounterId}/verifications`,
    permission: "border.read",
    ok: 200,
  },
  {
    name: "GET /border/encounters/:id/decisions",
    method: "GET",
    path: (fx) => `/api/v1/border/encounters/${fx.encounterId}/decisions`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.otherEncounterId}/decisions`,
    permission: "border.read",
    ok: 200,
  },
  {
    name: "GET /border/packs/current",
    method: "GET",
    path: () => "/api/v1/border/packs/current",
    permission: "border.read",
    ok: 200,
  },
  {
    name: "GET /border/stats/dispositions",
    method: "GET",
    path: () => "/api/v1/border/stats/dispositions",
    permission: "border.read",
    ok: 200,
  },
  {
    name: "GET /border/stats/third-country-returns",
    method: "GET",
    path: () => "/api/v1/border/stats/third-country-returns",
    permission: "border.read",
    ok: 200,
  },
  {
    name: "GET /border/stats/cbp-monthly",
    method: "GET",
    path: () => "/api/v1/border/stats/cbp-monthly",
    permission: "border.read",
    ok: 200,
  },
  {
    name: "PUT /border/verification-settings",
    method: "PUT",
    path: () => "/api/v1/border/verification-settings",
    body: () => ({ autoAnswer: false }),
    permission: "verification.answer",
    ok: 200,
  },
]);

describeRoleMatrix("border decisions", () => t, freshEncounters, [
  {
    name: "POST /border/encounters/:id/decisions",
    method: "POST",
    path: (fx) => `/api/v1/border/encounters/${fx.encounterId}/decisions`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.otherEncounterId}/decisions`,
    body: () => ({ disposition: "title8_processing", reason: "processed under Title 8" }),
    permission: "border.decide",
    ok: 201,
  },
]);

interface DecisionFixture {
  decisionId: string;
  otherDecisionId: string;
}

/** A third-country return to Colombia awaiting approval, in the caller's nation and in Mexico. */
async function awaitingApproval(app: TestApp, nation: string): Promise<DecisionFixture> {
  const make = async (n: string) => {
    await app.app.border.loadPack(systemScope(n, "test"), usPackForNation(n));
    const encounter = await app.app.border.recordEncounter(officer(n), venezuelanWhoLivedInColombia);
    await app.app.border.requestVerification(officer(n), encounter.id, "COL");
    const decision = await app.app.border.decide(officer(n), encounter.id, {
      disposition: "third_country_return",
      to: "COL",
      reason: "lived in Colombia, verified",
    });
    return decision.id;
  };
  // The secretariat holds no encounters and has no agreement to ask COL: its callers get their 403 from the
  // permission, so their fixture is a US decision.
  const own = nation === "REG" ? "USA" : nation;
  return { decisionId: await make(own), otherDecisionId: await make(own === "MEX" ? "GTM" : "MEX") };
}

// The US pack relabelled for another jurisdiction, so a second nation can hold decisions too.
function usPackForNation(nation: string): string {
  return JSON.stringify({ ...JSON.parse(usPackText), jurisdiction: nation });
}

describeRoleMatrix("border approvals", () => t, awaitingApproval, [
  {
    name: "GET /border/decisions/awaiting-approval",
    method: "GET",
    path: () => "/api/v1/border/decisions/awaiting-approval",
    permission: "border.approve",
    ok: 200,
  },
  {
    name: "POST /border/decisions/:id/approval",
    method: "POST",
    path: (fx) => `/api/v1/border/decisions/${fx.decisionId}/approval`,
    otherNationPath: (fx) => `/api/v1/border/decisions/${fx.otherDecisionId}/approval`,
    body: () => ({ approve: true, reason: "checked the verification" }),
    permission: "border.approve",
    ok: 201,
  },
]);

interface InboxFixture {
  requestId: string;
  otherRequestId: string;
}

/** A question from the US addressed to Peru (answered after review), and one addressed to Colombia. */
async function questionToPeru(app: TestApp): Promise<InboxFixture> {
  const usa = officer("USA");
  const encounter = await app.app.border.recordEncounter(usa, venezuelanWhoLivedInColombia);
  const toPeru = await app.app.border.requestVerification(usa, encounter.id, "PER");
  const toColombia = await app.app.border.requestVerification(usa, encounter.id, "COL");
  return { requestId: toPeru.id, otherRequestId: toColombia.id };
}

describeRoleMatrix("border verification inbox", () => t, questionToPeru, [
  {
    name: "GET /border/verifications/inbox",
    method: "GET",
    path: () => "/api/v1/border/verifications/inbox",
    permission: "verification.answer",
    ok: 200,
    nation: "PER",
  },
  {
    name: "POST /border/verifications/:id/answer",
    method: "POST",
    path: (fx) => `/api/v1/border/verifications/${fx.requestId}/answer`,
    otherNationPath: (fx) => `/api/v1/border/verifications/${fx.otherRequestId}/answer`,
    body: () => ({ fromNation: "USA", result: "not_found" }),
    permission: "verification.answer",
    ok: 201,
    nation: "PER",
  },
]);

/** An encounter with a fear claim (open safeguard) and one whose safeguard is closed, here and in another nation. */
async function fearClaims(app: TestApp, nation: string) {
  const make = async (n: string) => {
    await app.app.border.loadPack(systemScope(n, "test"), usPackForNation(n));
    const facts = { ...venezuelanWhoLivedInColombia, fearClaim: true };
    const open = await app.app.border.recordEncounter(officer(n), facts);
    const closed = await app.app.border.recordEncounter(officer(n), facts);
    await app.app.border.closeSafeguard(systemScope(n, "test", ["nation_admin"]), closed.id, "fear_claim", {
      reason: "screening concluded, no fear established",
      evidenceKind: "referral to a protection screening and its outcome",
      evidenceReference: "CF-2022-0001",
    });
    return { open: open.id, closed: closed.id };
  };
  const own = await make(nation);
  const other = await make(nation === "MEX" ? "GTM" : "MEX");
  return { own, other };
}

const closure = {
  reason: "protection screening concluded: no fear established",
  evidenceKind: "referral to a protection screening and its outcome",
  evidenceReference: "CF-2022-0042",
};

describeRoleMatrix("border safeguards", () => t, fearClaims, [
  {
    name: "GET /border/safeguards/open",
    method: "GET",
    path: () => "/api/v1/border/safeguards/open",
    permission: "border.approve",
    ok: 200,
  },
  {
    name: "GET /border/encounters/:id/safeguards",
    method: "GET",
    path: (fx) => `/api/v1/border/encounters/${fx.own.open}/safeguards`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.other.open}/safeguards`,
    permission: "border.read",
    ok: 200,
  },
  {
    name: "POST /border/encounters/:id/safeguards/:code/closure",
    method: "POST",
    path: (fx) => `/api/v1/border/encounters/${fx.own.open}/safeguards/fear_claim/closure`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.other.open}/safeguards/fear_claim/closure`,
    body: () => closure,
    permission: "border.approve",
    ok: 201,
  },
  {
    name: "POST /border/encounters/:id/safeguards/:code/reopening",
    method: "POST",
    path: (fx) => `/api/v1/border/encounters/${fx.own.closed}/safeguards/fear_claim/reopening`,
    otherNationPath: (fx) => `/api/v1/border/encounters/${fx.other.closed}/safeguards/fear_claim/reopening`,
    body: () => ({ reason: "the screening record was for another person" }),
    permission: "border.record",
    ok: 201,
  },
]);
