import type { Role } from "./auth.contract.ts";
import { type Permission, type Reach, resolveRoles } from "./permissions.ts";

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

/** Builds the scope of a signed-in user from their roles. */
export function userScope(input: {
  tenantId: string;
  userId: string;
  actorLabel: string;
  officeId: string | null;
  roles: readonly Role[];
  requestId?: string | null;
}): Scope {
  const { permissions, reach } = resolveRoles(input.roles);
  return {
    tenantId: input.tenantId,
    userId: input.userId,
    actorLabel: input.actorLabel,
    officeId: input.officeId,
    roles: input.roles,
    permissions,
    reach,
    regional: input.tenantId === REGIONAL_TENANT,
    requestId: input.requestId ?? null,
  };
}

/** A scope for an operator command run on the machine (CLI): one tenant, the given roles, no user. */
export function systemScope(
  tenantId: string,
  command: string,
  roles: readonly Role[] = ["nation_admin"],
): Scope {
  const { permissions, reach } = resolveRoles(roles);
  return {
    tenantId,
    userId: null,
    actorLabel: `system:${command}`,
    officeId: null,
    roles,
    permissions,
    reach,
    regional: tenantId === REGIONAL_TENANT,
    requestId: null,
  };
}

/** True when the scope holds the permission. */
export function can(scope: Scope, permission: Permission): boolean {
  return scope.permissions.has(permission);
}
