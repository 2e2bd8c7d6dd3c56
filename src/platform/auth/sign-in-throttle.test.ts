import { describe, expect, it } from "vitest";
import {
  type AttemptCounter,
  type AttemptKind,
  accountDelayMs,
  addressBucket,
  judgeAttempt,
  retryAfterSeconds,
  SIGN_IN_LIMITS,
} from "./sign-in-throttle.ts";

const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);
const counter = (attempts: number, lastAgoMs: number, windowAgoMs = lastAgoMs): AttemptCounter => ({
  attempts,
  lastAttemptAt: T0 - lastAgoMs,
  windowStartedAt: T0 - windowAgoMs,
});

describe("progressive delay per account", () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1000],
    [6, 2000],
    [7, 4000],
    [9, 16_000],
    [10, 30_000],
    [40, 30_000],
  ])("after %i attempts the next waits %i ms", (attempts, delay) => {
    expect(accountDelayMs(attempts, SIGN_IN_LIMITS.account)).toBe(delay);
  });

  it.each<[string, AttemptCounter | undefined, boolean, number | undefined]>([
    ["a first attempt", undefined, true, 1],
    ["the fifth attempt at once", counter(4, 0), true, 5],
    ["the sixth attempt at once", counter(5, 0), false, undefined],
    ["the sixth attempt a second later", counter(5, 1000), true, 6],
    ["an attempt after 30 failures, 29 s later", counter(30, 29_000), false, undefined],
    ["an attempt after 30 failures, 30 s later", counter(30, 30_000), true, 31],
    ["an attempt an hour after the last", counter(30, 3600_000), true, 1],
  ])("%s: admitted %s", (_, before, admitted, attempts) => {
    const verdict = judgeAttempt("account", before, T0);
    expect(verdict.admitted).toBe(admitted);
    if (verdict.admitted) expect(verdict.next.attempts).toBe(attempts);
  });

  it("never asks to wait longer than the bound, however many failures", () => {
    for (const attempts of [5, 8, 12, 100, 10_000]) {
      const verdict = judgeAttempt("account", counter(attempts, 0), T0);
      expect(verdict.admitted).toBe(false);
      if (!verdict.admitted)
        expect(verdict.retryAfterMs).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.maxDelaySeconds * 1000);
    }
  });

  it("counts an attempt that queued behind a later clock reading as made at that reading", () => {
    const verdict = judgeAttempt("account", counter(2, -5), T0);
    expect(verdict).toMatchObject({ admitted: true, next: { attempts: 3, lastAttemptAt: T0 + 5 } });
  });
});

describe("hard limits per address and per account at an address", () => {
  it.each<[AttemptKind, AttemptCounter | undefined, boolean, number]>([
    ["address", counter(49, 10, 600_000), true, 0],
    ["address", counter(50, 10, 600_000), false, 300_000],
    ["address", counter(50, 10, 900_000), true, 0],
    ["account_address", counter(9, 10, 60_000), true, 0],
    ["account_address", counter(10, 10, 60_000), false, 840_000],
    ["account_address", undefined, true, 0],
  ])("%s with %o: admitted %s", (kind, before, admitted, wait) => {
    const verdict = judgeAttempt(kind, before, T0);
    expect(verdict.admitted).toBe(admitted);
    if (!verdict.admitted) expect(verdict.retryAfterMs).toBe(wait);
  });

  it("starts a new window once the old one is over", () => {
    const verdict = judgeAttempt("address", counter(50, 1000, 900_000), T0);
    expect(verdict).toMatchObject({ admitted: true, next: { attempts: 1, windowStartedAt: T0 } });
  });
});

describe("client address buckets", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3:8d3::/64"],
    ["2001:db8:85a3:8d3::1", "2001:db8:85a3:8d3::/64"],
    ["2001:DB8::1", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["in-process", "in-process"],
  ])("%s is limited as %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });

  it("keeps a forged or huge value short", () => {
    expect(addressBucket("x".repeat(10_000))).toHaveLength(100);
  });
});

it.each([
  [1, 1],
  [999, 1],
  [1001, 2],
  [30_000, 30],
])("announces %i ms as Retry-After %i", (ms, seconds) => {
  expect(retryAfterSeconds(ms)).toBe(seconds);
});
