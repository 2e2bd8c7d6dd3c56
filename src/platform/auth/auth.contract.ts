import { z } from "zod";
import { text } from "../contract/primitives.contract.ts";

/** Roles of the people who use Hemisphere; the permission table maps each to what it may do. */
export const Role = z.enum([
  "registrar",
  "caseworker",
  "pathway_officer",
  "border_officer",
  "protection_officer",
  "investigator",
  "analyst",
  "nation_admin",
  "regional_admin",
  "auditor",
]);
export type Role = z.infer<typeof Role>;

/** ISO 3166 alpha-3 code of a nation, or REG for the regional secretariat. */
export const NationCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "expected an ISO 3166 alpha-3 code such as MEX, or REG");

export const LoginRequest = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: text(1, 512),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  nation: NationCode,
  nationName: z.string(),
  office: z.string().nullable(),
  roles: z.array(Role),
  permissions: z.array(z.string()),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** What login and `GET /auth/me` answer: the user and the CSRF token to echo in `x-csrf-token`. */
export const SessionResponse = z.object({ user: SessionUser, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof SessionResponse>;

export const Nation = z.object({
  code: NationCode,
  name: z.string(),
  kind: z.enum(["nation", "secretariat"]),
  joinedOn: z.string().nullable(),
});
export type Nation = z.infer<typeof Nation>;
export const NationList = z.object({ nations: z.array(Nation) });

/** The one JSON error shape every route answers with. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Header the web sends on every state-changing request, echoing the session's CSRF token. */
export const CSRF_HEADER = "x-csrf-token";
/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = "hemisphere_session";
