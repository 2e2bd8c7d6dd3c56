import { describe, expect, it } from "vitest";
import { allowedSubset, PERMISSIONS, ROLE_TABLE, resolveRoles } from "./permissions.ts";

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
