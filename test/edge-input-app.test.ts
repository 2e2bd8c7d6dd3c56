import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { venezuelanWhoLivedInColombia } from "../src/border/border.test-support.ts";
import { fileApplication, publishPathway } from "../src/pathways/pathways.test-support.ts";
import { systemScope } from "../src/platform/auth/scope.ts";
import { registerPerson } from "../src/registry/registry.test-support.ts";
import { startTestApp, type TestApp, userWithToken } from "./harness.ts";

// Every input a security review showed answering 500 (or reaching storage malformed), replayed through the
// whole application: each must be a 400 BAD_INPUT whose details name the field.

const NUL = "a\u0000b";
const LONE = "a\ud800b";

let t: TestApp;
const tokens: Record<string, string> = {};
const fx = { personId: "", caseId: "", appId: "", adminId: "" };

beforeAll(async () => {
  t = await startTestApp();
  const roles = [
    "investigator",
    "caseworker",
    "nation_admin",
    "pathway_officer",
    "border_officer",
    "registrar",
    "auditor",
  ] as const;
  for (const role of roles) {
    const user = await userWithToken(t, "USA", [role]);
    tokens[role] = user.token;
    if (role === "nation_admin") fx.adminId = user.userId;
  }
  fx.personId = await registerPerson(t.app, "USA");
  const scope = systemScope("USA", "test");
  fx.caseId = (
    await t.app.registry.cases.openCase(scope, {
      personId: fx.personId,
      type: "protection",
      officeId: null,
      note: null,
    })
  ).id;
  await publishPathway(t.app.pathways, "USA", "usa-edge");
  fx.appId = (await fileApplication(t.app.pathways, "USA", "usa-edge")).id;
});
afterAll(async () => {
  await t?.close();
});

interface Reported {
  route: string;
  role: keyof typeof tokens | null;
  method: string;
  path: () => string;
  body?: () => unknown;
  field: string;
}

const link = (value: string) => ({
  source: { type: "person", value },
  target: { type: "plate", value: "abc-123" },
  caseRef: "C-9",
});

const reported: Reported[] = [
  {
    route: "POST /networks/links (NUL)",
    role: "investigator",
    method: "POST",
    path: () => "/api/v1/networks/links",
    body: () => link(NUL),
    field: "body.source.value",
  },
  {
    route: "POST /networks/links (lone surrogate)",
    role: "investigator",
    method: "POST",
    path: () => "/api/v1/networks/links",
    body: () => ({ ...link("P-1"), kind: LONE }),
    field: "body.kind",
  },
  {
    route: "POST /networks/legal-bases",
    role: "investigator",
    method: "POST",
    path: () => "/api/v1/networks/legal-bases",
    body: () => ({ caseRef: "CASE-1", purpose: `identify ${NUL} the recruiter`, authority: "court order" }),
    field: "body.purpose",
  },
  {
    route: "POST /networks/protection-records",
    role: "caseworker",
    method: "POST",
    path: () => "/api/v1/networks/protection-records",
    body: () => ({ caseRef: LONE, reason: "victim of trafficking" }),
    field: "body.caseRef",
  },
  {
    route: "GET /networks/search",
    role: "investigator",
    method: "GET",
    path: () => "/api/v1/networks/search?type=phone&value=%00",
    field: "query.value",
  },
  {
    route: "GET /registry/search",
    role: "registrar",
    method: "GET",
    path: () => "/api/v1/registry/search?given=An%ED%A0%80a",
    field: "query.given",
  },
  {
    route: "POST /tokens",
    role: "nation_admin",
    method: "POST",
    path: () => "/api/v1/tokens",
    body: () => ({ userId: fx.adminId, name: NUL }),
    field: "body.name",
  },
  {
    route: "PUT /pathways/pledges/:year (note)",
    role: "pathway_officer",
    method: "PUT",
    path: () => "/api/v1/pathways/pledges/2026",
    body: () => ({ places: 10, note: LONE }),
    field: "body.note",
  },
  {
    route: "PUT /pathways/pledges/:year (places: 2147483648)",
    role: "pathway_officer",
    method: "PUT",
    path: () => "/api/v1/pathways/pledges/2026",
    body: () => ({ places: 2147483648, note: "" }),
    field: "body.places",
  },
  {
    route: "PUT /pathways/appointment-days (office id)",
    role: "pathway_officer",
    method: "PUT",
    path: () => "/api/v1/pathways/appointment-days",
    body: () => ({ officeId: NUL, day: "2031-01-03", capacity: 10 }),
    field: "body.officeId",
  },
  {
    route: "PUT /pathways/appointment-days (0000-00-00)",
    role: "pathway_officer",
    method: "PUT",
    path: () => "/api/v1/pathways/appointment-days",
    body: () => ({ officeId: "USA-01", day: "0000-00-00", capacity: 10 }),
    field: "body.day",
  },
  {
    route: "PUT /pathways/appointment-days (2031-02-30)",
    role: "pathway_officer",
    method: "PUT",
    path: () => "/api/v1/pathways/appointment-days",
    body: () => ({ officeId: "USA-01", day: "2031-02-30", capacity: 10 }),
    field: "body.day",
  },
  {
    route: "POST /pathways/applications/:id/appointment (office id)",
    role: "pathway_officer",
    method: "POST",
    path: () => `/api/v1/pathways/applications/${fx.appId}/appointment`,
    body: () => ({ officeId: LONE, day: "2031-01-02" }),
    field: "body.officeId",
  },
  {
    route: "POST /pathways/applications/:id/appointment (2031-02-30)",
    role: "pathway_officer",
    method: "POST",
    path: () => `/api/v1/pathways/applications/${fx.appId}/appointment`,
    body: () => ({ officeId: "USA-01", day: "2031-02-30" }),
    field: "body.day",
  },
  {
    route: "PUT /pathways/catalog/:id (effectiveFrom 0000-00-00)",
    role: "pathway_officer",
    method: "PUT",
    path: () => "/api/v1/pathways/catalog/usa-edge",
    body: () => ({ definition: { id: "usa-edge" }, effectiveFrom: "0000-00-00" }),
    field: "body.effectiveFrom",
  },
  {
    route: "POST /border/encounters (port)",
    role: "border_officer",
    method: "POST",
    path: () => "/api/v1/border/encounters",
    body: () => ({ ...venezuelanWhoLivedInColombia, port: NUL }),
    field: "body.port",
  },
  {
    route: "PATCH /registry/people/:id (reason)",
    role: "registrar",
    method: "PATCH",
    path: () => `/api/v1/registry/people/${fx.personId}`,
    body: () => ({ reason: `typo ${LONE}` }),
    field: "body.reason",
  },
  {
    route: "POST /registry/people/:id/consents (givenBy)",
    role: "registrar",
    method: "POST",
    path: () => `/api/v1/registry/people/${fx.personId}/consents`,
    body: () => ({ purpose: "family_tracing", given: true, givenBy: NUL }),
    field: "body.givenBy",
  },
  {
    route: "POST /registry/cases/:id/transfer (office)",
    role: "nation_admin",
    method: "POST",
    path: () => `/api/v1/registry/cases/${fx.caseId}/transfer`,
    body: () => ({ officeId: LONE, reason: "moved south" }),
    field: "body.officeId",
  },
  {
    route: "GET /flows/series?from=0000-01",
    role: "registrar",
    method: "GET",
    path: () => "/api/v1/flows/series?from=0000-01",
    field: "query.from",
  },
  {
    route: "GET /border/stats/cbp-monthly?from=2024-13",
    role: "border_officer",
    method: "GET",
    path: () => "/api/v1/border/stats/cbp-monthly?from=2024-13",
    field: "query.from",
  },
  {
    route: "GET /audit/events?from=0000-01-01",
    role: "auditor",
    method: "GET",
    path: () => "/api/v1/audit/events?from=0000-01-01",
    field: "query.from",
  },
  {
    route: "GET /%ZZ (static web)",
    role: null,
    method: "GET",
    path: () => "/%ZZ",
    field: "path",
  },
  {
    route: "GET /portal/%E0%A4%A (portal page)",
    role: null,
    method: "GET",
    path: () => "/portal/%E0%A4%A",
    field: "path",
  },
  {
    route: "GET /api/v1/registry/people/%ZZ",
    role: "registrar",
    method: "GET",
    path: () => "/api/v1/registry/people/%ZZ",
    field: "path",
  },
  {
    route: "GET /api/v1/placement/runs/:id/cases/%00",
    role: "pathway_officer",
    method: "GET",
    path: () => "/api/v1/placement/runs/00000000-0000-4000-8000-000000000000/cases/%00",
    field: "path",
  },
];

interface ErrorAnswer {
  error: { code: string; message: string; details: { issues: { field: string; message: string }[] } };
}

describe("input that used to answer 500", () => {
  for (const c of reported) {
    it(`${c.route} answers 400 naming ${c.field}`, async () => {
      const token = c.role ? tokens[c.role] : undefined;
      const res = await t.request(c.method, c.path(), {
        ...(token ? { token } : {}),
        ...(c.body ? { body: c.body() } : {}),
      });
      const answer = (await res.json()) as ErrorAnswer;
      expect({ status: res.status, code: answer.error.code }).toEqual({ status: 400, code: "BAD_INPUT" });
      expect(answer.error.details.issues.map((i) => i.field)).toContain(c.field);
    });
  }
});

describe("the edge of the HTTP application", () => {
  const raw = (url: string, init: RequestInit) => Promise.resolve(t.app.http.request(url, init));

  it("refuses a JSON body whose bytes are not UTF-8, before any route reads it", async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"name":"a'),
      0xff,
      ...new TextEncoder().encode('"}'),
    ]);
    const res = await raw("/api/v1/tokens", {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.nation_admin}`, "content-type": "application/json" },
      body: bytes,
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as ErrorAnswer;
    expect(answer.error.code).toBe("BAD_INPUT");
    expect(answer.error.details.issues.map((i) => i.field)).toEqual(["body"]);
  });

  it("refuses malformed JSON with 400", async () => {
    const res = await t.request("POST", "/api/v1/tokens", { token: tokens.nation_admin, body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorAnswer).error.code).toBe("BAD_INPUT");
  });

  it("names a key that holds a NUL, at depth", async () => {
    const res = await t.request("PUT", "/api/v1/pathways/catalog/usa-edge", {
      token: tokens.pathway_officer,
      body: {
        definition: { rules: [{ kind: "nationality", [`in${NUL}`]: ["VEN"] }] },
        effectiveFrom: "2030-01-01",
      },
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as ErrorAnswer;
    expect(answer.error.details.issues.map((i) => i.field)).toEqual([
      'body.definition.rules[0]["ina\\u0000b"]',
    ]);
  });

  it("answers a body the route does not take with 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await t.request("POST", "/api/v1/tokens", {
      token: tokens.nation_admin,
      body: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorAnswer).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("still serves well-formed text, tabs and line breaks included", async () => {
    const res = await t.request("PUT", "/api/v1/pathways/pledges/2026", {
      token: tokens.pathway_officer,
      body: { places: 100_000_000, note: "first line\r\n\tsecond line — ñ 🌎" },
    });
    expect(res.status).toBe(200);
  });
});
