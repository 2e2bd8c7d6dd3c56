import type { Role } from "./auth.contract.ts";

/** Every permission in the system, a closed union; each route declares the one it needs. */
export const PERMISSIONS = [
  "nation.read",
  "user.manage",
  "token.self",
  "token.manage",
  "service.grant",
  "audit.read",
  "agreement.read",
  "agreement.manage",
  "flows.read",
  "flows.import",
  "flows.publish",
  "person.read",
  "person.write",
  "person.merge",
  "person.erase",
  "person.export",
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
  "protection.decide",
  "keys.rotate",
  "retention.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** How far a role's reach goes inside its nation: its own records, its office's, or the whole nation's. */
export type Reach = "own" | "office" | "nation";

/** Which tenants' users may hold a role: a nation's, the secretariat's (REG), or both. */
export type RoleHolders = "nation" | "secretariat" | "both";

interface RoleDefinition {
  reach: Reach;
  holders: RoleHolders;
  permissions: readonly Permission[];
}

// What every role may do: read the reference data, and issue API tokens that act as oneself.
const everyone: Permission[] = ["nation.read", "flows.read", "pathway.read", "token.self"];

/**
 * Permissions that read, change or hand out personal data of the people the nations serve. The secretariat
 * never holds them, whatever its rows say; a service account holds them only through an explicit grant.
 */
export const PERSONAL_DATA_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  "person.read",
  "person.write",
  "person.merge",
  "person.erase",
  "person.export",
  "case.read",
  "case.write",
  "case.assign",
  "case.refer",
  "consent.manage",
  "crossmatch.query",
  "referral.decide",
  "identity.run",
  "application.read",
  "application.decide",
  "appointment.manage",
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
  "protection.decide",
  "service.grant",
]);

/** The one table that maps roles to permissions and reach. */
export const ROLE_TABLE: Record<Role, RoleDefinition> = {
  registrar: {
    reach: "office",
    holders: "nation",
    permissions: [
      ...everyone,
      "person.read",
      "person.write",
      "case.read",
      "case.write",
      "consent.manage",
      "identity.run",
      "person.erase",
      "person.export",
    ],
  },
  caseworker: {
    reach: "own",
    holders: "nation",
    permissions: [
      ...everyone,
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
    holders: "nation",
    permissions: [
      ...everyone,
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
    holders: "nation",
    permissions: [
      ...everyone,
      "person.read",
      "border.read",
      "border.record",
      "border.decide",
      "crossmatch.query",
    ],
  },
  protection_officer: {
    reach: "nation",
    holders: "nation",
    permissions: [...everyone, "person.read", "protection.read", "protection.decide"],
  },
  investigator: {
    reach: "nation",
    holders: "nation",
    permissions: [...everyone, "network.read", "network.write", "network.export"],
  },
  analyst: {
    reach: "nation",
    holders: "both",
    permissions: [...everyone, "flows.import", "placement.read", "border.read"],
  },
  nation_admin: {
    reach: "nation",
    holders: "nation",
    permissions: [
      ...everyone,
      "user.manage",
      "token.manage",
      "service.grant",
      "flows.import",
      "flows.publish",
      "pathway.manage",
      "referral.decide",
      "verification.answer",
      "border.approve",
      "case.assign",
      "person.merge",
      "person.erase",
      "person.export",
      "agreement.read",
      "agreement.manage",
      "retention.manage",
    ],
  },
  regional_admin: {
    reach: "nation",
    holders: "secretariat",
    permissions: [
      ...everyone,
      "user.manage",
      "token.manage",
      "flows.import",
      "flows.publish",
      "placement.read",
      "placement.run",
      "agreement.read",
      "agreement.manage",
    ],
  },
  auditor: {
    reach: "nation",
    holders: "both",
    permissions: [...everyone, "audit.read", "agreement.read"],
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

/**
 * Two duties one person must never hold together: one side acts, the other checks that action (asks and
 * approves, decides and supervises, investigates and guards). Checked whenever roles are given to someone, so
 * no account ever holds both sides; the decisions themselves also refuse the person who asked.
 * A new role is covered by what its permissions are; a new pair of duties is one more line here.
 */
export interface DutyConflict {
  id: string;
  acts: Permission;
  checks: Permission;
  /** What one person holding both could do alone. */
  risk: string;
}

/** The one table of conflicting duties. */
export const SEPARATION_OF_DUTIES: readonly DutyConflict[] = [
  {
    id: "network-legal-basis",
    acts: "network.write",
    checks: "protection.decide",
    risk: "ask for a legal basis to open a victim's protected case and approve that request",
  },
  {
    id: "network-protection-wall",
    acts: "network.read",
    checks: "protection.read",
    risk: "read victims' protection records inside network analysis with no legal basis at all",
  },
  {
    id: "network-subject-export",
    acts: "network.read",
    checks: "person.export",
    risk: "read a person's protection record through their complete export while analysing networks",
  },
  {
    id: "border-decision-approval",
    acts: "border.decide",
    checks: "border.approve",
    risk: "decide a border disposition and approve it as the supervisor",
  },
];

/** A conflict a set of roles would create, with the roles that bring each side. */
export interface RoleConflict {
  conflict: DutyConflict;
  acting: Role[];
  checking: Role[];
}

/** Every duty conflict the roles would hand one person (none for an allowed set). */
export function dutyConflicts(roles: readonly Role[]): RoleConflict[] {
  const holding = (p: Permission) => roles.filter((r) => ROLE_TABLE[r].permissions.includes(p));
  return SEPARATION_OF_DUTIES.flatMap((conflict) => {
    const acting = holding(conflict.acts);
    const checking = holding(conflict.checks);
    return acting.length > 0 && checking.length > 0 ? [{ conflict, acting, checking }] : [];
  });
}

/** Roles that users of this kind of tenant may not hold. */
export function rolesOutsideTenant(regional: boolean, roles: readonly Role[]): Role[] {
  const holders: RoleHolders = regional ? "secretariat" : "nation";
  return roles.filter((r) => ROLE_TABLE[r].holders !== "both" && ROLE_TABLE[r].holders !== holders);
}
