import type { Role } from "./auth.contract.ts";
import type { UserKind } from "./auth.schema.ts";
import {
  PERSONAL_DATA_PERMISSIONS,
  type Permission,
  type Reach,
  ROLE_TABLE,
  resolveRoles,
  rolesOutsideTenant,
} from "./permissions.ts";

/** The secretariat's tenant id. */
export const REGIONAL_TENANT = "REG";

/**
 * Who is acting and how far they may reach. Every store function takes a Scope first and applies it in SQL;
 * row-level security repeats the tenant part in the database.
 */
export interface Scope {
  tenantId: string;
  userId: string | null;
  /** What the audit log shows as the actor: an e-mail, a token name, or `system:<command>`. */
  actorLabel: string;
  officeId: string | null;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  reach: Reach;
  /** True for the secretariat: aggregates across nations, personal records only through grants. */
  regional: boolean;
  requestId: string | null;
}

/**
 * What a user's role rows really give them, whatever the rows say: roles their kind of tenant may not hold are
 * dropped; the secretariat holds no personal-data permission; a service account holds the personal-data
 * permissions of explicitly granted roles only, and never issues tokens for itself.
 */
export function effectiveAccess(input: {
  regional: boolean;
  roles: readonly Role[];
  kind?: UserKind;
  grantedRoles?: readonly Role[];
}): { roles: Role[]; permissions: Set<Permission>; reach: Reach } {
  const outside = new Set(rolesOutsideTenant(input.regional, input.roles));
  const roles = input.roles.filter((r) => !outside.has(r));
  const service = input.kind === "service";
  const permissions = new Set<Permission>();
  for (const role of roles) {
    const granted = !service || (input.grantedRoles ?? []).includes(role);
    for (const p of ROLE_TABLE[role].permissions) {
      if (PERSONAL_DATA_PERMISSIONS.has(p) && (input.regional || !granted)) continue;
      if (p === "token.self" && service) continue;
      permissions.add(p);
    }
  }
  return { roles, permissions, reach: resolveRoles(roles).reach };
}

/** Builds the scope of a signed-in user (or a token's holder) from their role rows. */
export function userScope(input: {
  tenantId: string;
  userId: string;
  actorLabel: string;
  officeId: string | null;
  roles: readonly Role[];
  kind?: UserKind;
  grantedRoles?: readonly Role[];
  requestId?: string | null;
}): Scope {
  const regional = input.tenantId === REGIONAL_TENANT;
  const { roles, permissions, reach } = effectiveAccess({ ...input, regional });
  return {
    tenantId: input.tenantId,
    userId: input.userId,
    actorLabel: input.actorLabel,
    officeId: input.officeId,
    roles,
    permissions,
    reach,
    regional,
    requestId: input.requestId ?? null,
  };
}

/**
 * A scope for an operator command run on the machine (CLI, seeding): one tenant, the given roles (by default
 * the tenant's administrator), no user. The same tenant rules apply as to users.
 */
export function systemScope(tenantId: string, command: string, asked?: readonly Role[]): Scope {
  const regional = tenantId === REGIONAL_TENANT;
  const fallback: Role[] = [regional ? "regional_admin" : "nation_admin"];
  const { roles, permissions, reach } = effectiveAccess({ regional, roles: asked ?? fallback });
  return {
    tenantId,
    userId: null,
    actorLabel: `system:${command}`,
    officeId: null,
    roles,
    permissions,
    reach,
    regional,
    requestId: null,
  };
}

/** True when the scope holds the permission. */
export function can(scope: Scope, permission: Permission): boolean {
  return scope.permissions.has(permission);
}
