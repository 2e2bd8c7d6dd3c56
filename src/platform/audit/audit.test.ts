import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/harness.ts";
import { type Scope, systemScope } from "../auth/scope.ts";
import { inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import { type AuditInput, recordAudit } from "./audit.ts";
import { integratePending } from "./audit-sequencer.ts";
import { verifyAuditChains } from "./audit-verify.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const record = (scope: Scope, input: AuditInput) =>
  inScope(t.database.db, { tenantId: input.tenantId ?? scope.tenantId }, (tx) =>
    recordAudit(tx, scope, input),
  );

async function eventsOf(tenantId: string) {
  return t.database.asOwner((tx) =>
    tx.selectFrom("audit_events").selectAll().where("tenant_id", "=", tenantId).orderBy("seq").execute(),
  );
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("recordAudit refuses what the log could not store byte for byte", () => {
  const scope = systemScope("PER", "test");
  it.each<[string, Scope, AuditInput, string]>([
    ["a lone surrogate in the target", scope, { action: "t.x", targetId: "CASE-\ud800" }, "targetId"],
    ["NUL in the action", scope, { action: "t.\u0000x" }, "action"],
    ["a lone surrogate in the target type", scope, { action: "t.x", targetType: "\udc00" }, "targetType"],
    [
      "a lone surrogate in the actor",
      { ...scope, actorLabel: "ana\ud83d@per.test" },
      { action: "t.x" },
      "actorLabel",
    ],
    ["NUL in the request id", { ...scope, requestId: "r\u0000" }, { action: "t.x" }, "requestId"],
    [
      "a lone surrogate in a detail",
      scope,
      { action: "t.x", details: { ref: ["ok", "\ud800"] } },
      "details.ref[1]",
    ],
    [
      "a lone surrogate in a detail's key",
      scope,
      { action: "t.x", details: { "\ud800": 1 } },
      "details (a key)",
    ],
  ])("%s: BAD_INPUT naming the field, and nothing written", async (_, who, input, field) => {
    const before = (await eventsOf("PER")).length;
    const error = await refusal(record(who, input));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.details).toEqual({ field });
    expect(error.message).toContain(`field ${field}`);
    expect((await eventsOf("PER")).length).toBe(before);
  });
});

describe("recordAudit keeps every well-formed string exactly", () => {
  it("stores and verifies accents, emoji, combining marks, U+FFFD and line separators in every field", async () => {
    const texts = ["Núñez", "🙂🇨🇴", "e\u0301", "\ufffd", "a\u2028b", "עברית", "tab\tand\nnewline", "\u007f"];
    const scope = {
      ...systemScope("CHL", "test"),
      actorLabel: `José ${texts.join(" ")}`,
      requestId: "req-ñ-🙂",
    };
    for (const [i, text] of texts.entries())
      await record(scope, {
        action: `test.${text}`,
        targetType: text,
        targetId: text,
        details: { [text]: text, list: [text, i, i / 3, null, true], nested: { deep: text } },
      });
    const stored = await eventsOf("CHL");
    expect(stored.map((e) => e.target_id)).toEqual(texts);
    expect(stored.every((e) => e.actor_label === scope.actorLabel && e.request_id === "req-ñ-🙂")).toBe(true);
    expect(stored.every((e) => /^[\x20-\x7e]*$/.test(e.canonical ?? "-"))).toBe(true);
    await integratePending(t.database);
    const chl = (await verifyAuditChains(t.database)).find((r) => r.tenantId === "CHL");
    expect(chl).toMatchObject({ ok: true, events: texts.length, pending: 0 });
  });

  it("writes into another tenant's log when asked, and leaves each event pending until it is sequenced", async () => {
    const { seq, hash } = await record(systemScope("REG", "test"), { action: "test.cross", tenantId: "URY" });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const [event] = await eventsOf("URY");
    expect(event).toMatchObject({ seq, actor_tenant: "REG", hash });
    const queued = await t.database.asOwner((tx) =>
      tx.selectFrom("audit_pending").selectAll().where("tenant_id", "=", "URY").execute(),
    );
    expect(queued.map((q) => Number(q.seq))).toEqual([seq]);
  });
});

describe("recordAudit takes no lock a nation's other writers wait for", () => {
  // PGlite is one connection: transactions cannot overlap there, so this needs a server.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "lets a second writer of the nation commit while the first is open",
    async () => {
      const scope = systemScope("PRY", "test");
      let releaseFirst!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      let firstRecorded!: () => void;
      const firstHasRecorded = new Promise<void>((resolve) => {
        firstRecorded = resolve;
      });
      const first = inScope(t.database.db, scope, async (tx) => {
        await recordAudit(tx, scope, { action: "test.first" });
        firstRecorded();
        await firstMayCommit;
      });
      await firstHasRecorded;
      const second = record(scope, { action: "test.second" });
      const outcome = await Promise.race([
        second.then(() => "committed"),
        new Promise((resolve) => setTimeout(() => resolve("waiting"), 5000)),
      ]);
      releaseFirst();
      await Promise.all([first, second]);
      expect(outcome).toBe("committed");
    },
  );
});
