import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../../test/harness.ts";
import { systemScope } from "../platform/auth/scope.ts";
import { cliAction } from "../platform/cli-support.ts";
import { registerPerson } from "../registry/registry.test-support.ts";
import { runRetention } from "./retention.command.ts";

// `hemisphere retention run` on an open application: the lines it prints, its dry run and its exit codes.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

async function run(options: { nation?: string; dryRun?: boolean }) {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
    out.push(String(chunk));
    return true;
  });
  const errors = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  const saved = process.exitCode;
  process.exitCode = 0;
  try {
    await cliAction(async () => {
      await runRetention(t.app, options);
    })();
    return { code: process.exitCode, stdout: out.join("") };
  } finally {
    process.exitCode = saved;
    spy.mockRestore();
    errors.mockRestore();
  }
}

describe("hemisphere retention run", () => {
  beforeAll(async () => {
    const then = new Date(Date.now() - 100 * 86_400_000);
    for (const nation of ["GTM", "GTM", "GTM", "HND"]) {
      const id = await registerPerson(t.app, nation);
      await t.database.asOwner((tx) =>
        sql`update registry_people set created_at = ${then}, updated_at = ${then} where id = ${id}`.execute(
          tx,
        ),
      );
    }
    await registerPerson(t.app, "GTM");
    await t.app.retention.setPeriod(systemScope("GTM", "test"), "registry.person", 30);
  });

  it("with nothing set anywhere else, erases nothing outside the nation that set a period", async () => {
    const dry = await run({ dryRun: true });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^GTM: registry\.person 3 expired$/m);
    expect(dry.stdout).toMatch(/^HND: no retention periods$/m);
    expect(dry.stdout).toMatch(/dry run: 3 records expired in \d+ nation\(s\); nothing erased/);
  });

  it("erases and prints counts per nation and kind, then finds nothing the second time", async () => {
    const first = await run({ nation: "gtm" });
    expect(first).toEqual({
      code: 0,
      stdout: "GTM: registry.person 3 erased of 3 expired (30 days)\n3 records erased in 1 nation(s)\n",
    });
    const again = await run({ nation: "GTM" });
    expect(again.stdout).toContain("GTM: registry.person 0 erased of 0 expired (30 days)");
    const left = await t.database.asOwner((tx) =>
      tx
        .selectFrom("registry_people")
        .select(["tenant_id", "status"])
        .where("tenant_id", "in", ["GTM", "HND"])
        .where("status", "=", "active")
        .execute(),
    );
    expect(left.map((r) => r.tenant_id).sort()).toEqual(["GTM", "HND"]);
  });

  it("exits 2 for a nation that is not one, and 1 when a nation fails", async () => {
    expect((await run({ nation: "ZZZ" })).code).toBe(2);
    expect((await run({ nation: "REG" })).code).toBe(2);
    const failing = vi
      .spyOn(t.app.retention, "sweep")
      .mockResolvedValue([{ nation: "GTM", kinds: [], dryRun: false, interrupted: false, error: "broken" }]);
    try {
      expect((await run({ nation: "GTM" })).code).toBe(1);
    } finally {
      failing.mockRestore();
    }
  });
});
