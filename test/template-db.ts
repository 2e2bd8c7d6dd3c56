import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { allMigrations } from "../src/app.ts";
import { keyringFrom, newKeyFile } from "../src/platform/crypto/keyring.ts";
import { openDatabase } from "../src/platform/db/connect.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import { seedDemoOffices } from "../src/platform/offices/demo-offices.ts";
import { seedTenants } from "../src/platform/platform.ts";

export type Template =
  | { kind: "pglite"; file: string; cleanup?: () => Promise<void> }
  | { kind: "postgres"; url: string; templateName: string; cleanup?: () => Promise<void> };

/** The URL of another database on the same server. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The template holds no rows to encrypt: any keys will do for migrations with a data step. */
const templateKeys = () => keyringFrom(newKeyFile("template"));

/** Builds the migrated template the test files copy. */
export async function prepareTemplate(dir: string): Promise<Template> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: dir, inMemory: true });
    await migrate(database, allMigrations(), templateKeys());
    await seedTenants(database);
    await seedDemoOffices(database);
    if (!database.dumpEmbedded) throw new Error("the embedded database does not expose its dump");
    const blob = await database.dumpEmbedded();
    const file = path.join(dir, `template-${process.pid}.tgz`);
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    await database.close();
    return { kind: "pglite", file, cleanup: async () => fs.rmSync(file, { force: true }) };
  }
  const templateName = `hemisphere_tpl_${randomBytes(4).toString("hex")}`;
  await adminQuery(serverUrl, `create database ${templateName}`);
  const database = await openDatabase({ dataDir: dir, databaseUrl: withDatabase(serverUrl, templateName) });
  await migrate(database, allMigrations(), templateKeys());
  await seedTenants(database);
  await seedDemoOffices(database);
  await database.close();
  return {
    kind: "postgres",
    url: serverUrl,
    templateName,
    cleanup: () => dropDatabase(serverUrl, templateName),
  };
}

/**
 * Drops a test database. `with (force)` ends the sessions still open on it; a session of the application's own
 * role that is still closing (its pool ended, the server not yet done) cannot be ended by the owner, so the drop
 * waits a moment and tries again.
 */
export async function dropDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(url, `drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      if (
        attempt > 20 ||
        !/role whose process is being terminated|being accessed by other users/.test(String(error))
      )
        throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/** Runs one statement on the server's maintenance connection. */
export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
