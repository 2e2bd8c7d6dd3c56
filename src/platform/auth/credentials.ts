import { createHash, randomBytes } from "node:crypto";

/** A secret shown once to its holder; only its hash is stored. It names its tenant so lookups stay scoped. */
export interface IssuedSecret {
  secret: string;
  hash: string;
}

/** SHA-256 of a presented secret, as stored. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A new session cookie value: `<TENANT>.<random>`. */
export function issueSessionSecret(tenantId: string): IssuedSecret {
  const secret = `${tenantId}.${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashSecret(secret) };
}

/** A new API token: `hm_<TENANT>_<random>`. */
export function issueApiToken(tenantId: string): IssuedSecret {
  const secret = `hm_${tenantId}_${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashSecret(secret) };
}

/** The tenant a presented session value or token claims, or undefined when it is malformed. */
export function tenantOfSecret(secret: string): string | undefined {
  const session = /^([A-Z]{3})\.[A-Za-z0-9_-]{43}$/.exec(secret);
  if (session) return session[1];
  const token = /^hm_([A-Z]{3})_[A-Za-z0-9_-]{43}$/.exec(secret);
  return token?.[1];
}

/** A random token for CSRF protection. */
export function newCsrfToken(): string {
  return randomBytes(24).toString("base64url");
}
