import { refusal } from "../../shared/refusal.ts";
import { AppError } from "../errors.ts";
import { Role } from "./auth.contract.ts";
import {
  dutyConflicts,
  PERSONAL_DATA_PERMISSIONS,
  type Permission,
  ROLE_TABLE,
  rolesOutsideTenant,
} from "./permissions.ts";

/** The roles a tenant of this kind may give its users. */
export function rolesForTenant(regional: boolean): Role[] {
  return Role.options.filter((r) => rolesOutsideTenant(regional, [r]).length === 0);
}

/**
 * Refuses roles a user of the tenant may not hold together: a role of another kind of tenant is bad input
 * (the secretariat holds regional roles only; regional roles stay in the secretariat), and roles that would
 * hand one person both sides of a duty are a conflict naming that duty.
 */
export function assertAssignableRoles(regional: boolean, roles: readonly Role[]): void {
  const outside = rolesOutsideTenant(regional, roles);
  if (outside.length > 0) {
    const message = regional
      ? `the regional secretariat's users hold only ${rolesForTenant(true).join(", ")}; not ${outside.join(", ")}`
      : `${outside.join(", ")} belongs to the regional secretariat only`;
    throw new AppError("BAD_INPUT", message, { field: "roles", roles: outside });
  }
  const [found] = dutyConflicts(roles);
  if (!found) return;
  const { conflict, acting, checking } = found;
  const who = [...new Set([...acting, ...checking])].join(" and ");
  throw new AppError(
    "CONFLICT",
    `${who} cannot go to one person: they could ${conflict.risk} (${conflict.acts} with ${conflict.checks})`,
    {
      ...refusal("duty_conflict", { acting: acting.join(","), checking: checking.join(",") }),
      field: "roles",
      conflict: conflict.id,
      acts: conflict.acts,
      checks: conflict.checks,
      actingRoles: acting,
      checkingRoles: checking,
    },
  );
}

/** The personal-data permissions a role carries: what a service account holds only once the role is granted. */
export function personalDataOf(role: Role): Permission[] {
  return ROLE_TABLE[role].permissions.filter((p) => PERSONAL_DATA_PERMISSIONS.has(p));
}
