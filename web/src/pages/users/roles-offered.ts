import type { Role } from "../../../../src/platform/auth/auth.contract.ts";

/** Roles the regional secretariat's users may hold (test/web-navigation.test.ts checks it against the server). */
export const SECRETARIAT_ROLES: readonly Role[] = ["analyst", "regional_admin", "auditor"];
/** Roles a nation's users may hold. */
export const NATION_ROLES: readonly Role[] = [
  "registrar",
  "caseworker",
  "pathway_officer",
  "border_officer",
  "protection_officer",
  "investigator",
  "analyst",
  "nation_admin",
  "auditor",
];

/** The roles an administrator of this tenant may give (REG is the secretariat). */
export function rolesOffered(nation: string): readonly Role[] {
  return nation === "REG" ? SECRETARIAT_ROLES : NATION_ROLES;
}
