import { createHmac } from "node:crypto";
import type { Db } from "../platform/db/connect.ts";
import { countRequest, forgetSpentChallenges, forgetWindows, spendChallenge } from "./portal-limits.store.ts";

// The portal's limits shared by every server process: fixed-window request counting per client and route
// family, and the ledger of spent bot-check challenges. Both live in the database (portal-limits.store.ts), so
// serve's processes on PostgreSQL enforce one limit, not one each. Old rows are swept now and then by whichever
// process counts.

/** How often (in counted requests of one process) old windows and expired challenges are swept. */
const SWEEP_EVERY = 500;

/** A request limit: `limit` requests per client per window of `windowMs`; 0 or less turns it off. */
export interface RequestLimit {
  /** Counts a request from `client`; 0 when allowed, otherwise the whole seconds to wait. */
  hit(client: string, now: number): Promise<number>;
}

/** Keys a value for one purpose with the nation-independent index key: nothing is stored in clear. */
function keyed(secret: Buffer, purpose: string, value: string): string {
  return createHmac("sha256", secret).update(`hemisphere.portal.${purpose}\u0000${value}`).digest("hex");
}

/** A request limit named `name` (its windows are its own), counted in the database. */
export function createRequestLimit(
  db: Db,
  secret: Buffer,
  name: string,
  limit: number,
  windowMs: number,
): RequestLimit {
  let counted = 0;
  return {
    async hit(client, now) {
      if (limit <= 0) return 0;
      const windowStart = Math.floor(now / windowMs) * windowMs;
      if (++counted % SWEEP_EVERY === 0) await forgetWindows(db, new Date(windowStart - windowMs));
      const hits = await countRequest(db, keyed(secret, `limit.${name}`, client), new Date(windowStart));
      if (hits <= limit) return 0;
      return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    },
  };
}

/** Spends a bot-check challenge in the shared ledger: true the first time anywhere, false after. */
export function challengeLedger(
  db: Db,
  secret: Buffer,
): (token: string, expiresAt: number) => Promise<boolean> {
  let spent = 0;
  return async (token, expiresAt) => {
    if (++spent % SWEEP_EVERY === 0) await forgetSpentChallenges(db, new Date());
    return spendChallenge(db, keyed(secret, "challenge", token), new Date(expiresAt));
  };
}

/** The bot check's signing secret, the same in every process that holds the nation-independent index key. */
export function botCheckSecret(secret: Buffer): Buffer {
  return createHmac("sha256", secret).update("hemisphere.portal.bot-check-signing").digest();
}
