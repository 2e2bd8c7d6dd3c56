import { z } from "zod";
import { text, trimmedText } from "../contract/primitives.contract.ts";
import { Role } from "./auth.contract.ts";

export const UserKind = z.enum(["person", "service"]);

export const UserView = z.object({
  id: z.string(),
  /** A person's sign-in e-mail; a service account shows as `service:<name>`. */
  email: z.string(),
  displayName: z.string(),
  kind: UserKind,
  officeId: z.string().nullable(),
  roles: z.array(Role),
  /** A service account's roles granted for personal data (always empty for a person). */
  personalDataGrants: z.array(Role),
  disabled: z.boolean(),
});
export const UserList = z.object({ users: z.array(UserView) });

const roleList = z.array(Role).min(1).max(9);

export const UserCreate = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: trimmedText(1, 200),
  password: text(12, 512).optional(),
  roles: roleList,
  officeId: trimmedText(1, 64).nullable().optional(),
});

/** The whole new set of roles of a user (checked for the tenant and for separation of duties). */
export const RolesChange = z.strictObject({ roles: roleList });

/** A service account's name: lower-case letters, digits and hyphens, unique in its nation. */
export const ServiceAccountName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "use 2 to 63 lower-case letters, digits or hyphens, e.g. flows-import");

export const ServiceAccountCreate = z.strictObject({
  name: ServiceAccountName,
  displayName: trimmedText(1, 200),
  roles: roleList,
});

/** An explicit grant of one role's personal-data permissions to a service account, with the reason. */
export const GrantCreate = z.strictObject({
  role: Role,
  reason: trimmedText(10, 500),
});
export const GrantParam = z.object({ id: z.string().uuid(), role: Role });

/** A token for oneself: no user to name, a token always acts as the one who asks for it. */
export const TokenCreate = z.strictObject({
  name: trimmedText(1, 100),
  expiresInDays: z.number().int().min(1).max(366).nullable().default(90),
});
export const TokenCreated = z.object({ id: z.string(), token: z.string(), expiresAt: z.string().nullable() });
export const TokenView = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const TokenList = z.object({ tokens: z.array(TokenView) });
export const IdParam = z.object({ id: z.string().uuid() });
export const UserTokenParam = z.object({ id: z.string().uuid(), tokenId: z.string().uuid() });
