import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  createTarget,
  provisionAdminToken,
  runHemisphere,
  type Target,
} from "../../scripts/server-process.ts";
import { loadConfig } from "../platform/config.ts";
import { openDatabase } from "../platform/db/connect.ts";

// `hemisphere audit verify` as an operator runs it: a real process on a real data directory or database.

let target: Target;
beforeAll(async () => {
  const template = inject("dbTemplate");
  target = await createTarget(template.kind === "postgres" ? template.url : undefined, "audit-cli");
  const loadDataDir = template.kind === "pglite" ? new Blob([fs.readFileSync(template.file)]) : undefined;
  await provisionAdminToken(target, { nation: "MEX", ...(loadDataDir ? { loadDataDir } : {}) });
});
afterAll(async () => {
  await target.cleanup();
});

/** Edits two events of Mexico's log as someone with database access would. */
async function tamperTwoEvents(): Promise<number[]> {
  const config = loadConfig(target.env);
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    return await database.asOwner(async (tx) => {
      const rows = await tx
        .selectFrom("audit_events")
        .select("seq")
        .where("tenant_id", "=", "MEX")
        .orderBy("seq")
        .execute();
      const seqs = rows.map((r) => Number(r.seq));
      await sql`alter table audit_events disable trigger user`.execute(tx);
      await sql`update audit_events set action = 'edited' where tenant_id = 'MEX' and seq in (${sql.join(seqs)})`.execute(
        tx,
      );
      await sql`alter table audit_events enable trigger user`.execute(tx);
      return seqs;
    });
  } finally {
    await database.close();
  }
}

describe("hemisphere audit verify", () => {
  it("passes on an untouched log, sequencing what the last process left pending", async () => {
    const run = await runHemisphere(target, ["audit", "verify"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^MEX: 2 events in 1 batches, ok, head [0-9a-f]{64}$/m);
    expect(run.stdout).toMatch(/all \d+ logs verify/);
  }, 120_000);

  it("prints every broken link with its event and reason, and exits 1", async () => {
    const seqs = await tamperTwoEvents();
    expect(seqs).toHaveLength(2);
    const run = await runHemisphere(target, ["audit", "verify", "--no-integrate"]);
    expect(run.code).toBe(1);
    for (const [i, seq] of seqs.entries())
      expect(run.stdout).toContain(
        `MEX: BROKEN at event ${seq}, position ${i + 1}, batch 1: column action differs from its hashed content`,
      );
    expect(run.stdout).toMatch(/^MEX: 2 events in 1 batches, 2 broken link\(s\)/m);
    expect(run.stderr).toMatch(/1 audit log\(s\) broken: MEX \(2\)/);
  }, 120_000);
});
