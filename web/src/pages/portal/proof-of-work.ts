// Solves the portal's bot-check challenge in the browser: the first nonce whose SHA-256 with the token starts
// with `difficulty` zero bits (the server checks the same thing).

function zeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Finds a nonce meeting the difficulty with Web Crypto. */
export async function solveChallenge(token: string, difficulty: number): Promise<string> {
  const encoder = new TextEncoder();
  for (let n = 0; ; n++) {
    const digest = await crypto.subtle.digest("SHA-256", encoder.encode(`${token}:${n}`));
    if (zeroBits(new Uint8Array(digest)) >= difficulty) return String(n);
  }
}
