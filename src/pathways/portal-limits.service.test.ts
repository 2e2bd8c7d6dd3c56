import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/harness.ts";
import type { Database } from "../platform/db/connect.ts";
import { createBotCheck, leadingZeroBits, proofDigest, solveChallenge } from "./bot-check.codec.ts";
import { botCheckSecret, challengeLedger, createRequestLimit } from "./portal-limits.service.ts";

// Two server processes are two sets of these objects over one database: what one counts or spends, the other
// sees. Each test builds both "processes" from the same index key, as two processes of one deployment do.

let database: Database;
let drop: () => Promise<void>;
const indexKey = randomBytes(32);
const options = { difficulty: 4, ttlMs: 60_000 };

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database.close();
  await drop();
});

const processWith = (key: Buffer) =>
  createBotCheck(options, botCheckSecret(key), challengeLedger(database.db, key));

describe("portal limits shared by every server process", () => {
  it("verifies at one process a challenge issued at another, and spends it once for both", async () => {
    const [first, second] = [processWith(indexKey), processWith(indexKey)];
    const now = Date.now();
    const { token } = first.issue(now);
    const nonce = solveChallenge(token, options.difficulty);
    expect(await second.verify(token, nonce, now)).toEqual({ ok: true });
    expect(await first.verify(token, nonce, now)).toEqual({ ok: false, why: "challenge already used" });
    expect(await second.verify(token, nonce, now)).toEqual({ ok: false, why: "challenge already used" });
  });

  it("refuses a challenge signed with another deployment's key, and spends nothing on a failed check", async () => {
    const stranger = processWith(randomBytes(32));
    const ours = processWith(indexKey);
    const now = Date.now();
    const foreign = stranger.issue(now).token;
    expect(await ours.verify(foreign, solveChallenge(foreign, 4), now)).toEqual({
      ok: false,
      why: "challenge not issued here",
    });
    const { token } = ours.issue(now);
    expect((await ours.verify(token, solveChallenge(token, 4), now + 120_000)).ok).toBe(false);
    let n = 0;
    while (leadingZeroBits(proofDigest(token, String(n))) >= options.difficulty) n++;
    const weak = String(n);
    expect(await ours.verify(token, weak, now)).toEqual({
      ok: false,
      why: "the work does not meet the difficulty",
    });
    expect(await ours.verify(token, solveChallenge(token, 4), now)).toEqual({ ok: true });
  });

  it("counts one client's requests once across processes, per limit, and says how long to wait", async () => {
    const a = createRequestLimit(database.db, indexKey, "reads-test", 3, 60_000);
    const b = createRequestLimit(database.db, indexKey, "reads-test", 3, 60_000);
    const other = createRequestLimit(database.db, indexKey, "applies-test", 1, 60_000);
    const now = Math.floor(Date.now() / 60_000) * 60_000 + 10_000; // 10 s into a window
    const waits = [
      await a.hit("203.0.113.7", now),
      await b.hit("203.0.113.7", now),
      await a.hit("203.0.113.7", now),
      await b.hit("203.0.113.7", now),
    ];
    expect(waits).toEqual([0, 0, 0, 50]);
    expect(await a.hit("198.51.100.1", now)).toBe(0);
    expect(await other.hit("203.0.113.7", now)).toBe(0);
    expect(await a.hit("203.0.113.7", now + 60_000)).toBe(0);
  });

  it("stores neither a client address nor a challenge in clear", async () => {
    const rows = await database.db.selectFrom("pathway_portal_request_windows").select("key").execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    const spent = await database.db
      .selectFrom("pathway_portal_spent_challenges")
      .select("challenge_hash")
      .execute();
    for (const row of spent) expect(row.challenge_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
