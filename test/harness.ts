import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { type Application, createApplication } from "../src/app.ts";
import { openAgreementsAmongAllNations } from "../src/platform/agreements/agreements.test-support.ts";
import type { Role } from "../src/platform/auth/auth.contract.ts";
import { systemScope } from "../src/platform/auth/scope.ts";
import { loadConfig } from "../src/platform/config.ts";
import { newKeyFile } from "../src/platform/crypto/keyring.ts";
import { type Database, openDatabase } from "../src/platform/db/connect.ts";
import { adminQuery, dropDatabase, withDatabase } from "./template-db.ts";

/** A fresh, migrated database and the whole application on it, for one test file. */
export interface TestApp {
  app: Application;
  database: Database;
  /** Sends a request through the HTTP app without a server. */
  request(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** Opens a copy of the migrated template: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set. */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const template = inject("dbTemplate");
  if (template.kind === "pglite") {
    const blob = new Blob([fs.readFileSync(template.file)]);
    const database = await openDatabase({ dataDir: "", inMemory: true, loadDataDir: blob });
    return { database, drop: async () => {} };
  }
  const name = `hemisphere_test_${randomBytes(6).toString("hex")}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(template.url, `create database ${name} template ${template.templateName}`);
      break;
    } catch (error) {
      // Two files copying the template at the same moment: wait and try again.
      if (attempt > 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
    }
  }
  const database = await openDatabase({ dataDir: "", databaseUrl: withDatabase(template.url, name) });
  return { database, drop: () => dropDatabase(template.url, name) };
}

/**
 * Starts the application on a fresh test database with its own keys and data directory. Every two nations have
 * an accepted data-sharing agreement for every purpose unless `agreements: false` (tests of the agreements).
 */
export async function startTestApp(options: { agreements?: boolean } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hemisphere-test-"));
  const config = loadConfig({
    HEMISPHERE_DATA_DIR: dataDir,
    HEMISPHERE_KEYS: JSON.stringify(newKeyFile("test1")),
    NODE_ENV: "test",
  });
  const app = await createApplication(config, { database });
  if (options.agreements !== false) await openAgreementsAmongAllNations(database);
  return {
    app,
    database,
    request(method, url, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        headers["content-type"] ??= "application/json";
        body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      }
      return Promise.resolve(
        app.http.request(url, { method, headers, ...(body === undefined ? {} : { body }) }),
      );
    },
    async close() {
      await app.platform.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** Creates a user with the given roles in a nation and returns an API token acting as them. */
export async function userWithToken(
  t: TestApp,
  nation: string,
  roles: Role[],
  options: { officeId?: string } = {},
): Promise<{ userId: string; token: string; tokenId: string; email: string }> {
  counter++;
  const email = `${roles.join("-")}.${counter}.${randomBytes(3).toString("hex")}@${nation.toLowerCase()}.test`;
  const scope = systemScope(nation, "test");
  const user = await t.app.platform.users.createUser(
    { ...scope, regional: nation === "REG" },
    { email, displayName: `Test ${roles.join(" ")}`, roles, officeId: options.officeId ?? null },
  );
  const token = await t.app.platform.users.createToken(scope, {
    userId: user.id,
    name: "test",
    expiresAt: null,
  });
  return { userId: user.id, token: token.token, tokenId: token.id, email };
}
