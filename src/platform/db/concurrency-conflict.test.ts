import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { concurrencyConflict } from "./scoped.ts";

describe("a transaction PostgreSQL aborted for another one", () => {
  it("becomes a 409 that says nothing was kept, for a deadlock and a serialization failure", () => {
    for (const code of ["40P01", "40001"]) {
      const conflict = concurrencyConflict(Object.assign(new Error("deadlock detected"), { code }));
      expect(conflict).toBeInstanceOf(AppError);
      expect(conflict?.code).toBe("CONFLICT");
      expect(conflict?.status).toBe(409);
      expect(conflict?.message).toMatch(/nothing was kept/);
    }
  });

  it("leaves every other error as it is (a unique violation is not a race to retry)", () => {
    expect(concurrencyConflict(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBeUndefined();
    expect(concurrencyConflict(new Error("plain"))).toBeUndefined();
    expect(concurrencyConflict(null)).toBeUndefined();
  });
});
