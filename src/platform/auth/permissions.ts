import type { Role } from "./auth.contract.ts";

/** Every permission in the system, a closed union; each route declares the one it needs. */
export const PERMISSIONS = [
  "nation.read",
  "user.manage",
  "token.manage",
  "audit.read",
  "flows.read",
  "flows.import",
  "flows.publish",
  "person.read",
  "person.write",
  "person.merge",
  "case.read",
  "case.write",
  "case.assign",
  "case.refer",
  "consent.manage",
  "crossmatch.query",
  "referral.decide",
  "identity.run",
  "pathway.read",
  "pathway.manage",
  "application.read",
  "application.decide",
  "appointment.manage",
  "placement.read",
  "placement.run",
  "placement.override",
  "border.read",
  "border.record",
  "border.decide",
  "border.approve",
  "verification.answer",
  "network.read",
  "network.write",
  "network.export",
  "protection.read",
  "keys.rotate",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** How far a role's reach goes inside its nation: its own records, its office's, or the whole nation's. */
export type Reach = "own" | "office" | "nation";

interface RoleDefinition {
  reach: Reach;
  permissions: readonly Permission[];
}

const everyoneReads: Permission[] = ["nation.read", "flows.read", "pathway.read"];

/** The one table that maps roles to permissions and reach. */
export const ROLE_TABLE: Record<Role, RoleDefinition> = {
  registrar: {
    reach: "office",
    permissions: [
      ...everyoneReads,
      "person.read",
      "person.write",
      "case.read",
      "case.write",
      "consent.manage",
      "identity.run",
    ],
  },
  caseworker: {
    reach: "own",
    permissions: [
      ...everyoneReads,
      "person.read",
      "person.write",
      "case.read",
      "case.write",
      "case.refer",
      "consent.manage",
      "crossmatch.query",
      "protection.read",
      "application.read",
    ],
  },
  pathway_officer: {
    reach: "nation",
    permissions: [
      ...everyoneReads,
      "person.read",
      "pathway.manage",
      "application.read",
      "application.decide",
      "appointment.manage",
      "case.refer",
      "referral.decide",
      "placement.read",
      "placement.run",
      "placement.override",
    ],
  },
  border_officer: {
    reach: "nation",
    permissions: [
      ...everyoneReads,
      "person.read",
      "border.read",
      "border.record",
      "border.decide",
      "crossmatch.query",
    ],
  },
  investigator: {
    reach: "nation",
    permissions: [...everyoneReads, "network.read", "network.write", "network.export"],
  },
  analyst: {
    reach: "nation",
    permissions: [...everyoneReads, "flows.import", "placement.read", "border.read"],
  },
  nation_admin: {
    reach: "nation",
    permissions: [
      ...everyoneReads,
      "user.manage",
      "token.manage",
      "flows.import",
      "flows.publish",
      "pathway.manage",
      "referral.decide",
      "verification.answer",
      "border.approve",
      "case.assign",
      "person.merge",
    ],
  },
  regional_admin: {
    reach: "nation",
    permissions: [
      ...everyoneReads,
      "user.manage",
      "token.manage",
      "flows.import",
      "flows.publish",
      "placement.read",
      "placement.run",
    ],
  },
  auditor: {
    reach: "nation",
    permissions: [...everyoneReads, "audit.read"],
  },
};

const reachOrder: Reach[] = ["own", "office", "nation"];

/** The permissions and the widest reach a set of roles grants. */
export function resolveRoles(roles: readonly Role[]): { permissions: Set<Permission>; reach: Reach } {
  const permissions = new Set<Permission>();
  let reach: Reach = "own";
  for (const role of roles) {
    const definition = ROLE_TABLE[role];
    for (const p of definition.permissions) permissions.add(p);
    if (reachOrder.indexOf(definition.reach) > reachOrder.indexOf(reach)) reach = definition.reach;
  }
  return { permissions, reach };
}

/** Which of the asked permissions a set of roles holds (batch check: deny by default). */
export function allowedSubset(roles: readonly Role[], asked: readonly Permission[]): Permission[] {
  const { permissions } = resolveRoles(roles);
  return asked.filter((p) => permissions.has(p));
}
