import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/harness.ts";
import { AppError } from "../errors.ts";
import { verifyPassword } from "./passwords.ts";
import { systemScope } from "./scope.ts";
import { createSessionsService } from "./sessions.service.ts";
import { purgeExpiredAttempts } from "./sign-in-attempts.store.ts";
import { SIGN_IN_LIMITS } from "./sign-in-throttle.ts";

// The throttle on the real database (PGlite, or PostgreSQL with TEST_DATABASE_URL), with a clock the tests
// move and a password check that counts how often it runs.

let t: TestApp;
const password = "correct horse battery staple";
let now = Date.UTC(2025, 0, 6, 9, 0, 0);
let checks = 0;
let sessions: ReturnType<typeof createSessionsService>;
// The same rules with a small address limit, so that reaching it takes a few password hashes, not fifty.
const tightLimits = { ...SIGN_IN_LIMITS, address: { attempts: 4, windowSeconds: 900 } };
let tight: ReturnType<typeof createSessionsService>;

beforeAll(async () => {
  t = await startTestApp();
  const options = {
    clock: () => now,
    verify: (pw: string, stored: string) => {
      checks++;
      return verifyPassword(pw, stored);
    },
  };
  sessions = createSessionsService(t.database, t.app.platform.keyring, options);
  tight = createSessionsService(t.database, t.app.platform.keyring, { ...options, limits: tightLimits });
});
afterAll(async () => {
  await t.close();
});

async function person(email: string) {
  await t.app.platform.users.createUser(systemScope("COL", "test"), {
    email,
    displayName: "Someone",
    password,
    roles: ["analyst"],
  });
  return email;
}

type Outcome = "in" | "wrong" | { wait: number };
async function attempt(email: string, pw: string, client: string, service = sessions): Promise<Outcome> {
  try {
    await service.login({ email, password: pw, client, requestId: null });
    return "in";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "UNAUTHENTICATED") return "wrong";
    expect(error.code).toBe("RATE_LIMITED");
    return { wait: (error.details as { retryAfterSeconds: number }).retryAfterSeconds };
  }
}

describe("sign-in attempts counted in the database", () => {
  it("lets only the free attempts of 60 concurrent wrong passwords reach the password check", async () => {
    const email = await person("concurrent@col.test");
    checks = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(email, `guess ${i}`, "203.0.113.20")),
    );
    expect(checks).toBe(SIGN_IN_LIMITS.account.freeAttempts);
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(SIGN_IN_LIMITS.account.freeAttempts);
    expect(outcomes.filter((o) => typeof o === "object")).toHaveLength(
      60 - SIGN_IN_LIMITS.account.freeAttempts,
    );
  });

  it("keeps the owner in while someone elsewhere guesses without pause", async () => {
    const email = await person("owner@col.test");
    const start = now;
    checks = 0;
    // Ten minutes of an attacker at one address trying the moment each wait ends.
    let nextTry = now;
    while (now < start + 600_000) {
      if (now >= nextTry) {
        const o = await attempt(email, "a guess", "203.0.113.21");
        nextTry = typeof o === "object" ? now + o.wait * 1000 : now;
      }
      now += 500;
    }
    expect(checks).toBeLessThanOrEqual(SIGN_IN_LIMITS.accountAtAddress.attempts);
    const first = await attempt(email, password, "198.51.100.30");
    if (first !== "in") {
      expect(typeof first).toBe("object");
      const wait = (first as { wait: number }).wait;
      expect(wait).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.maxDelaySeconds);
      now += wait * 1000;
      expect(await attempt(email, password, "198.51.100.30")).toBe("in");
    }
  });

  it("bounds the wait a botnet can force on an account, and a success starts it afresh", async () => {
    const email = await person("popular@col.test");
    for (let i = 0; i < 12; i++) {
      let o = await attempt(email, "a guess", `192.0.2.${i}`);
      while (typeof o === "object") {
        now += o.wait * 1000;
        o = await attempt(email, "a guess", `192.0.2.${i}`);
      }
    }
    const refused = await attempt(email, password, "198.51.100.31");
    expect(refused).toEqual({ wait: expect.any(Number) });
    expect((refused as { wait: number }).wait).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.maxDelaySeconds);
    now += SIGN_IN_LIMITS.account.maxDelaySeconds * 1000;
    expect(await attempt(email, password, "198.51.100.31")).toBe("in");
    expect(await attempt(email, "one slip", "198.51.100.31")).toBe("wrong");
    expect(await attempt(email, password, "198.51.100.31")).toBe("in");
  });

  it("stops an address spraying one password over many accounts, not the accounts' owners", async () => {
    const emails = await Promise.all([1, 2].map((i) => person(`sprayed${i}@col.test`)));
    const outcomes: Outcome[] = [];
    for (let i = 0; i < tightLimits.address.attempts + 3; i++)
      outcomes.push(await attempt(`nobody${i}@col.test`, "Summer2025!", "203.0.113.22", tight));
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(tightLimits.address.attempts);
    expect(await attempt(emails[0] as string, password, "203.0.113.22", tight)).toEqual({
      wait: expect.any(Number),
    });
    for (const email of emails) expect(await attempt(email, password, "198.51.100.32", tight)).toBe("in");
  });

  it("gives a successful sign-in its attempt back, so an office behind one address is not blocked", async () => {
    const emails = await Promise.all([1, 2].map((i) => person(`office${i}@col.test`)));
    expect(await attempt(emails[0] as string, "one slip", "198.51.100.33", tight)).toBe("wrong");
    for (let round = 0; round < tightLimits.address.attempts; round++)
      for (const email of emails) expect(await attempt(email, password, "198.51.100.33", tight)).toBe("in");
  });

  it("stores neither e-mail addresses nor client addresses, and purges counters that ran out", async () => {
    const rows = await t.database.asOwner((tx) => tx.selectFrom("sign_in_attempts").selectAll().execute());
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("col.test");
    expect(text).not.toContain("203.0.113");
    const purged = await purgeExpiredAttempts(t.app.platform.database.db, now + 2 * 3600_000);
    expect(purged).toBe(rows.length);
    const left = await t.database.asOwner((tx) => tx.selectFrom("sign_in_attempts").select("key").execute());
    expect(left).toEqual([]);
  });
});
