import type { Db } from "../platform/db/connect.ts";
import "./pathways.schema.ts";

// SQL of the portal's shared limits: per-client request windows and spent bot-check challenges. Rows are keyed
// by keyed hashes; every server process reads and writes the same rows, so a limit holds across processes.

/** Counts one request under `key` in the window starting at `windowStart`; the requests in it so far. */
export async function countRequest(db: Db, key: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto("pathway_portal_request_windows")
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc
        .columns(["key", "window_start"])
        .doUpdateSet((eb) => ({ hits: eb("pathway_portal_request_windows.hits", "+", 1) })),
    )
    .returning("hits")
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

/** Forgets the windows that started before `before`. */
export async function forgetWindows(db: Db, before: Date): Promise<void> {
  await db.deleteFrom("pathway_portal_request_windows").where("window_start", "<", before).execute();
}

/** Spends a challenge: true the first time, false when it was spent already (by any process). */
export async function spendChallenge(db: Db, challengeHash: string, expiresAt: Date): Promise<boolean> {
  const rows = await db
    .insertInto("pathway_portal_spent_challenges")
    .values({ challenge_hash: challengeHash, expires_at: expiresAt })
    .onConflict((oc) => oc.column("challenge_hash").doNothing())
    .returning("challenge_hash")
    .execute();
  return rows.length === 1;
}

/** Forgets spent challenges that have expired: they would be refused as expired anyway. */
export async function forgetSpentChallenges(db: Db, now: Date): Promise<void> {
  await db.deleteFrom("pathway_portal_spent_challenges").where("expires_at", "<", now).execute();
}
