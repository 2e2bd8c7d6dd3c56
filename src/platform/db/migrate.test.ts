import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/harness.ts";
import { keyringFrom, newKeyFile } from "../crypto/keyring.ts";
import type { Database } from "./connect.ts";
import { type Migration, migrate } from "./migrate.ts";

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database.close();
  await drop();
});

describe("migrations", () => {
  it("apply once, then are skipped", async () => {
    const m = {
      id: "test/0001-extra.sql",
      sql: "create table extra_things (id int primary key); create index extra_i on extra_things (id);",
    };
    expect(await migrate(database, [m])).toEqual(["test/0001-extra.sql"]);
    expect(await migrate(database, [m])).toEqual([]);
  });

  it("refuse an applied migration whose text changed", async () => {
    const changed = { id: "test/0001-extra.sql", sql: "create table extra_things (id bigint primary key);" };
    await expect(migrate(database, [changed])).rejects.toThrow(/changed after it was applied/);
  });

  it("roll back a failing migration whole", async () => {
    const bad = {
      id: "test/0002-bad.sql",
      sql: "create table half_done (id int); select no_such_function();",
    };
    await expect(migrate(database, [bad])).rejects.toThrow();
    const exists = await database.asOwner((tx) =>
      tx
        .selectFrom("information_schema.tables" as never)
        .select("table_name" as never)
        .where("table_name" as never, "=", "half_done" as never)
        .execute(),
    );
    expect(exists).toEqual([]);
  });

  it("run a data step after the SQL, in the same transaction, only with the keys", async () => {
    const m: Migration = {
      id: "test/0003-data.sql",
      sql: "create table data_things (v text);",
      data: async (tx, keyring) => {
        await sql`insert into data_things values (${keyring.currentId})`.execute(tx);
      },
    };
    await expect(migrate(database, [m])).rejects.toThrow(/needs the keys/);
    expect(await migrate(database, [m], keyringFrom(newKeyFile("m1")))).toEqual(["test/0003-data.sql"]);
    expect(await migrate(database, [m], keyringFrom(newKeyFile("m2")))).toEqual([]);
    const rows = await database.asOwner((tx) => sql<{ v: string }>`select v from data_things`.execute(tx));
    expect(rows.rows).toEqual([{ v: "m1" }]);
  });
});
