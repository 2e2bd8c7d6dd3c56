import { describe, expect, it } from "vitest";
import { demoAccounts } from "../demo-users.ts";
import { Role } from "./auth.contract.ts";
import {
  allowedSubset,
  dutyConflicts,
  PERMISSIONS,
  PERSONAL_DATA_PERMISSIONS,
  ROLE_TABLE,
  resolveRoles,
  rolesOutsideTenant,
  SEPARATION_OF_DUTIES,
} from "./permissions.ts";
import { assertAssignableRoles, rolesForTenant } from "./role-assignment.ts";
import { effectiveAccess } from "./scope.ts";

describe("permission table", () => {
  it.each([
    ["registrar", "person.write", true],
    ["registrar", "audit.read", false],
    ["auditor", "audit.read", true],
    ["auditor", "person.read", false],
    ["investigator", "network.read", true],
    ["caseworker", "network.read", false],
    ["border_officer", "border.decide", true],
    ["analyst", "border.decide", false],
    ["analyst", "flows.import", true],
  ] as const)("%s holds %s: %s", (role, permission, expected) => {
    expect(resolveRoles([role]).permissions.has(permission)).toBe(expected);
  });

  it("keeps the network and protection data apart: no role holds both", () => {
    for (const [role, def] of Object.entries(ROLE_TABLE)) {
      const both = def.permissions.includes("network.read") && def.permissions.includes("protection.read");
      expect(both, role).toBe(false);
    }
  });

  it("gives everyone token.self, and only a nation's administrator service.grant", () => {
    for (const role of Role.options) expect(ROLE_TABLE[role].permissions, role).toContain("token.self");
    expect(Role.options.filter((r) => ROLE_TABLE[r].permissions.includes("service.grant"))).toEqual([
      "nation_admin",
    ]);
  });

  it("grants the widest reach of several roles", () => {
    expect(resolveRoles(["caseworker"]).reach).toBe("own");
    expect(resolveRoles(["caseworker", "registrar"]).reach).toBe("office");
    expect(resolveRoles(["caseworker", "analyst"]).reach).toBe("nation");
  });

  it("answers a batch check with the allowed subset only", () => {
    expect(allowedSubset(["registrar"], ["person.read", "audit.read", "case.write"])).toEqual([
      "person.read",
      "case.write",
    ]);
  });

  it("uses only known permissions", () => {
    for (const def of Object.values(ROLE_TABLE))
      for (const p of def.permissions) expect(PERMISSIONS).toContain(p);
  });
});

describe("separation of duties", () => {
  it("names known permissions, each pair once", () => {
    const ids = SEPARATION_OF_DUTIES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of SEPARATION_OF_DUTIES) {
      expect(PERMISSIONS).toContain(c.acts);
      expect(PERMISSIONS).toContain(c.checks);
      expect(c.acts).not.toBe(c.checks);
    }
  });

  it("is never broken by one role alone", () => {
    for (const role of Role.options) expect(dutyConflicts([role]), role).toEqual([]);
  });

  it.each<[Role[], string[]]>([
    [
      ["investigator", "protection_officer"],
      ["network-legal-basis", "network-protection-wall"],
    ],
    [["investigator", "caseworker"], ["network-protection-wall"]],
    [["investigator", "registrar"], ["network-subject-export"]],
    [["investigator", "nation_admin"], ["network-subject-export"]],
    [["border_officer", "nation_admin"], ["border-decision-approval"]],
    [["border_officer", "caseworker"], []],
    [["investigator", "analyst"], []],
    [["registrar", "caseworker", "pathway_officer"], []],
    [["nation_admin", "auditor"], []],
  ])("%j conflicts on %j", (roles, ids) => {
    expect(dutyConflicts(roles).map((c) => c.conflict.id)).toEqual(ids);
  });

  it("names the roles on each side of a conflict", () => {
    const [found] = dutyConflicts(["caseworker", "registrar", "investigator"]);
    expect(found).toMatchObject({ acting: ["investigator"], checking: ["caseworker"] });
  });

  it("answers a conflict as 409 and a role of another kind of tenant as 400", () => {
    expect(() => assertAssignableRoles(false, ["border_officer", "nation_admin"])).toThrow(
      expect.objectContaining({ code: "CONFLICT" }),
    );
    expect(() => assertAssignableRoles(true, ["caseworker"])).toThrow(
      expect.objectContaining({ code: "BAD_INPUT" }),
    );
    expect(() => assertAssignableRoles(false, ["regional_admin"])).toThrow(
      expect.objectContaining({ code: "BAD_INPUT" }),
    );
  });
});

describe("roles per kind of tenant", () => {
  it("gives the secretariat its regional roles only (the scope strips what they share with nations)", () => {
    expect(rolesForTenant(true)).toEqual(["analyst", "regional_admin", "auditor"]);
    const access = effectiveAccess({ regional: true, roles: rolesForTenant(true) });
    expect([...access.permissions].filter((p) => PERSONAL_DATA_PERMISSIONS.has(p))).toEqual([]);
  });

  it.each<[boolean, Role[], Role[]]>([
    [true, ["caseworker", "analyst", "border_officer"], ["caseworker", "border_officer"]],
    [true, ["regional_admin", "auditor"], []],
    [false, ["regional_admin", "analyst"], ["regional_admin"]],
    [false, ["nation_admin", "investigator"], []],
  ])("regional %s: %j has %j outside the tenant", (regional, roles, outside) => {
    expect(rolesOutsideTenant(regional, roles)).toEqual(outside);
  });

  it("keeps the demo accounts within every rule", () => {
    for (const a of demoAccounts())
      expect(() => assertAssignableRoles(a.nation === "REG", [a.role]), a.email).not.toThrow();
  });
});

describe("what role rows really give", () => {
  it("drops the secretariat's non-regional roles and every personal-data permission, whatever the rows say", () => {
    const access = effectiveAccess({ regional: true, roles: ["caseworker", "investigator", "analyst"] });
    expect(access.roles).toEqual(["analyst"]);
    expect([...access.permissions].filter((p) => PERSONAL_DATA_PERMISSIONS.has(p))).toEqual([]);
    expect(access.permissions.has("flows.import")).toBe(true);
  });

  it("gives a service account personal data only through granted roles, and no token.self", () => {
    const plain = effectiveAccess({ regional: false, roles: ["analyst", "registrar"], kind: "service" });
    expect(plain.permissions.has("flows.import")).toBe(true);
    expect(plain.permissions.has("border.read")).toBe(false);
    expect(plain.permissions.has("person.read")).toBe(false);
    expect(plain.permissions.has("token.self")).toBe(false);
    const granted = effectiveAccess({
      regional: false,
      roles: ["analyst", "registrar"],
      kind: "service",
      grantedRoles: ["registrar"],
    });
    expect(granted.permissions.has("person.read")).toBe(true);
    expect(granted.permissions.has("border.read")).toBe(false);
  });

  it("leaves a person's roles as they are", () => {
    const access = effectiveAccess({ regional: false, roles: ["caseworker"], kind: "person" });
    expect([...access.permissions].sort()).toEqual([...resolveRoles(["caseworker"]).permissions].sort());
  });
});
