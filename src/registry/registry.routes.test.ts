import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { giveConsent, personInput, registerPerson } from "./registry.test-support.ts";
import { ReviewQuery } from "./review.contract.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const other = (nation: string) => (nation === "MEX" ? "USA" : "MEX");

/** The newest caseworker of a nation: the role matrix's own, so its cases are in that caseworker's reach. */
async function latestCaseworker(app: TestApp, nation: string): Promise<string | null> {
  const row = await app.app.platform.database.asOwner((tx) =>
    tx
      .selectFrom("users")
      .innerJoin("user_roles", (j) =>
        j.onRef("user_roles.user_id", "=", "users.id").onRef("user_roles.tenant_id", "=", "users.tenant_id"),
      )
      .select("users.id")
      .where("users.tenant_id", "=", nation)
      .where("user_roles.role", "=", "caseworker")
      .orderBy("users.created_at", "desc")
      .limit(1)
      .executeTakeFirst(),
  );
  return row?.id ?? null;
}

const people = new Map<string, { personId: string; relatedId: string }>();
async function peopleOf(app: TestApp, nation: string) {
  let found = people.get(nation);
  if (!found) {
    found = {
      personId: await registerPerson(app.app, nation),
      relatedId: await registerPerson(app.app, nation),
    };
    // A cross-nation question needs the person's consent for its purpose.
    await giveConsent(app.app, nation, found.personId);
    people.set(nation, found);
  }
  return found;
}

async function basicFixture(app: TestApp, nation: string) {
  const own = await peopleOf(app, nation);
  const foreign = await peopleOf(app, other(nation));
  const assignee = await latestCaseworker(app, nation);
  const open = (n: string, personId: string, to: string | null) =>
    app.app.platform.database.asOwner(async (tx) => {
      const row = await tx
        .insertInto("registry_cases")
        .values({
          tenant_id: n,
          person_id: personId,
          case_type: "protection",
          office_id: null,
          assigned_to: to,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    });
  return {
    ...own,
    foreignPersonId: foreign.personId,
    caseId: await open(nation, own.personId, assignee),
    foreignCaseId: await open(other(nation), foreign.personId, null),
    assignee,
  };
}

describeRoleMatrix("registry people and cases", () => t, basicFixture, [
  {
    name: "POST /registry/people/check",
    method: "POST",
    path: () => "/api/v1/registry/people/check",
    body: () => personInput(),
    permission: "person.write",
    ok: 200,
  },
  {
    name: "POST /registry/people",
    method: "POST",
    path: () => "/api/v1/registry/people",
    body: () => personInput(),
    permission: "person.write",
    ok: 201,
  },
  {
    name: "GET /registry/people/:id",
    method: "GET",
    path: (fx) => `/api/v1/registry/people/${fx.personId}`,
    otherNationPath: (fx) => `/api/v1/registry/people/${fx.foreignPersonId}`,
    permission: "person.read",
    ok: 200,
  },
  {
    name: "GET /registry/search",
    method: "GET",
    path: () => "/api/v1/registry/search?given=Ana&surname=Lopez",
    permission: "person.read",
    ok: 200,
  },
  {
    name: "POST /registry/people/:id/family",
    method: "POST",
    path: (fx) => `/api/v1/registry/people/${fx.personId}/family`,
    otherNationPath: (fx) => `/api/v1/registry/people/${fx.foreignPersonId}/family`,
    body: (fx) => ({ relatedId: fx.relatedId, relation: "sibling" }),
    permission: "person.write",
    ok: 200,
  },
  {
    name: "POST /registry/people/:id/consents",
    method: "POST",
    path: (fx) => `/api/v1/registry/people/${fx.personId}/consents`,
    otherNationPath: (fx) => `/api/v1/registry/people/${fx.foreignPersonId}/consents`,
    body: () => ({ purpose: "family_tracing", given: true }),
    permission: "consent.manage",
    ok: 200,
  },
  {
    name: "GET /registry/cases",
    method: "GET",
    path: () => "/api/v1/registry/cases",
    permission: "case.read",
    ok: 200,
  },
  {
    name: "POST /registry/cases",
    method: "POST",
    path: () => "/api/v1/registry/cases",
    body: (fx) => ({ personId: fx.personId, type: "protection", note: "first interview planned" }),
    permission: "case.write",
    ok: 201,
  },
  {
    name: "GET /registry/cases/:id",
    method: "GET",
    path: (fx) => `/api/v1/registry/cases/${fx.caseId}`,
    otherNationPath: (fx) => `/api/v1/registry/cases/${fx.foreignCaseId}`,
    permission: "case.read",
    ok: 200,
  },
  {
    name: "POST /registry/cases/:id/notes",
    method: "POST",
    path: (fx) => `/api/v1/registry/cases/${fx.caseId}/notes`,
    otherNationPath: (fx) => `/api/v1/registry/cases/${fx.foreignCaseId}/notes`,
    body: () => ({ body: "called back" }),
    permission: "case.write",
    ok: 200,
  },
  {
    name: "POST /registry/cases/:id/status",
    method: "POST",
    path: (fx) => `/api/v1/registry/cases/${fx.caseId}/status`,
    otherNationPath: (fx) => `/api/v1/registry/cases/${fx.foreignCaseId}/status`,
    body: () => ({ status: "in_review" }),
    permission: "case.write",
    ok: 200,
  },
  {
    name: "POST /registry/cases/:id/assign",
    method: "POST",
    path: (fx) => `/api/v1/registry/cases/${fx.caseId}/assign`,
    otherNationPath: (fx) => `/api/v1/registry/cases/${fx.foreignCaseId}/assign`,
    body: (fx) => ({ userId: fx.assignee, reason: "workload" }),
    permission: "case.assign",
    ok: 200,
  },
  {
    name: "POST /registry/cases/:id/transfer",
    method: "POST",
    path: (fx) => `/api/v1/registry/cases/${fx.caseId}/transfer`,
    otherNationPath: (fx) => `/api/v1/registry/cases/${fx.foreignCaseId}/transfer`,
    body: () => ({ officeId: "USA-02", reason: "moved south" }),
    permission: "case.assign",
    ok: 200,
  },
  {
    name: "POST /registry/crossmatch",
    method: "POST",
    path: () => "/api/v1/registry/crossmatch",
    body: (fx) => ({ personId: fx.personId }),
    permission: "crossmatch.query",
    ok: 200,
  },
  {
    name: "GET /registry/referrals/outgoing",
    method: "GET",
    path: () => "/api/v1/registry/referrals/outgoing",
    permission: "case.refer",
    ok: 200,
  },
  {
    name: "GET /registry/referrals/incoming",
    method: "GET",
    path: () => "/api/v1/registry/referrals/incoming",
    permission: "referral.decide",
    ok: 200,
  },
  {
    name: "GET /registry/reviews",
    method: "GET",
    path: () => "/api/v1/registry/reviews",
    permission: "person.merge",
    ok: 200,
  },
  {
    name: "GET /registry/merges",
    method: "GET",
    path: () => "/api/v1/registry/merges",
    permission: "person.merge",
    ok: 200,
  },
]);

/** A registered person, a second record of them (kept with a reason: a review item), and a merged pair. */
async function reviewFixture(app: TestApp, nation: string) {
  const pair = async (n: string) => {
    const input = personInput();
    await registerPerson(app.app, n, input);
    const second = await registerPerson(
      app.app,
      n,
      { ...input, surnames: input.surnames.slice(0, 1) },
      {
        overrideReason: "came back with another card",
      },
    );
    const queue = await app.app.platform.database.asOwner((tx) =>
      tx
        .selectFrom("registry_duplicate_reviews")
        .select("id")
        .where("person_b", "=", second)
        .executeTakeFirstOrThrow(),
    );
    return queue.id;
  };
  const reviewId = await pair(nation);
  const mergeId = (
    await app.app.registry.review.decide(
      systemScope(nation, "test"),
      await pair(nation),
      "merge",
      "same person",
    )
  ).mergeId as string;
  return { reviewId, mergeId, foreignReviewId: await pair(other(nation)) };
}

describeRoleMatrix("registry review queue", () => t, reviewFixture, [
  {
    name: "GET /registry/reviews/:id",
    method: "GET",
    path: (fx) => `/api/v1/registry/reviews/${fx.reviewId}`,
    otherNationPath: (fx) => `/api/v1/registry/reviews/${fx.foreignReviewId}`,
    permission: "person.merge",
    ok: 200,
  },
  {
    name: "POST /registry/reviews/:id/decision",
    method: "POST",
    path: (fx) => `/api/v1/registry/reviews/${fx.reviewId}/decision`,
    otherNationPath: (fx) => `/api/v1/registry/reviews/${fx.foreignReviewId}/decision`,
    body: () => ({ decision: "merge", reason: "same document" }),
    permission: "person.merge",
    ok: 200,
  },
  {
    name: "POST /registry/merges/:id/split",
    method: "POST",
    path: (fx) => `/api/v1/registry/merges/${fx.mergeId}/split`,
    body: () => ({ reason: "twins, not one person" }),
    permission: "person.merge",
    ok: 200,
  },
]);

/** The same consenting person held by the caller's nation and by a partner, with a referral each way. */
async function referralFixture(app: TestApp, callerNation: string) {
  // The secretariat holds no people: its (refused) calls use a nation's fixture.
  const nation = callerNation === "REG" ? "USA" : callerNation;
  const partner = other(nation);
  const input = personInput();
  const mine = await registerPerson(app.app, nation, input);
  const theirs = await registerPerson(app.app, partner, input);
  await giveConsent(app.app, nation, mine);
  await giveConsent(app.app, partner, theirs);
  const ask = (from: string, personId: string, to: string) =>
    app.app.registry.crossmatch.requestReferral(systemScope(from, "test"), {
      personId,
      partner: to,
      purpose: "cross_border_referral",
      reason: "family reunification",
    });
  return {
    mine,
    partner,
    incomingId: await ask(partner, theirs, nation),
    foreignId: await ask(nation, mine, partner),
  };
}

describeRoleMatrix("registry referrals", () => t, referralFixture, [
  {
    name: "POST /registry/referrals",
    method: "POST",
    path: () => "/api/v1/registry/referrals",
    body: (fx) => ({
      personId: fx.mine,
      partner: fx.partner,
      purpose: "cross_border_referral",
      reason: "asylum claim",
    }),
    permission: "case.refer",
    ok: 201,
  },
  {
    name: "POST /registry/referrals/:id/decision",
    method: "POST",
    path: (fx) => `/api/v1/registry/referrals/${fx.incomingId}/decision`,
    otherNationPath: (fx) => `/api/v1/registry/referrals/${fx.foreignId}/decision`,
    body: () => ({ decision: "accept", reason: "consent on file" }),
    permission: "referral.decide",
    ok: 200,
  },
]);

describe("registry behaviour", () => {
  it("shows a duplicate while registering, needs a reason to go ahead, and queues the pair", async () => {
    const { token } = await userWithToken(t, "GTM", ["registrar"]);
    const admin = await userWithToken(t, "GTM", ["nation_admin"]);
    const input = personInput();
    await registerPerson(t.app, "GTM", input);
    const variant = {
      ...input,
      givenNames: input.givenNames.map((g) => g.toUpperCase()),
      surnames: input.surnames.slice(0, 1),
    };
    const check = (await (
      await t.request("POST", "/api/v1/registry/people/check", { token, body: variant })
    ).json()) as { candidates: { band: string; reasons: { field: string }[]; name: string | null }[] };
    expect(check.candidates[0]?.band).toMatch(/likely|possible/);
    expect(check.candidates[0]?.reasons.map((r) => r.field)).toContain("date_of_birth");
    expect((await t.request("POST", "/api/v1/registry/people", { token, body: variant })).status).toBe(409);
    const created = await t.request("POST", "/api/v1/registry/people", {
      token,
      body: { ...variant, overrideReason: "says she was never here" },
    });
    expect(created.status).toBe(201);
    const queue = (await (
      await t.request("GET", "/api/v1/registry/reviews", { token: admin.token })
    ).json()) as { items: { whyCreated: string }[] };
    expect(queue.items.map((i) => i.whyCreated)).toContain("says she was never here");
  });

  it("refuses a person with no name at all, naming the field, and writes nothing", async () => {
    const { token } = await userWithToken(t, "PER", ["registrar"]);
    for (const body of [{}, { givenNames: [], surnames: [], birthDate: "1990-01-01" }]) {
      const res = await t.request("POST", "/api/v1/registry/people", { token, body });
      expect(res.status).toBe(400);
      const error = ((await res.json()) as { error: { details: { issues: { field: string }[] } } }).error;
      expect(error.details.issues.map((i) => i.field)).toContain("body.givenNames");
    }
    const people = await t.app.platform.database.asOwner((tx) =>
      tx
        .selectFrom("registry_people")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("tenant_id", "=", "PER")
        .executeTakeFirstOrThrow(),
    );
    expect(Number(people.n)).toBe(0);
  });

  it("lets a registrar see only their office's people, and audits every read", async () => {
    const north = await userWithToken(t, "COL", ["registrar"], { officeId: "COL-01" });
    const south = await userWithToken(t, "COL", ["registrar"], { officeId: "COL-02" });
    const id = await registerPerson(t.app, "COL", personInput(), { officeId: "COL-01" });
    expect((await t.request("GET", `/api/v1/registry/people/${id}`, { token: north.token })).status).toBe(
      200,
    );
    expect((await t.request("GET", `/api/v1/registry/people/${id}`, { token: south.token })).status).toBe(
      404,
    );
    const reads = await t.app.platform.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select("actor_user")
        .where("tenant_id", "=", "COL")
        .where("action", "=", "person.read")
        .where("target_id", "=", id)
        .execute(),
    );
    expect(reads.map((r) => r.actor_user)).toEqual([north.userId]);
  });

  it("redacts protection details and full documents for readers without those permissions", async () => {
    const input = personInput({ vulnerabilities: ["trafficking_victim"] });
    const id = await registerPerson(t.app, "PER", input);
    const border = await userWithToken(t, "PER", ["border_officer"]);
    const caseworker = await userWithToken(t, "PER", ["caseworker"]);
    const seen = (await (
      await t.request("GET", `/api/v1/registry/people/${id}`, { token: border.token })
    ).json()) as { vulnerabilities: unknown; documents: { number: string }[] };
    expect(seen.vulnerabilities).toBeNull();
    expect(seen.documents[0]?.number).not.toBe(input.documents[0]?.number);
    const full = (await (
      await t.request("GET", `/api/v1/registry/people/${id}`, { token: caseworker.token })
    ).json()) as typeof seen;
    // A legacy code is accepted and answered as the shared vocabulary's code.
    expect(full.vulnerabilities).toEqual(["victim_of_trafficking"]);
    expect(full.documents[0]?.number).toBe(input.documents[0]?.number);
  });

  it("answers a cross-nation question with the holding nations only, and refers with consent", async () => {
    const input = personInput();
    const usaId = await registerPerson(t.app, "USA", input);
    const mexId = await registerPerson(t.app, "MEX", {
      ...input,
      surnames: input.surnames.slice(0, 1),
      phones: ["+52 5512345678"],
    });
    await giveConsent(t.app, "USA", usaId);
    const asker = await userWithToken(t, "USA", ["caseworker"]);
    const holder = await userWithToken(t, "MEX", ["nation_admin"]);
    const answer = await (
      await t.request("POST", "/api/v1/registry/crossmatch", {
        token: asker.token,
        body: { personId: usaId },
      })
    ).json();
    expect(answer).toEqual({ holders: ["MEX"], asked: 20 });
    const created = (await (
      await t.request("POST", "/api/v1/registry/referrals", {
        token: asker.token,
        body: {
          personId: usaId,
          partner: "MEX",
          purpose: "cross_border_referral",
          reason: "prior asylum claim",
        },
      })
    ).json()) as { id: string };
    const decide = (decision: string) =>
      t.request("POST", `/api/v1/registry/referrals/${created.id}/decision`, {
        token: holder.token,
        body: { decision, reason: "checked" },
      });
    expect((await decide("accept")).status).toBe(409);
    await giveConsent(t.app, "MEX", mexId);
    expect((await decide("accept")).status).toBe(200);
    const outgoing = (await (
      await t.request("GET", "/api/v1/registry/referrals/outgoing", { token: asker.token })
    ).json()) as { referrals: { id: string; status: string; shared: { givenNames: string[] } | null }[] };
    const mine = outgoing.referrals.find((r) => r.id === created.id);
    expect(mine?.status).toBe("accepted");
    expect(mine?.shared?.givenNames).toEqual(input.givenNames);
    const events = await t.app.platform.database.asOwner((tx) =>
      tx
        .selectFrom("audit_events")
        .select(["tenant_id", "action"])
        .where("target_id", "=", created.id)
        .execute(),
    );
    expect(events.map((e) => `${e.tenant_id}:${e.action}`)).toEqual(
      expect.arrayContaining([
        "USA:referral.request",
        "MEX:referral.received",
        "MEX:referral.accepted",
        "USA:referral.accepted",
      ]),
    );
  });

  it("stops a pending referral when the person withdraws consent", async () => {
    const input = personInput();
    const usaId = await registerPerson(t.app, "USA", input);
    const mexId = await registerPerson(t.app, "MEX", input);
    await giveConsent(t.app, "USA", usaId);
    await giveConsent(t.app, "MEX", mexId);
    const id = await t.app.registry.crossmatch.requestReferral(systemScope("USA", "test"), {
      personId: usaId,
      partner: "MEX",
      purpose: "cross_border_referral",
      reason: "check",
    });
    await t.app.registry.crossmatch.recordConsent(systemScope("MEX", "test"), mexId, {
      purpose: "cross_border_referral",
      given: false,
      givenBy: "the person",
    });
    const usa = await t.app.registry.crossmatch.list(systemScope("USA", "test"), "outgoing");
    const mex = await t.app.registry.crossmatch.list(systemScope("MEX", "test"), "incoming");
    expect(usa.find((r) => r.id === id)?.status).toBe("stopped");
    expect(mex.find((r) => r.id === id)?.status).toBe("stopped");
  });

  it("merges with a reason and splits back", async () => {
    const scope = systemScope("HND", "test");
    const input = personInput();
    const a = await registerPerson(t.app, "HND", input);
    const b = await registerPerson(t.app, "HND", input, { overrideReason: "second card" });
    const [item] = (await t.app.registry.review.queue(scope, ReviewQuery.parse({}))).items;
    const { mergeId } = await t.app.registry.review.decide(scope, item!.id, "merge", "same passport");
    expect((await t.app.registry.people.getPerson(scope, b)).mergedInto).toBe(a);
    await t.app.registry.review.split(scope, mergeId!, "different people after all");
    expect((await t.app.registry.people.getPerson(scope, b)).status).toBe("active");
  });

  it("keeps every name and document out of plaintext in every text column", async () => {
    const input = personInput({ aliases: ["Zyqxelda Brontwick"] });
    const id = await registerPerson(t.app, "BRA", input);
    await t.app.registry.cases.openCase(systemScope("BRA", "test"), {
      personId: id,
      type: "protection",
      officeId: null,
      note: null,
    });
    const secrets = [...input.givenNames, ...input.surnames, "Zyqxelda", input.documents[0]!.number];
    const dump = await t.app.platform.database.asOwner(async (tx) => {
      const columns = (await tx
        .selectFrom("information_schema.columns" as never)
        .select(["table_name", "column_name"] as never)
        .where("table_schema" as never, "=", "public" as never)
        .where("data_type" as never, "in", ["text", "jsonb", "ARRAY", "character varying", "json"] as never)
        .execute()) as unknown as { table_name: string; column_name: string }[];
      const parts: string[] = [];
      for (const c of columns) {
        const { sql } = await import("kysely");
        const rows = await sql<{
          v: string | null;
        }>`select ${sql.ref(c.column_name)}::text as v from ${sql.table(c.table_name)}`.execute(tx);
        for (const r of rows.rows) if (r.v) parts.push(r.v);
      }
      return parts.join("\n").toLowerCase();
    });
    expect(dump.length).toBeGreaterThan(1000);
    expect(secrets.filter((s) => dump.includes(s.toLowerCase()))).toEqual([]);
  });
});
