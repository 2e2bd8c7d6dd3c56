import { isIPv4, isIPv6 } from "node:net";

/**
 * How sign-in attempts are limited. Every attempt is counted before its password is checked, under three keys:
 *
 * - the account (the e-mail typed, known or not): a progressive delay. The first `freeAttempts` go through at
 *   once; each later one must wait twice as long after the previous as the one before, up to `maxDelaySeconds`.
 *   The delay never grows past that bound, so someone guessing elsewhere slows the account down but cannot
 *   lock its owner out. A successful sign-in, or `forgetAfterSeconds` without an attempt, starts it afresh.
 * - the client address: a hard limit per window, whatever accounts it tries (password spraying).
 * - the account at one address: a hard limit per window, so one address cannot keep an account in its delay.
 *
 * Only failures stay counted: a successful sign-in gives its attempt back to the address and clears the rest.
 */
export interface SignInLimits {
  account: {
    freeAttempts: number;
    firstDelaySeconds: number;
    maxDelaySeconds: number;
    forgetAfterSeconds: number;
  };
  address: { attempts: number; windowSeconds: number };
  accountAtAddress: { attempts: number; windowSeconds: number };
}

/** The limits in force (the module comment explains each). */
export const SIGN_IN_LIMITS: Readonly<SignInLimits> = {
  account: { freeAttempts: 5, firstDelaySeconds: 1, maxDelaySeconds: 30, forgetAfterSeconds: 3600 },
  address: { attempts: 50, windowSeconds: 900 },
  accountAtAddress: { attempts: 10, windowSeconds: 900 },
};
export type AttemptKind = "account" | "address" | "account_address";

/** The stored count of one key. */
export interface AttemptCounter {
  attempts: number;
  windowStartedAt: number;
  lastAttemptAt: number;
}

/** What one attempt does to one key's counter: admitted with the new counter, or refused for a while. */
export type CounterVerdict =
  | { admitted: true; next: AttemptCounter; expiresAt: number }
  | { admitted: false; retryAfterMs: number };

/** The delay the account's counter imposes before its next attempt, in milliseconds. */
export function accountDelayMs(attempts: number, limits: SignInLimits["account"]): number {
  if (attempts < limits.freeAttempts) return 0;
  const seconds = limits.firstDelaySeconds * 2 ** (attempts - limits.freeAttempts);
  return Math.min(seconds, limits.maxDelaySeconds) * 1000;
}

// Concurrent attempts read the clock before they queue for the counter: one that waited behind a later reading
// counts as made at that reading, so a few milliseconds of skew never refuse a free attempt.
function atLeastLast(clock: number, counter: AttemptCounter | undefined): number {
  return Math.max(clock, counter?.lastAttemptAt ?? clock);
}

function progressive(
  counter: AttemptCounter | undefined,
  clock: number,
  limits: SignInLimits,
): CounterVerdict {
  const rule = limits.account;
  const now = atLeastLast(clock, counter);
  const forgotten = !counter || now - counter.lastAttemptAt >= rule.forgetAfterSeconds * 1000;
  const attempts = forgotten ? 0 : counter.attempts;
  const due = forgotten ? now : counter.lastAttemptAt + accountDelayMs(attempts, rule);
  if (now < due) return { admitted: false, retryAfterMs: due - now };
  const windowStartedAt = forgotten ? now : counter.windowStartedAt;
  return {
    admitted: true,
    next: { attempts: attempts + 1, windowStartedAt, lastAttemptAt: now },
    expiresAt: now + rule.forgetAfterSeconds * 1000,
  };
}

function hardLimit(
  counter: AttemptCounter | undefined,
  clock: number,
  rule: { attempts: number; windowSeconds: number },
): CounterVerdict {
  const windowMs = rule.windowSeconds * 1000;
  const now = atLeastLast(clock, counter);
  const fresh = !counter || now - counter.windowStartedAt >= windowMs;
  const windowStartedAt = fresh ? now : counter.windowStartedAt;
  const attempts = fresh ? 0 : counter.attempts;
  if (attempts >= rule.attempts) return { admitted: false, retryAfterMs: windowStartedAt + windowMs - now };
  return {
    admitted: true,
    next: { attempts: attempts + 1, windowStartedAt, lastAttemptAt: now },
    expiresAt: windowStartedAt + windowMs,
  };
}

/** The verdict of one key's rule on an attempt made at `now`. */
export function judgeAttempt(
  kind: AttemptKind,
  counter: AttemptCounter | undefined,
  now: number,
  limits: SignInLimits = SIGN_IN_LIMITS,
): CounterVerdict {
  if (kind === "account") return progressive(counter, now, limits);
  return hardLimit(counter, now, kind === "address" ? limits.address : limits.accountAtAddress);
}

/** Whole seconds to announce in `Retry-After`: never 0 for a refusal. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function expandIpv6(address: string): string[] {
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array(Math.max(0, missing)).fill("0"), ...right];
}

/**
 * The bucket a client address is limited in. An IPv6 client usually holds a whole /64 and can change address
 * at will inside it, so IPv6 is limited per /64; an IPv4 address given in IPv6 form counts as itself.
 */
export function addressBucket(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(trimmed)) return trimmed;
  const unzoned = trimmed.split("%")[0] ?? trimmed;
  if (isIPv6(unzoned) && !unzoned.includes(".")) {
    const groups = expandIpv6(unzoned).map((g) => Number.parseInt(g, 16).toString(16));
    return `${groups.slice(0, 4).join(":")}::/64`;
  }
  return trimmed.slice(0, 100);
}
