import { createHmac } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../db/connect.ts";
import "./auth.schema.ts";
import {
  type AttemptCounter,
  type AttemptKind,
  addressBucket,
  judgeAttempt,
  type SignInLimits,
} from "./sign-in-throttle.ts";

/** One counter an attempt is made under: its kind and its keyed hash. */
export interface AttemptKey {
  kind: AttemptKind;
  key: string;
}

/** The keys of an attempt on `email` from `address`: keyed hashes, so the table holds neither in clear. */
export function attemptKeys(secret: Buffer, email: string, address: string): AttemptKey[] {
  const bucket = addressBucket(address);
  const mac = (kind: AttemptKind, value: string) => ({
    kind,
    key: createHmac("sha256", secret).update(`hemisphere.sign-in.${kind}\u0000${value}`).digest("hex"),
  });
  return [mac("account", email), mac("address", bucket), mac("account_address", `${email}\u0000${bucket}`)];
}

const ms = (value: Date | string) => new Date(value).getTime();

/**
 * Counts an attempt under all its keys in one transaction, or refuses it without counting anything. The
 * counters' rows are locked (in key order, so concurrent attempts never deadlock) while they are judged:
 * concurrent attempts on one account, from any number of server processes, queue here before any password
 * is checked, and only those the limits admit go on.
 */
export async function admitAttempt(
  db: Db,
  keys: AttemptKey[],
  now: number,
  limits: SignInLimits,
): Promise<{ admitted: true } | { admitted: false; retryAfterMs: number }> {
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto("sign_in_attempts")
      .values(
        sorted.map((k) => ({
          key: k.key,
          kind: k.kind,
          attempts: 0,
          window_started_at: new Date(now),
          last_attempt_at: new Date(now),
          expires_at: new Date(now + 3600_000),
        })),
      )
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const rows = await tx
      .selectFrom("sign_in_attempts")
      .selectAll()
      .where(
        "key",
        "in",
        sorted.map((k) => k.key),
      )
      .orderBy("key")
      .forUpdate()
      .execute();
    const counters = new Map<string, AttemptCounter>(
      rows.map((r) => [
        r.key,
        {
          attempts: r.attempts,
          windowStartedAt: ms(r.window_started_at),
          lastAttemptAt: ms(r.last_attempt_at),
        },
      ]),
    );
    const verdicts = sorted.map((k) => ({ k, v: judgeAttempt(k.kind, counters.get(k.key), now, limits) }));
    const waits = verdicts.flatMap(({ v }) => (v.admitted ? [] : [v.retryAfterMs]));
    if (waits.length > 0) return { admitted: false, retryAfterMs: Math.max(...waits) };
    const values = verdicts.flatMap(({ k, v }) =>
      v.admitted
        ? [
            sql`(${k.key}, ${v.next.attempts}::integer, ${new Date(v.next.windowStartedAt)}::timestamptz,
                 ${new Date(v.next.lastAttemptAt)}::timestamptz, ${new Date(v.expiresAt)}::timestamptz)`,
          ]
        : [],
    );
    await sql`update sign_in_attempts as s
      set attempts = v.attempts, window_started_at = v.started, last_attempt_at = v.last, expires_at = v.expires
      from (values ${sql.join(values)}) as v (key, attempts, started, last, expires)
      where s.key = v.key`.execute(tx);
    return { admitted: true };
  });
}

/** After a successful sign-in: the account starts afresh and the address gets its attempt back. */
export async function forgiveAttempt(db: Db, keys: AttemptKey[]): Promise<void> {
  const cleared = keys.filter((k) => k.kind !== "address").map((k) => k.key);
  const refunded = keys.filter((k) => k.kind === "address").map((k) => k.key);
  await db.transaction().execute(async (tx) => {
    if (cleared.length > 0) await tx.deleteFrom("sign_in_attempts").where("key", "in", cleared).execute();
    if (refunded.length > 0)
      await tx
        .updateTable("sign_in_attempts")
        .set({ attempts: sql`greatest(attempts - 1, 0)` })
        .where("key", "in", refunded)
        .execute();
  });
}

/** Deletes counters whose every limit has run out; answers how many went. */
export async function purgeExpiredAttempts(db: Db, now: number): Promise<number> {
  const result = await db
    .deleteFrom("sign_in_attempts")
    .where("expires_at", "<", new Date(now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
