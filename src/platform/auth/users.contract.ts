import { z } from "zod";
import { Role } from "./auth.contract.ts";

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  officeId: z.string().nullable(),
  roles: z.array(Role),
  disabled: z.boolean(),
});
export const UserList = z.object({ users: z.array(UserView) });

export const UserCreate = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(12).max(512).optional(),
  roles: z.array(Role).min(1).max(9),
  officeId: z.string().trim().min(1).max(64).nullable().optional(),
});

export const TokenCreate = z.object({
  userId: z.string().uuid(),
  name: z.string().trim().min(1).max(100),
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
