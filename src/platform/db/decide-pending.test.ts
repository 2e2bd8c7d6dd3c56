import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { decidePending } from "./decide-pending.ts";

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe("decidePending", () => {
  it("answers 404 naming what was asked when the row is not in the nation", async () => {
    const run = decidePending({ what: "legal basis", loadForUpdate: async () => undefined }, async () => 1);
    await expect(run).rejects.toThrow("no such legal basis in your nation");
    await run.catch((e) => expect(codeOf(e)).toBe("NOT_FOUND"));
  });

  it("answers 409 with the status when the request was already decided, and never decides", async () => {
    let decided = false;
    const run = decidePending(
      { what: "referral", loadForUpdate: async () => ({ status: "accepted" }) },
      async () => {
        decided = true;
      },
    );
    await expect(run).rejects.toThrow("this referral is already accepted");
    await run.catch((e) => expect(codeOf(e)).toBe("CONFLICT"));
    expect(decided).toBe(false);
  });

  it("decides a pending row, or one in a status the caller allows", async () => {
    expect(
      await decidePending(
        { what: "pair", loadForUpdate: async () => ({ status: "pending" }) },
        async (r) => r,
      ),
    ).toEqual({ status: "pending" });
    const revoke = decidePending(
      { what: "referral", loadForUpdate: async () => ({ status: "accepted" }), from: ["accepted"] },
      async () => "revoked",
    );
    expect(await revoke).toBe("revoked");
  });
});
