import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { describeRoleMatrix } from "../../test/role-matrix.ts";
import { systemScope } from "../platform/auth/scope.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(async () => {
  await t.close();
});

interface Fixture {
  entityId: string;
  otherEntityId: string;
  phone: string;
  legalBasisId: string;
  otherLegalBasisId: string;
  approvedBasisId: string;
  otherApprovedBasisId: string;
  requestId: string;
  otherRequestId: string;
  hash: string;
  partner: string;
}

let seq = 0;
const partnerOf = (nation: string) => (nation === "MEX" ? "GTM" : "MEX");
const investigator = (nation: string) => systemScope(nation, "test", ["investigator"]);
const protectionOfficer = (nation: string) => systemScope(nation, "test", ["protection_officer"]);

/** A victim's protection record in the nation, opened by an approved legal basis; returns the basis id. */
async function openedProtectedCase(nation: string, tag: string): Promise<string> {
  const caseRef = `CASE-P-${tag}`;
  await t.app.networks.ingest(investigator(nation), {
    origin: "case",
    observations: [
      { source: { type: "person", value: `V-${tag}` }, target: { type: "plate", value: tag } },
    ].map((o) => ({ ...o, caseRef })),
    protectionRecords: [{ caseRef, reason: "victim of trafficking" }],
  });
  const basis = await t.app.networks.requestLegalBasis(investigator(nation), {
    caseRef,
    purpose: "prosecution of a trafficking ring",
    authority: "court order 18/2024",
  });
  await t.app.networks.decideLegalBasis(protectionOfficer(nation), basis.id, {
    decision: "approve",
    note: "checked",
  });
  return basis.id;
}

/** A phone three people called in three cases: a community of four, in the given nation. */
async function smallRing(nation: string, phone: string, tag: string) {
  const scope = investigator(nation);
  await t.app.networks.ingest(scope, {
    origin: "case",
    observations: [1, 2, 3].map((i) => ({
      source: { type: "person", value: `P-${tag}-${i}` },
      target: { type: "phone", value: phone },
      kind: "called",
      observedAt: `2024-03-0${i}`,
      caseRef: `CASE-${tag}-${i}`,
    })),
  });
  const found = await t.app.networks.search(scope, { type: "phone", value: phone });
  return found.matches[0]?.id as string;
}

// One fixture per nation serves every call: only one role may succeed on each decision route, so nothing a
// call changes breaks the next one.
const fixtures = new Map<string, Promise<Fixture>>();
function fixture(app: TestApp, nation: string): Promise<Fixture> {
  let found = fixtures.get(nation);
  if (!found) {
    // The secretariat holds no cases and no agreement to ask a nation for details: its callers get their 403
    // from the permission, so their fixture is the USA's.
    found = nation === "REG" ? fixture(app, "USA") : makeFixture(app, nation);
    fixtures.set(nation, found);
  }
  return found;
}

async function makeFixture(app: TestApp, nation: string): Promise<Fixture> {
  const n = ++seq;
  const phone = `+52 55 ${String(1000 + n)} ${String(5000 + n)}`;
  const partner = partnerOf(nation);
  const entityId = await smallRing(nation, phone, `${nation}-${n}`);
  const otherEntityId = await smallRing(partner, `+502 5${String(1000000 + n)}`, `${partner}-${n}`);
  await smallRing(partner, phone, `${partner}-shared-${n}`);
  const basis = () => ({
    caseRef: `CASE-X-${n}`,
    purpose: "prosecution of a smuggling ring",
    authority: "court order 17/2024",
  });
  const legal = await app.app.networks.requestLegalBasis(investigator(nation), basis());
  const otherLegal = await app.app.networks.requestLegalBasis(investigator(partner), basis());
  const approvedBasisId = await openedProtectedCase(nation, `${nation}-${n}`);
  const otherApprovedBasisId = await openedProtectedCase(partner, `${partner}-${n}`);
  await app.app.networks.publish(investigator(nation));
  await app.app.networks.publish(investigator(partner));
  const match = (await app.app.networks.matches(investigator(partner))).matches.find(
    (m) => m.entity.value === phone.replace(/ /g, ""),
  );
  const hash = match?.hash as string;
  const request = await app.app.networks.openRequest(investigator(partner), {
    holder: nation,
    type: "phone",
    hash,
    purpose: "same phone in our cases",
  });
  const otherRequest = await app.app.networks.openRequest(investigator(nation), {
    holder: partner,
    type: "phone",
    hash,
    purpose: "same phone in our cases",
  });
  return {
    entityId,
    otherEntityId,
    phone,
    legalBasisId: legal.id,
    otherLegalBasisId: otherLegal.id,
    approvedBasisId,
    otherApprovedBasisId,
    requestId: request.id,
    otherRequestId: otherRequest.id,
    hash,
    partner,
  };
}

const decision = () => ({ decision: "approve", note: "court order checked" });
const base = "/api/v1/networks";

describeRoleMatrix("networks", () => t, fixture, [
  {
    name: "POST /networks/links",
    method: "POST",
    path: () => `${base}/links`,
    body: () => ({
      source: { type: "person", value: "P-new" },
      target: { type: "plate", value: "abc-123" },
      caseRef: "C-9",
    }),
    permission: "network.write",
    ok: 201,
  },
  {
    name: "GET /networks/search",
    method: "GET",
    path: (fx) => `${base}/search?type=phone&value=${encodeURIComponent(fx.phone)}`,
    permission: "network.read",
    ok: 200,
  },
  {
    name: "GET /networks/entities/:id/neighbourhood",
    method: "GET",
    path: (fx) => `${base}/entities/${fx.entityId}/neighbourhood`,
    otherNationPath: (fx) => `${base}/entities/${fx.otherEntityId}/neighbourhood`,
    permission: "network.read",
    ok: 200,
  },
  {
    name: "PUT /networks/entities/:id/role",
    method: "PUT",
    path: (fx) => `${base}/entities/${fx.entityId}/role`,
    otherNationPath: (fx) => `${base}/entities/${fx.otherEntityId}/role`,
    body: () => ({ role: "suspect" }),
    permission: "network.write",
    ok: 200,
  },
  {
    name: "GET /networks/communities",
    method: "GET",
    path: () => `${base}/communities`,
    permission: "network.read",
    ok: 200,
  },
  {
    name: "GET /networks/entities/:id/community",
    method: "GET",
    path: (fx) => `${base}/entities/${fx.entityId}/community`,
    otherNationPath: (fx) => `${base}/entities/${fx.otherEntityId}/community`,
    permission: "network.read",
    ok: 200,
  },
  {
    name: "GET /networks/entities/:id/case-file",
    method: "GET",
    path: (fx) => `${base}/entities/${fx.entityId}/case-file`,
    otherNationPath: (fx) => `${base}/entities/${fx.otherEntityId}/case-file`,
    permission: "network.export",
    ok: 200,
  },
  {
    name: "POST /networks/protection-records",
    method: "POST",
    path: () => `${base}/protection-records`,
    body: () => ({ caseRef: `CASE-V-${++seq}`, reason: "victim of trafficking" }),
    permission: "protection.read",
    ok: 201,
  },
  {
    name: "POST /networks/legal-bases",
    method: "POST",
    path: () => `${base}/legal-bases`,
    body: () => ({
      caseRef: "CASE-V-1",
      purpose: "identify the recruiter of the victim",
      authority: "court order 3/2024",
    }),
    permission: "network.write",
    ok: 201,
  },
  {
    name: "GET /networks/legal-bases",
    method: "GET",
    path: () => `${base}/legal-bases`,
    permission: "network.read",
    ok: 200,
  },
  {
    name: "GET /networks/legal-bases/pending",
    method: "GET",
    path: () => `${base}/legal-bases/pending`,
    permission: "protection.decide",
    ok: 200,
  },
  {
    name: "POST /networks/legal-bases/:id/decision",
    method: "POST",
    path: (fx) => `${base}/legal-bases/${fx.legalBasisId}/decision`,
    otherNationPath: (fx) => `${base}/legal-bases/${fx.otherLegalBasisId}/decision`,
    body: decision,
    permission: "protection.decide",
    ok: 200,
  },
  {
    name: "GET /networks/legal-bases/:id/record",
    method: "GET",
    path: (fx) => `${base}/legal-bases/${fx.approvedBasisId}/record`,
    otherNationPath: (fx) => `${base}/legal-bases/${fx.otherApprovedBasisId}/record`,
    permission: "network.read",
    ok: 200,
  },
  {
    name: "POST /networks/shared-hashes/publish",
    method: "POST",
    path: () => `${base}/shared-hashes/publish`,
    permission: "network.write",
    ok: 200,
  },
  {
    name: "GET /networks/shared-matches",
    method: "GET",
    path: () => `${base}/shared-matches`,
    permission: "network.read",
    ok: 200,
  },
  {
    name: "POST /networks/detail-requests",
    method: "POST",
    path: () => `${base}/detail-requests`,
    body: (fx) => ({
      holder: fx.partner,
      type: "phone",
      hash: fx.hash,
      purpose: "the same phone is in our cases",
    }),
    permission: "network.write",
    ok: 201,
  },
  {
    name: "GET /networks/detail-requests",
    method: "GET",
    path: () => `${base}/detail-requests`,
    permission: "network.read",
    ok: 200,
  },
  {
    name: "POST /networks/detail-requests/:id/decision",
    method: "POST",
    path: (fx) => `${base}/detail-requests/${fx.requestId}/decision`,
    otherNationPath: (fx) => `${base}/detail-requests/${fx.otherRequestId}/decision`,
    body: decision,
    permission: "network.export",
    ok: 200,
  },
]);

describe("networks input", () => {
  it("rejects a bad observation whole, naming it, and stores a repeated batch once", async () => {
    const scope = investigator("PER");
    const good = {
      source: { type: "person", value: "P-1" },
      target: { type: "Phone", value: "+51 912 345 678" },
      caseRef: "C-1",
    };
    const bad = {
      source: { type: "person", value: "P-2" },
      target: { type: "phone", value: "---" },
      observedAt: "2024-02-30",
    };
    await expect(t.app.networks.ingest(scope, { origin: "case", observations: [good, bad] })).rejects.toThrow(
      /observations\[1\]\.target\.value: has no usable characters[\s\S]*observations\[1\]\.observedAt/,
    );
    const first = await t.app.networks.ingest(scope, { origin: "case", observations: [good] });
    const again = await t.app.networks.ingest(scope, { origin: "case", observations: [good] });
    expect([first.added, again.added, again.entities]).toEqual([1, 0, 0]);
    const found = await t.app.networks.search(scope, { type: "mobile", value: "0051-912345678" });
    expect(found.matches.map((m) => m.value)).toEqual(["+51912345678"]);
  });
});
