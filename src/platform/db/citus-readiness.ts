import { sql } from "kysely";
import type { Tx } from "./connect.ts";
import type { TableKind } from "./table-kinds.ts";

/**
 * Whether the schema can be distributed by `tenant_id` under Citus as it stands (docs/scale.md): the rules
 * Citus imposes on distributed tables, checked against the catalog rows of one schema.
 */

export interface CatalogTable {
  name: string;
  columns: string[];
  rowSecurity: boolean;
  /** `relreplident`: d (primary key), f (whole row), i (an index), n (none). */
  replicaIdentity: string;
}

/** A primary key, unique constraint, exclusion constraint or unique index (key columns only). */
export interface CatalogKey {
  table: string;
  name: string;
  kind: "primary key" | "unique" | "exclusion" | "unique index";
  /** Key columns in order; an expression shows as `(expression)`. */
  columns: string[];
}

export interface CatalogForeignKey {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

export interface CatalogPolicy {
  table: string;
  name: string;
  /** The USING and WITH CHECK expressions as PostgreSQL prints them; null when absent. */
  using: string | null;
  withCheck: string | null;
}

export interface Catalog {
  tables: CatalogTable[];
  keys: CatalogKey[];
  foreignKeys: CatalogForeignKey[];
  policies: CatalogPolicy[];
}

export const DISTRIBUTION_COLUMN = "tenant_id";

/** The one tenant rule RLS policies repeat, as the catalog prints it. */
const TENANT_RULE = "(tenant_id = current_setting('app.tenant_id'::text, true))";

/** Reads the tables, keys, foreign keys and row-level-security policies of `schema`. */
export async function readCatalog(tx: Tx, schema = "public"): Promise<Catalog> {
  const tables = await sql<{
    name: string;
    columns: string[];
    row_security: boolean;
    replica_identity: string;
  }>`
    select c.relname as name, c.relrowsecurity as row_security, c.relreplident::text as replica_identity,
           coalesce((select json_agg(a.attname::text order by a.attnum) from pg_attribute a
                     where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]'::json) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(tx);
  const constraints = await sql<{
    table: string;
    name: string;
    type: string;
    columns: string[];
    ref_table: string | null;
    ref_columns: string[] | null;
  }>`
    select c.relname as table, k.conname as name, k.contype as type,
           (select json_agg(a.attname::text order by u.ord) from unnest(k.conkey) with ordinality u(attnum, ord)
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum) as columns,
           r.relname as ref_table,
           (select json_agg(a.attname::text order by u.ord) from unnest(k.confkey) with ordinality u(attnum, ord)
            join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum) as ref_columns
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_class r on r.oid = k.confrelid
    where n.nspname = ${schema} and k.contype in ('p', 'u', 'x', 'f')
    order by c.relname, k.conname`.execute(tx);
  // Unique indexes that back no constraint (`create unique index`): Citus holds them to the same rule.
  const uniqueIndexes = await sql<{ table: string; name: string; columns: string[] }>`
    select c.relname as table, ic.relname as name,
           (select json_agg(case when u.attnum = 0 then '(expression)' else a.attname::text end order by u.ord)
            from unnest((i.indkey::int2[])[0:i.indnkeyatts - 1]) with ordinality u(attnum, ord)
            left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.attnum) as columns
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and i.indisunique
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
    order by c.relname, ic.relname`.execute(tx);
  const policies = await sql<{
    table: string;
    name: string;
    using: string | null;
    with_check: string | null;
  }>`
    select tablename::text as table, policyname::text as name, qual as using, with_check
    from pg_policies where schemaname = ${schema} order by tablename, policyname`.execute(tx);

  const keyKinds: Record<string, CatalogKey["kind"]> = { p: "primary key", u: "unique", x: "exclusion" };
  return {
    tables: tables.rows.map((t) => ({
      name: t.name,
      columns: t.columns,
      rowSecurity: t.row_security,
      replicaIdentity: t.replica_identity,
    })),
    keys: [
      ...constraints.rows
        .filter((k) => k.type !== "f")
        .map((k) => ({
          table: k.table,
          name: k.name,
          kind: keyKinds[k.type] ?? "unique",
          columns: k.columns,
        })),
      ...uniqueIndexes.rows.map((k) => ({
        table: k.table,
        name: k.name,
        kind: "unique index" as const,
        columns: k.columns,
      })),
    ],
    foreignKeys: constraints.rows
      .filter((k) => k.type === "f")
      .map((k) => ({
        table: k.table,
        name: k.name,
        columns: k.columns,
        refTable: k.ref_table ?? "",
        refColumns: k.ref_columns ?? [],
      })),
    policies: policies.rows.map((p) => ({
      table: p.table,
      name: p.name,
      using: p.using,
      withCheck: p.with_check,
    })),
  };
}

/** Whether a policy only ever admits the transaction's own tenant. */
function tenantBound(policy: CatalogPolicy): boolean {
  const admits = (e: string | null) => e === null || e === TENANT_RULE;
  return (
    (policy.using !== null || policy.withCheck !== null) && admits(policy.using) && admits(policy.withCheck)
  );
}

/**
 * Every way the catalog breaks the rules of a tenant-distributed schema, one sentence each naming the table
 * and the constraint; empty when the schema can be distributed as it is.
 */
export function citusReadinessViolations(
  catalog: Catalog,
  kinds: Readonly<Record<string, TableKind>>,
): string[] {
  const problems: string[] = [];
  const present = new Set(catalog.tables.map((t) => t.name));
  const kindOf = (table: string) => kinds[table]?.kind;

  for (const table of catalog.tables) {
    const kind = kinds[table.name];
    if (!kind) {
      problems.push(
        `${table.name}: not listed in table-kinds (say whether it is a tenant or a reference table)`,
      );
      continue;
    }
    if (kind.kind === "reference") continue;
    if (!table.columns.includes(DISTRIBUTION_COLUMN)) {
      problems.push(`${table.name}: tenant table without a ${DISTRIBUTION_COLUMN} column`);
    }
    if (!table.rowSecurity) problems.push(`${table.name}: tenant table without row-level security`);
    // Moving a shard between workers while it is written replicates its updates and deletes logically, which
    // needs a primary key or the whole row as replica identity.
    const keyed = catalog.keys.some((k) => k.table === table.name && k.kind === "primary key");
    if (!keyed && table.replicaIdentity !== "f") {
      problems.push(`${table.name}: tenant table with neither a primary key nor a full replica identity`);
    }
    const policies = catalog.policies.filter((p) => p.table === table.name);
    if (table.rowSecurity && policies.length === 0) {
      problems.push(`${table.name}: row-level security is on but no policy admits a tenant`);
    }
    const declared = new Set(kind.crossTenantPolicies ?? []);
    for (const policy of policies) {
      if (!tenantBound(policy) && !declared.has(policy.name)) {
        problems.push(
          `${table.name}: policy ${policy.name} admits rows of other tenants but is not declared in table-kinds`,
        );
      }
    }
    for (const name of declared) {
      if (!policies.some((p) => p.name === name)) {
        problems.push(`${table.name}: table-kinds declares policy ${name}, which does not exist`);
      }
    }
  }
  for (const name of Object.keys(kinds)) {
    if (!present.has(name)) problems.push(`${name}: listed in table-kinds but no such table exists`);
  }

  for (const key of catalog.keys) {
    if (kindOf(key.table) !== "tenant") continue;
    if (!key.columns.includes(DISTRIBUTION_COLUMN)) {
      problems.push(
        `${key.table}: ${key.kind} ${key.name} (${key.columns.join(", ")}) does not include ${DISTRIBUTION_COLUMN}`,
      );
    }
  }

  for (const fk of catalog.foreignKeys) {
    const from = kindOf(fk.table);
    const to = kindOf(fk.refTable);
    const shape = `${fk.name} (${fk.columns.join(", ")}) → ${fk.refTable} (${fk.refColumns.join(", ")})`;
    if (from === "reference" && to === "tenant") {
      problems.push(`${fk.table}: reference table refers to tenant table by ${shape}`);
    } else if (from === "tenant" && to === "tenant") {
      const paired = fk.columns.some(
        (column, i) => column === DISTRIBUTION_COLUMN && fk.refColumns[i] === DISTRIBUTION_COLUMN,
      );
      if (!paired) {
        problems.push(`${fk.table}: foreign key ${shape} does not pair ${DISTRIBUTION_COLUMN} on both sides`);
      }
    }
  }
  return problems;
}

/**
 * The statements that turn a migrated single-server schema into a distributed one, in an order Citus accepts:
 * reference tables first (referenced ones before those that refer to them), then tenant tables, each after
 * every tenant table it refers to, all colocated with the first so one nation's rows share a worker.
 */
export function citusDistributionPlan(
  catalog: Catalog,
  kinds: Readonly<Record<string, TableKind>>,
): string[] {
  const problems = citusReadinessViolations(catalog, kinds);
  if (problems.length > 0) throw new Error(`the schema is not ready to distribute:\n${problems.join("\n")}`);
  const names = catalog.tables.map((t) => t.name).sort();
  const refersTo = new Map(names.map((n) => [n, new Set<string>()]));
  for (const fk of catalog.foreignKeys) {
    if (fk.refTable !== fk.table) refersTo.get(fk.table)?.add(fk.refTable);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (kind: TableKind["kind"]) => {
    let pending = names.filter((n) => kinds[n]?.kind === kind && !placed.has(n));
    while (pending.length > 0) {
      const ready = pending.filter((n) => [...(refersTo.get(n) ?? [])].every((r) => placed.has(r)));
      if (ready.length === 0) throw new Error(`foreign keys form a loop among: ${pending.join(", ")}`);
      for (const n of ready) {
        placed.add(n);
        ordered.push(n);
      }
      pending = pending.filter((n) => !placed.has(n));
    }
  };
  place("reference");
  place("tenant");
  let first: string | undefined;
  return ordered.map((table) => {
    if (kinds[table]?.kind === "reference") return `select create_reference_table('${table}');`;
    const colocate = first ?? "none";
    first ??= table;
    return `select create_distributed_table('${table}', '${DISTRIBUTION_COLUMN}', colocate_with => '${colocate}');`;
  });
}
