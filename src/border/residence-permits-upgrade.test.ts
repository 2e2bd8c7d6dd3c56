import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, dropDatabase, withDatabase } from "../../test/template-db.ts";
import { type Application, allMigrations, createApplication } from "../app.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { loadConfig } from "../platform/config.ts";
import { encryptField } from "../platform/crypto/field-crypto.ts";
import { keyringFrom, newKeyFile } from "../platform/crypto/keyring.ts";
import { type Database, openDatabase } from "../platform/db/connect.ts";
import { migrate } from "../platform/db/migrate.ts";
import { seedTenants } from "../platform/platform.ts";
import { regionalClkKeys, sealPerson } from "../registry/person-seal.codec.ts";
import { personInput } from "../registry/registry.test-support.ts";

// Upgrading a database that still answers from the border's permit list: at the next start the registry's 0007
// encodes the people already stored, then border's 0006 gives earlier questions their day, moves the permits into
// the registry (the holder already registered gets the document) and drops the list.

const keyFile = newKeyFile("old1");
const keyring = keyringFrom(keyFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "border-permits-"));
const ids = { carla: randomUUID(), encounter: randomUUID(), question: randomUUID() };
const NEW = [
  "registry/0007-registry-name-dob-encoding.sql",
  "registry/0008-registry-worklist-terms.sql",
  "border/0006-border-residence-from-registry.sql",
];

let database: Database;
let app: Application;
let drop = async () => {};

async function freshDatabase(): Promise<Database> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return openDatabase({ dataDir: "", inMemory: true });
  const name = `hemisphere_permits_${randomBytes(6).toString("hex")}`;
  await adminQuery(server, `create database ${name}`);
  drop = () => dropDatabase(server, name);
  return openDatabase({ dataDir: "", databaseUrl: withDatabase(server, name) });
}

/** The database as it stood before: a registered Carla, two Colombian permits, a question already asked. */
async function writeEarlierRows(): Promise<void> {
  await migrate(
    database,
    allMigrations().filter((m) => !NEW.includes(m.id)),
    keyring,
  );
  await seedTenants(database);
  const carla = personInput({
    givenNames: ["Carla"],
    surnames: ["Rivas", "Mendoza"],
    birthDate: "1998-01-27",
  });
  const {
    name_dob_clk: _notYet,
    filter_terms: _notYetEither,
    ...sealed
  } = sealPerson({ keyring, clkKeys: regionalClkKeys(keyring) }, carla, null, "COL");
  const seal = (value: string, column: string) => encryptField(keyring, value, `border.permit.${column}`);
  await database.asOwner(async (tx) => {
    await tx
      .insertInto("registry_people")
      .values({ ...sealed, tenant_id: "COL", id: ids.carla } as never)
      .execute();
    for (const [given, family, dob, type, from, to] of [
      ["María José", "Pérez Rodríguez", "1990-04-12", "PEP", "2019-06-01", "2022-03-31"],
      ["Carla", "Rivas Mendoza", "1998-01-27", "PPT", "2021-10-01", null],
    ] as const) {
      await sql`insert into border_residence_permits (tenant_id, encoding, permit_type, valid_from, valid_to,
          given_names_enc, family_names_enc, birth_date_enc)
        values ('COL', 'old', ${type}, ${from}, ${to}, ${seal(given, "given_names")},
          ${seal(family, "family_names")}, ${seal(dob, "birth_date")})`.execute(tx);
    }
    await sql`insert into border_encounters (tenant_id, id, occurred, encountered_on, place_nation, demographic,
        citizenship, prior_residences, created_by)
      values ('USA', ${ids.encounter}, '2022-03-15', '2022-03-15', 'USA', 'single_adult', 'VEN',
        ${JSON.stringify([{ country: "COL", from: "2019-06-01", to: "2022-02-28" }])}::jsonb, 'test')`.execute(
      tx,
    );
    await sql`insert into border_verification_requests (tenant_id, id, encounter_id, partner_tenant, encoding,
        requested_by) values ('USA', ${ids.question}, ${ids.encounter}, 'COL', 'old', 'test')`.execute(tx);
  });
}

beforeAll(async () => {
  database = await freshDatabase();
  await writeEarlierRows();
  const config = loadConfig({
    HEMISPHERE_DATA_DIR: dataDir,
    HEMISPHERE_KEYS: JSON.stringify(keyFile),
    NODE_ENV: "test",
  });
  app = await createApplication(config, { database });
});
afterAll(async () => {
  await app?.platform.close();
  await drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("upgrading: the border's permits move into the registry", () => {
  it("encodes the people already stored and gives the registered holder the permit, not a second record", async () => {
    const col = systemScope("COL", "test");
    const encoded = await database.asOwner((tx) =>
      tx
        .selectFrom("registry_people")
        .select("name_dob_clk")
        .where("id", "=", ids.carla)
        .executeTakeFirstOrThrow(),
    );
    expect(encoded.name_dob_clk).not.toBeNull();
    const carla = await app.registry.people.search(col, {
      given: "Carla",
      surname: "Rivas Mendoza",
      dob: "1998-01-27",
    });
    expect(carla.map((h) => h.row.id)).toEqual([ids.carla]);
    const documents = (await app.registry.people.getPerson(col, ids.carla)).documents.map((d) => d.type);
    expect(documents).toEqual(["passport", "col_ppt"]);
    const [maria] = await app.registry.people.search(col, {
      given: "María José",
      surname: "Pérez Rodríguez",
      dob: "1990-04-12",
    });
    expect((await app.registry.people.getPerson(col, maria!.row.id)).documents).toMatchObject([
      { type: "col_pep", issuingCountry: "COL", validFrom: "2019-06-01", expiry: "2022-03-31" },
    ]);
  });

  it("drops the permit list and gives the earlier question the last day of the stated residence", async () => {
    const rows = await database.asOwner(async (tx) => ({
      table: (
        await sql<{ t: string | null }>`select to_regclass('border_residence_permits')::text as t`.execute(tx)
      ).rows[0]?.t,
      asOf: (
        await sql<{
          d: string;
        }>`select as_of::text as d from border_verification_requests where id = ${ids.question}`.execute(tx)
      ).rows[0]?.d,
    }));
    expect(rows).toEqual({ table: null, asOf: "2022-02-28" });
  });
});
