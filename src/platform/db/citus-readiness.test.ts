import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/harness.ts";
import {
  type Catalog,
  citusDistributionPlan,
  citusReadinessViolations,
  readCatalog,
} from "./citus-readiness.ts";
import type { Database } from "./connect.ts";
import { TABLE_KINDS, type TableKind } from "./table-kinds.ts";

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database.close();
  await drop();
});

/** Runs `fn` as the owner in a transaction that is always rolled back. */
async function inRolledBack<T>(fn: Parameters<Database["asOwner"]>[0]): Promise<T> {
  const rollback = new Error("roll back");
  let result: T | undefined;
  await database
    .asOwner(async (tx) => {
      result = (await fn(tx)) as T;
      throw rollback;
    })
    .catch((error) => {
      if (error !== rollback) throw error;
    });
  return result as T;
}

describe("the migrated schema is ready to distribute by tenant_id", () => {
  it("lists every table in table-kinds, and keeps Citus' rules on every tenant table", async () => {
    const catalog = await database.asOwner((tx) => readCatalog(tx));
    // The catalog queries really read the schema: a check on an empty catalog would pass by saying nothing.
    expect(catalog.tables.length).toBe(Object.keys(TABLE_KINDS).length);
    expect(catalog.keys.filter((k) => k.kind === "primary key").length).toBeGreaterThan(50);
    expect(catalog.foreignKeys.length).toBeGreaterThan(50);
    expect(catalog.policies.length).toBeGreaterThan(50);
    expect(citusReadinessViolations(catalog, TABLE_KINDS)).toEqual([]);
  });

  it("reports a seeded violation of each rule in the live catalog", async () => {
    const kinds: Record<string, TableKind> = {
      ...TABLE_KINDS,
      probe_parents: { kind: "tenant" },
      probe_children: { kind: "tenant" },
      probe_shared: { kind: "reference", reason: "a probe" },
    };
    const problems = await inRolledBack<string[]>(async (tx) => {
      await sql`create table probe_parents (
        tenant_id text not null references tenants (id), id uuid not null, code text not null,
        primary key (id))`.execute(tx);
      await sql`create unique index probe_parents_code on probe_parents (code)`.execute(tx);
      await sql`alter table probe_parents add constraint probe_parents_tenant_id unique (tenant_id, id)`.execute(
        tx,
      );
      await sql`select enable_tenant_isolation('probe_parents')`.execute(tx);
      await sql`create policy everyone_reads on probe_parents for select using (true)`.execute(tx);
      await sql`create table probe_children (
        tenant_id text not null, id uuid not null, parent_id uuid not null references probe_parents (id),
        primary key (tenant_id, id))`.execute(tx);
      await sql`create table probe_shared (
        code text primary key, tenant_id text not null, parent_id uuid not null,
        foreign key (tenant_id, parent_id) references probe_parents (tenant_id, id))`.execute(tx);
      await sql`create table probe_unlisted (id int primary key)`.execute(tx);
      return citusReadinessViolations(await readCatalog(tx), kinds);
    });
    expect(problems).toEqual([
      "probe_children: tenant table without row-level security",
      "probe_parents: policy everyone_reads admits rows of other tenants but is not declared in table-kinds",
      "probe_unlisted: not listed in table-kinds (say whether it is a tenant or a reference table)",
      "probe_parents: primary key probe_parents_pkey (id) does not include tenant_id",
      "probe_parents: unique index probe_parents_code (code) does not include tenant_id",
      "probe_children: foreign key probe_children_parent_id_fkey (parent_id) → probe_parents (id) does not pair tenant_id on both sides",
      "probe_shared: reference table refers to tenant table by probe_shared_tenant_id_parent_id_fkey (tenant_id, parent_id) → probe_parents (tenant_id, id)",
    ]);
    // Nothing of the probe outlived its transaction.
    const after = await database.asOwner((tx) => readCatalog(tx));
    expect(citusReadinessViolations(after, TABLE_KINDS)).toEqual([]);
  });
});

describe("citusReadinessViolations", () => {
  const kinds: Record<string, TableKind> = {
    tenants: { kind: "reference", reason: "nations" },
    cases: { kind: "tenant" },
    notes: { kind: "tenant", crossTenantPolicies: ["partner_reads"] },
  };
  const rule = "(tenant_id = current_setting('app.tenant_id'::text, true))";
  const sound = (): Catalog => ({
    tables: [
      { name: "tenants", columns: ["id"], rowSecurity: false, replicaIdentity: "d" },
      { name: "cases", columns: ["tenant_id", "id"], rowSecurity: true, replicaIdentity: "d" },
      {
        name: "notes",
        columns: ["tenant_id", "id", "case_id", "partner"],
        rowSecurity: true,
        replicaIdentity: "d",
      },
    ],
    keys: [
      { table: "tenants", name: "tenants_pkey", kind: "primary key", columns: ["id"] },
      { table: "cases", name: "cases_pkey", kind: "primary key", columns: ["tenant_id", "id"] },
      { table: "notes", name: "notes_pkey", kind: "primary key", columns: ["tenant_id", "id"] },
    ],
    foreignKeys: [
      { table: "cases", name: "cases_t", columns: ["tenant_id"], refTable: "tenants", refColumns: ["id"] },
      {
        table: "notes",
        name: "notes_case",
        columns: ["case_id", "tenant_id"],
        refTable: "cases",
        refColumns: ["id", "tenant_id"],
      },
    ],
    policies: [
      { table: "cases", name: "tenant_isolation", using: rule, withCheck: rule },
      { table: "notes", name: "tenant_isolation", using: rule, withCheck: rule },
      {
        table: "notes",
        name: "partner_reads",
        using: "(partner = current_setting('app.tenant_id'))",
        withCheck: null,
      },
    ],
  });

  it("passes a sound schema: tenant keys first, tenant-to-reference keys allowed, declared shared reads", () => {
    expect(citusReadinessViolations(sound(), kinds)).toEqual([]);
  });

  it("refuses a tenant table without tenant_id, and a listed table that does not exist", () => {
    const catalog = sound();
    catalog.tables[1] = { name: "cases", columns: ["id"], rowSecurity: true, replicaIdentity: "d" };
    expect(citusReadinessViolations(catalog, { ...kinds, ghosts: { kind: "tenant" } })).toEqual([
      "cases: tenant table without a tenant_id column",
      "ghosts: listed in table-kinds but no such table exists",
    ]);
  });

  it("refuses a foreign key that pairs tenant_id with another column", () => {
    const catalog = sound();
    catalog.foreignKeys[1] = {
      table: "notes",
      name: "notes_case",
      columns: ["tenant_id", "case_id"],
      refTable: "cases",
      refColumns: ["id", "tenant_id"],
    };
    expect(citusReadinessViolations(catalog, kinds)).toEqual([
      "notes: foreign key notes_case (tenant_id, case_id) → cases (id, tenant_id) does not pair tenant_id on both sides",
    ]);
  });

  it("refuses a declared cross-tenant policy that does not exist, and a tenant table without a primary key", () => {
    const catalog = sound();
    catalog.policies = catalog.policies.filter((p) => p.name !== "partner_reads");
    catalog.keys = catalog.keys.filter((k) => k.table !== "cases");
    expect(citusReadinessViolations(catalog, kinds)).toEqual([
      "cases: tenant table with neither a primary key nor a full replica identity",
      "notes: table-kinds declares policy partner_reads, which does not exist",
    ]);
  });
});

describe("citusDistributionPlan", () => {
  it("distributes every table once, references first, each after the tables it refers to", async () => {
    const catalog = await database.asOwner((tx) => readCatalog(tx));
    const plan = citusDistributionPlan(catalog, TABLE_KINDS);
    const tableOf = (statement: string) => /\('([a-z_]+)'/.exec(statement)?.[1] ?? "";
    const order = plan.map(tableOf);
    expect([...order].sort()).toEqual(Object.keys(TABLE_KINDS).sort());
    const references = plan.filter((s) => s.startsWith("select create_reference_table"));
    expect(references.map(tableOf).sort()).toEqual(
      Object.entries(TABLE_KINDS)
        .filter(([, k]) => k.kind === "reference")
        .map(([t]) => t)
        .sort(),
    );
    expect(plan.slice(0, references.length)).toEqual(references);
    for (const fk of catalog.foreignKeys) {
      if (fk.table !== fk.refTable) expect(order.indexOf(fk.refTable)).toBeLessThan(order.indexOf(fk.table));
    }
    // One colocation group: the first tenant table starts it, every other joins it.
    const first = plan[references.length] ?? "";
    expect(first).toMatch(/colocate_with => 'none'\);$/);
    for (const statement of plan.slice(references.length + 1)) {
      expect(statement).toContain(`colocate_with => '${tableOf(first)}'`);
    }
  });

  it("refuses a schema that breaks a rule", async () => {
    const catalog = await database.asOwner((tx) => readCatalog(tx));
    expect(() => citusDistributionPlan(catalog, { ...TABLE_KINDS, tenants: { kind: "tenant" } })).toThrow(
      /tenants: tenant table without a tenant_id column/,
    );
  });
});
