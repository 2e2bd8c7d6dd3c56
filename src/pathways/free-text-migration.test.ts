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
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import { reencryptAll } from "../platform/crypto/key-rotation.ts";
import { keyringFrom, newKeyFile } from "../platform/crypto/keyring.ts";
import { type Database, openDatabase } from "../platform/db/connect.ts";
import { migrate } from "../platform/db/migrate.ts";
import { seedTenants } from "../platform/platform.ts";
import { ANSWERS_CONTEXT, OUTBOX_CONTEXT } from "./engine/field-contexts.ts";
import { readOutboxFile } from "./outbox.service.ts";
import { legacyTextColumns } from "./pathway-text.codec.ts";
import { ReferralQuery } from "./referrals.contract.ts";

// A database holding the plaintext reasons written before they were encrypted: the migration marks them and the
// next start encrypts them; key rotation then re-encrypts them like every other personal field.

const keyFile = newKeyFile("old1");
const keyring = keyringFrom(keyFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pathways-legacy-"));
const outboxFile = path.join(dataDir, "outbox", "notifications.jsonl");
const ids = { app: randomUUID(), stage: randomUUID(), referral: randomUUID(), outbox: randomUUID() };
const PLAIN = {
  stage: "Ana's neighbour says she fled in May",
  referral: "Ana Torres has a sister in Bogotá",
  consent: "Ana Torres agrees to be referred",
  decided: "Ana fits our quota",
  error: "could not reach ana.torres@example.org",
  line: {
    at: "2026-01-01T00:00:00.000Z",
    to: "ana.torres@example.org",
    lang: "es",
    subject: "s",
    text: "USA-ANA1",
  },
};

let database: Database;
let app: Application;
let drop = async () => {};

async function freshDatabase(): Promise<Database> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return openDatabase({ dataDir: "", inMemory: true });
  const name = `hemisphere_legacy_${randomBytes(6).toString("hex")}`;
  await adminQuery(server, `create database ${name}`);
  drop = () => dropDatabase(server, name);
  return openDatabase({ dataDir: "", databaseUrl: withDatabase(server, name) });
}

async function writeLegacyRows(): Promise<void> {
  const before = allMigrations().filter(
    (m) => m.id.startsWith("platform/") || /^pathways\/000[12]-/.test(m.id),
  );
  await migrate(database, before);
  await seedTenants(database);
  await database.asOwner(async (tx) => {
    const actor = { updated_by: "test" };
    await tx
      .insertInto("pathway_entries")
      .values({ tenant_id: "USA", id: "usa-old", current_version: 1, ...actor })
      .execute();
    await tx
      .insertInto("pathway_applications")
      .values({
        tenant_id: "USA",
        id: ids.app,
        tracking_code: "USA-ANA1-ANA1",
        secret_hash: "x",
        pathway_id: "usa-old",
        pathway_version: 1,
        stage: "submitted",
        language: "es",
        screening_result: "eligible",
        answers_enc: encryptField(keyring, "{}", ANSWERS_CONTEXT),
        consent_at: new Date(),
      } as never)
      .execute();
    await tx
      .insertInto("pathway_stage_changes")
      .values({
        tenant_id: "USA",
        id: ids.stage,
        application_id: ids.app,
        to_stage: "submitted",
        reason: PLAIN.stage,
        actor_label: "test",
      } as never)
      .execute();
    for (const [tenant, direction] of [
      ["USA", "outgoing"],
      ["COL", "incoming"],
    ] as const) {
      await tx
        .insertInto("pathway_referrals")
        .values({
          tenant_id: tenant,
          id: ids.referral,
          direction,
          from_tenant: "USA",
          to_tenant: "COL",
          application_id: ids.app,
          to_pathway: "col-any",
          status: "rejected",
          consent_text: PLAIN.consent,
          consent_at: new Date(),
          reason: PLAIN.referral,
          created_by: "test",
          decided_by: "test",
          decided_reason: PLAIN.decided,
          decided_at: new Date(),
        } as never)
        .execute();
    }
    await tx
      .insertInto("pathway_outbox")
      .values({
        tenant_id: "USA",
        id: ids.outbox,
        application_id: ids.app,
        kind: "submitted",
        message_enc: encryptField(keyring, "{}", OUTBOX_CONTEXT),
        attempts: 1,
        last_error: PLAIN.error,
      } as never)
      .execute();
  });
  fs.mkdirSync(path.dirname(outboxFile), { recursive: true });
  fs.writeFileSync(outboxFile, `${JSON.stringify(PLAIN.line)}\n`);
}

beforeAll(async () => {
  database = await freshDatabase();
  await writeLegacyRows();
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

const stored = () =>
  database.asOwner(async (tx) =>
    JSON.stringify(
      await Promise.all(
        ["pathway_stage_changes", "pathway_referrals", "pathway_outbox"].map((table) =>
          tx
            .selectFrom(table as "pathway_outbox")
            .selectAll()
            .execute(),
        ),
      ),
    ),
  );

describe("free text written before it was encrypted", () => {
  it("is encrypted at the first start after the migration, database and outbox file alike", async () => {
    const text = await stored();
    for (const plain of [PLAIN.stage, PLAIN.referral, PLAIN.consent, PLAIN.decided, PLAIN.error, "legacy:"]) {
      expect(text).not.toContain(plain);
    }
    expect(fs.readFileSync(outboxFile, "utf8")).not.toContain("ana.torres");
    expect(readOutboxFile(outboxFile, keyring)).toEqual([PLAIN.line]);
  });

  it("reads back as it was written, in each nation", async () => {
    const detail = await app.pathways.workflow.detail(systemScope("USA", "test"), ids.app);
    expect(detail.history.map((h) => h.reason)).toEqual([PLAIN.stage]);
    const {
      referrals: [incoming],
    } = await app.pathways.referrals.list(systemScope("COL", "test"), ReferralQuery.parse({}));
    expect(incoming).toMatchObject({ reason: PLAIN.referral, decidedReason: PLAIN.decided });
  });

  it("is re-encrypted by key rotation under the new key", async () => {
    const next = newKeyFile("new2");
    const rotated = keyringFrom({ ...keyFile, current: "new2", keys: { ...keyFile.keys, ...next.keys } });
    await reencryptAll(database, rotated, app.encryptedColumns);
    for (const c of legacyTextColumns) {
      const rows = await database.asOwner((tx) =>
        sql<{
          value: string | null;
        }>`select ${sql.ref(c.column)} as value from ${sql.table(c.table)}`.execute(tx),
      );
      const values = rows.rows.flatMap((r) => (r.value === null ? [] : [r.value]));
      expect(values.length, c.column).toBeGreaterThan(0);
      for (const value of values) {
        expect(value.startsWith("enc1:new2:"), `${c.table}.${c.column}`).toBe(true);
        expect(decryptField(rotated, value, c.context)).toMatch(/Ana|ana\.torres/);
      }
    }
  });
});
