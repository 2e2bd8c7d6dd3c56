import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/harness.ts";
import { type Application, createApplication } from "../../app.ts";
import { loadConfig } from "../config.ts";
import { newKeyFile } from "../crypto/keyring.ts";
import { systemScope } from "./scope.ts";

// Attacks on sign-in through HTTP, behind a trusted proxy so that each request names its client address.

let app: Application;
let close: () => Promise<void>;
const password = "correct horse battery staple";

beforeAll(async () => {
  const { database, drop } = await openTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hemisphere-sign-in-"));
  const config = loadConfig({
    HEMISPHERE_DATA_DIR: dataDir,
    HEMISPHERE_KEYS: JSON.stringify(newKeyFile("test1")),
    HEMISPHERE_TRUST_PROXY: "1",
    NODE_ENV: "test",
  });
  app = await createApplication(config, { database });
  close = async () => {
    await app.platform.close();
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
});
afterAll(async () => {
  await close();
});

async function person(email: string) {
  return app.platform.users.createUser(systemScope("MEX", "test"), {
    email,
    displayName: "Target",
    password,
    roles: ["analyst"],
  });
}

function login(email: string, pw: string, from: string) {
  return Promise.resolve(
    app.http.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from },
      body: JSON.stringify({ email, password: pw }),
    }),
  );
}

/** Failed checks of one account: each wrong password that reached the password hash leaves one event. */
async function failedChecks(userId: string): Promise<number> {
  const rows = await app.platform.database.asOwner((tx) =>
    tx
      .selectFrom("audit_events")
      .select("id")
      .where("action", "=", "auth.login_failed")
      .where("target_id", "=", userId)
      .execute(),
  );
  return rows.length;
}

describe("sign-in under attack", () => {
  it("lets at most the free attempts of 60 concurrent wrong passwords reach the password check", async () => {
    const target = await person("target.concurrent@mex.test");
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(target.email, `wrong guess ${i}`, "203.0.113.7")),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(await failedChecks(target.id)).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401).length).toBe(await failedChecks(target.id));
  });

  it("does not lock the right person out: from another address they get in after a short wait", async () => {
    const target = await person("target.lockout@mex.test");
    for (let round = 0; round < 3; round++)
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(target.email, `guess ${round}.${i}`, "203.0.113.8")),
      );
    let answer = await login(target.email, password, "198.51.100.9");
    if (answer.status === 429) {
      const wait = Number(answer.headers.get("retry-after"));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(30);
      await new Promise((r) => setTimeout(r, wait * 1000 + 50));
      answer = await login(target.email, password, "198.51.100.9");
    }
    expect(answer.status).toBe(200);
  });
});
