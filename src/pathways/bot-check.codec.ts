import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// A self-hosted bot check: the server hands out a signed, short-lived challenge; the page finds a nonce whose
// SHA-256 with the challenge starts with `difficulty` zero bits (cheap for one applicant, costly in bulk);
// the server checks signature, expiry, the work, and that the challenge was not used before.

export interface BotCheckOptions {
  /** Leading zero bits the work must reach (each bit doubles the average work). */
  difficulty: number;
  /** How long a challenge stays valid. */
  ttlMs: number;
}

export type ProofCheck = { ok: true } | { ok: false; why: string };

/** Counts the leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The digest the work is measured on: SHA-256 of "<token>:<nonce>". */
export function proofDigest(token: string, nonce: string): Buffer {
  return createHash("sha256").update(`${token}:${nonce}`).digest();
}

/** Finds a nonce meeting the difficulty (for tests, benchmarks and non-browser clients). */
export function solveChallenge(token: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(proofDigest(token, String(n))) >= difficulty) return String(n);
  }
}

/**
 * Issues and verifies challenges signed with `secret`. `spend` records a challenge as used wherever it is kept
 * (the portal keeps it in the database, shared by every server process) and answers false when it was used
 * before: a challenge is spent once, only after its signature, expiry and work have passed.
 */
export function createBotCheck(
  options: BotCheckOptions,
  secret: Buffer,
  spend: (token: string, expiresAt: number) => Promise<boolean>,
) {
  const sign = (body: string) => createHmac("sha256", secret).update(body).digest("base64url");
  return {
    difficulty: options.difficulty,
    /** A new challenge token: random id, expiry and difficulty, signed. */
    issue(now: number): { token: string; difficulty: number } {
      const body = `${randomBytes(12).toString("base64url")}.${now + options.ttlMs}.${options.difficulty}`;
      return { token: `${body}.${sign(body)}`, difficulty: options.difficulty };
    },
    /** Checks a solved challenge and spends it. */
    async verify(token: string, nonce: string, now: number): Promise<ProofCheck> {
      const parts = token.split(".");
      if (parts.length !== 4) return { ok: false, why: "malformed challenge" };
      const [id, expiresText, difficultyText, mac] = parts as [string, string, string, string];
      const expected = Buffer.from(sign(`${id}.${expiresText}.${difficultyText}`));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { ok: false, why: "challenge not issued here" };
      }
      const expires = Number(expiresText);
      if (!(expires >= now)) return { ok: false, why: "challenge expired" };
      if (leadingZeroBits(proofDigest(token, nonce)) < Number(difficultyText)) {
        return { ok: false, why: "the work does not meet the difficulty" };
      }
      if (!(await spend(token, expires))) return { ok: false, why: "challenge already used" };
      return { ok: true };
    },
  };
}

export type BotCheck = ReturnType<typeof createBotCheck>;
