import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Role } from "../src/platform/auth/auth.contract.ts";
import { PERMISSIONS, ROLE_TABLE, resolveRoles } from "../src/platform/auth/permissions.ts";
import { rolesForTenant } from "../src/platform/auth/role-assignment.ts";
import { CAPABILITIES, CAPABILITY_ACCESS, canOpen, capabilitiesFor } from "../web/src/pages/capabilities.ts";
import { rolesOffered } from "../web/src/pages/users/roles-offered.ts";

// The web's table of who opens which section must stay in step with the server's ROLE_TABLE.

const known = new Set<string>(PERMISSIONS);

describe("the navigation's access table", () => {
  it("names only permissions the server knows, and every section is open to at least one role", () => {
    for (const capability of CAPABILITIES) {
      const needs = CAPABILITY_ACCESS[capability];
      expect(needs.length, capability).toBeGreaterThan(0);
      for (const permission of needs)
        expect(known.has(permission), `${capability}: ${permission}`).toBe(true);
      const holders = Role.options.filter((role) =>
        canOpen(capability, [...resolveRoles([role]).permissions]),
      );
      expect(holders.length, `no role opens ${capability}`).toBeGreaterThan(0);
    }
  });

  it("every needed permission is held by some role (none is dead weight)", () => {
    for (const capability of CAPABILITIES)
      for (const permission of CAPABILITY_ACCESS[capability])
        expect(
          Role.options.some((role) =>
            (ROLE_TABLE[role].permissions as readonly string[]).includes(permission),
          ),
          `${capability}: ${permission}`,
        ).toBe(true);
  });

  it("gives each role the sections it may use and hides the rest", () => {
    const sections = (role: Role) => capabilitiesFor([...resolveRoles([role]).permissions]);
    expect(sections("auditor")).toEqual(["flows", "pathways", "audit", "agreements"]);
    expect(sections("analyst")).toEqual(["flows", "pathways", "placement", "border"]);
    expect(sections("registrar")).toEqual(["flows", "registry", "identity", "pathways"]);
    expect(sections("nation_admin")).toEqual([
      "flows",
      "registry",
      "identity",
      "pathways",
      "border",
      "agreements",
      "users",
    ]);
    expect(sections("regional_admin")).toEqual(["flows", "pathways", "placement", "agreements", "users"]);
    expect(sections("investigator")).toEqual(["flows", "pathways", "networks"]);
    expect(sections("protection_officer")).toContain("networks"); // the protection side of the wall
    expect(sections("caseworker")).not.toContain("networks");
    expect(Role.options.filter((role) => sections(role).includes("audit"))).toEqual(["auditor"]);
  });
});

describe("the roles the users page offers", () => {
  it("are the roles the server lets each kind of tenant give", () => {
    expect([...rolesOffered("REG")].sort()).toEqual(rolesForTenant(true).sort());
    expect([...rolesOffered("USA")].sort()).toEqual(rolesForTenant(false).sort());
  });
});

describe("the staff app's languages", () => {
  const keys = (value: unknown, prefix = ""): string[] =>
    value && typeof value === "object"
      ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
      : [prefix];
  const read = (lang: string) =>
    JSON.parse(readFileSync(new URL(`../web/src/i18n/${lang}.json`, import.meta.url), "utf8")) as unknown;

  it("en and es carry the same keys", () => {
    expect(keys(read("es")).sort()).toEqual(keys(read("en")).sort());
  });
});
