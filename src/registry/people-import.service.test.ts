import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { openPerson } from "./person-seal.codec.ts";
import { countPeople } from "./registry.store.ts";
import { personInput } from "./registry.test-support.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const people = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}${i}`, line: i + 2, person: personInput() }));
const count = (nation: string) =>
  t.app.platform.database.asOwner((tx) => countPeople(tx, { tenantId: nation }));

describe("importPeople", () => {
  it("seals in worker threads, writes in batches, and registers nobody the second time", async () => {
    const scope = systemScope("CRI", "test");
    const batch = people("w", 45);
    const options = {
      threads: 2,
      minParallel: 0,
      batchSize: 10,
      onFallback: (why: string) => expect.fail(why),
    };
    expect(await t.app.registry.importPeople(scope, batch, options)).toEqual({
      read: 45,
      inserted: 45,
      unchanged: 0,
    });
    expect(await t.app.registry.importPeople(scope, batch, options)).toMatchObject({
      inserted: 0,
      unchanged: 45,
    });
    const wanted = batch[17]!.person;
    const hits = await t.app.registry.people.search(
      { ...scope, reach: "nation" },
      { given: wanted.givenNames[0]!, surname: wanted.surnames.join(" "), dob: wanted.birthDate! },
    );
    expect(hits[0]?.externalId).toBe("w17");
    expect(hits[0]?.score.band).toBe("likely");
  });

  it("keeps nothing when interrupted between batches", async () => {
    const scope = systemScope("PAN", "test");
    const before = await count("PAN");
    let batches = 0;
    const interrupted = () => (++batches > 2 ? new Error("interrupted") : null);
    await expect(
      t.app.registry.importPeople(scope, people("i", 40), { threads: 0, batchSize: 10, interrupted }),
    ).rejects.toThrow("interrupted");
    expect(await count("PAN")).toBe(before);
  });

  it("imports batches read from a source, part of them known, and keeps nothing when the source fails at its end", async () => {
    const scope = systemScope("ECU", "test");
    const all = people("s", 30);
    await t.app.registry.importPeople(scope, all.slice(0, 12), { threads: 0 });
    let reads = 0;
    const source = (fail: boolean) =>
      async function* () {
        reads++;
        for (let i = 0; i < all.length; i += 7) yield all.slice(i, i + 7);
        if (fail) throw new Error("line 32: a bad date");
      };
    const before = await count("ECU");
    await expect(
      t.app.registry.importPeople(scope, source(true), { threads: 2, minParallel: 0, expected: 30 }),
    ).rejects.toThrow("line 32");
    expect(await count("ECU")).toBe(before);
    reads = 0;
    expect(
      await t.app.registry.importPeople(scope, source(false), { threads: 2, minParallel: 0, expected: 30 }),
    ).toEqual({ read: 30, inserted: 18, unchanged: 12 });
    expect(reads).toBe(2);
    expect(await count("ECU")).toBe(before + 18);
  });

  it("reads a source once into a nation that holds nobody from a file, and stores a lone person's gaps as nulls", async () => {
    const scope = systemScope("SLV", "test");
    const lone = people("n", 1).map((p) => ({
      ...p,
      person: { ...p.person, sex: null, birthDate: null, documents: [], nationalities: [] },
    }));
    let reads = 0;
    const source = async function* () {
      reads++;
      yield lone;
    };
    expect(await t.app.registry.importPeople(scope, source, { threads: 0 })).toEqual({
      read: 1,
      inserted: 1,
      unchanged: 0,
    });
    expect(reads).toBe(1);
    const row = await t.app.platform.database.asOwner((tx) =>
      tx
        .selectFrom("registry_people")
        .selectAll()
        .where("tenant_id", "=", "SLV")
        .where("external_key", "is not", null)
        .executeTakeFirstOrThrow(),
    );
    expect(row).toMatchObject({ sex_enc: null, birth_date_enc: null, name_dob_clk: null, shielded_from: [] });
    expect(row.terms.length).toBeGreaterThan(0);
    expect(row.clk).toHaveLength(128);
    expect(openPerson(t.app.platform.keyring, row).person.givenNames).toEqual(lone[0]?.person.givenNames);
    // Imported again, the file is read for the ids known, then for the import: nobody new.
    expect(await t.app.registry.importPeople(scope, source, { threads: 0 })).toMatchObject({ inserted: 0 });
    expect(reads).toBe(3);
  });
});
