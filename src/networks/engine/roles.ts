import { type EntityRole, entityRoles } from "../networks.contract.ts";

/**
 * Roles in compact form, one byte per node: 0 unknown (the default every entity starts with), then suspect, client
 * and victim. The order is fixed: stored graphs and tests rely on `unknown` being 0.
 */
export const roleCodes: readonly EntityRole[] = ["unknown", "suspect", "client", "victim"];

const codeOf = new Map(roleCodes.map((r, i) => [r, i]));

/** The byte standing for a role. */
export function roleCode(role: EntityRole): number {
  return codeOf.get(role) ?? 0;
}

/** The role a byte stands for (an unknown byte reads as `unknown`). */
export function roleOfCode(code: number): EntityRole {
  return roleCodes[code] ?? "unknown";
}

/** Reads a role as written in a file or a form (any case, spaces around); undefined when it is none of the four. */
export function parseRole(text: string): EntityRole | undefined {
  const cleaned = text.trim().toLowerCase();
  return (entityRoles as readonly string[]).includes(cleaned) ? (cleaned as EntityRole) : undefined;
}

/** The message for a value that is not a role. */
export function notARole(text: string): string {
  return `"${text}" is not a role (use ${entityRoles.join(", ")}, or leave it empty)`;
}

/**
 * Whether an entity of this role may be named a key actor or listed among a network's suspects: suspects, and
 * those nobody has decided on yet. Victims and clients are the people a ring moved or exploited, never its actors.
 */
export function mayBeActor(role: EntityRole): boolean {
  return role === "suspect" || role === "unknown";
}
