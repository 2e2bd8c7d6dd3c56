import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "../../../test/harness.ts";
import { USER_NAME_CONTEXT } from "../auth/users.service.ts";
import { decryptField, encryptField, keyIdOf } from "./field-crypto.ts";
import { countByKey, reencryptAll } from "./key-rotation.ts";
import { keyringFrom, newKeyFile } from "./keyring.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (const nation of ["USA", "MEX", "COL"])
    for (let i = 0; i < 4; i++) await userWithToken(t, nation, ["analyst"]);
});
afterAll(async () => {
  await t.close();
});

describe("field encryption", () => {
  const keyring = keyringFrom(newKeyFile("a"));
  it("round-trips a value and binds it to its context", () => {
    const stored = encryptField(keyring, "María José Pérez", "registry.person.given");
    expect(stored).not.toContain("María");
    expect(keyIdOf(stored)).toBe("a");
    expect(decryptField(keyring, stored, "registry.person.given")).toBe("María José Pérez");
    expect(() => decryptField(keyring, stored, "registry.person.surname")).toThrow(/integrity/);
  });
  it("detects a tampered value", () => {
    const stored = encryptField(keyring, "secret", "x");
    const flipped = `${stored.slice(0, -2)}${stored.at(-2) === "A" ? "B" : "A"}${stored.at(-1)}`;
    expect(() => decryptField(keyring, flipped, "x")).toThrow();
  });
});

describe("key rotation", () => {
  it("re-encrypts every value to the new key and leaves every value readable", async () => {
    const { platform, encryptedColumns } = t.app;
    const before = await platform.database.asOwner((tx) =>
      tx.selectFrom("users").select(["id", "display_name"]).execute(),
    );
    const names = new Map(
      before.map((r) => [r.id, decryptField(platform.keyring, r.display_name, USER_NAME_CONTEXT)]),
    );
    // The old key stays loaded beside the new one while values move.
    const next = newKeyFile("b");
    const oldKey = platform.keyring.key("test1").toString("base64");
    const ring = keyringFrom({
      current: "b",
      keys: { test1: oldKey, b: next.keys.b as string },
      index: next.index,
    });
    const rewritten = await reencryptAll(platform.database, ring, encryptedColumns);
    expect(rewritten).toBe(before.length);
    expect(await countByKey(platform.database, encryptedColumns)).toEqual(new Map([["b", before.length]]));
    const after = await platform.database.asOwner((tx) =>
      tx.selectFrom("users").select(["id", "display_name"]).execute(),
    );
    for (const row of after)
      expect(decryptField(ring, row.display_name, USER_NAME_CONTEXT)).toBe(names.get(row.id));
    // Running it again (an interrupted rotation resumed) changes nothing.
    expect(await reencryptAll(platform.database, ring, encryptedColumns)).toBe(0);
  });
});
