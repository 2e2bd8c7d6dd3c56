import { type RawBuilder, sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { dimensionColumns, isDimensionColumn } from "./engine/dimension-columns.ts";
import { rollupSetFor } from "./engine/flow-rollups.ts";
import "./flows.schema.ts";

/** What a series query asks for; dimension names are checked by the caller (snake_case). */
export interface SeriesSpec {
  source: string;
  measure: string;
  /** dimension → accepted values (any of them). */
  filters: Record<string, string[]>;
  groupBy?: string | undefined;
  grain: "month" | "year";
  yearType: "calendar" | "fiscal";
  /** Inclusive bounds as dates (first day of a period). */
  from?: string | undefined;
  to?: string | undefined;
  /** One release only; otherwise, per period, the latest visible release covering it. */
  releaseId?: string | undefined;
  /** Only releases of this tenant. */
  nation?: string | undefined;
  /** With a group-by: how many groups, largest total first. */
  limit: number;
}

/** One aggregated figure: period label, group key (null without a group-by), total. */
export interface SeriesCell {
  period: string;
  key: string | null;
  value: number;
}

/** The SQL for a dimension of an observation: its column, or its key in `extra`. */
export function dimensionRef(name: string): RawBuilder<string | null> {
  if (isDimensionColumn(name)) return sql<string | null>`${sql.ref(`o.${name}`)}`;
  return sql<string | null>`o.extra ->> ${name}`;
}

const visible = (scope: Scope) => sql`(p.tenant_id = ${scope.tenantId} or p.published)`;

/**
 * The (tenant, release, period) triples a query reads: per period the latest release, or one release; `rolled`
 * says whether that period's file stored the rollup set the query can use.
 */
function effectivePeriods(scope: Scope, spec: SeriesSpec, rollupSet: string | null): RawBuilder<unknown> {
  const bounds = [
    spec.from ? sql`and p.period >= ${spec.from}::date` : sql``,
    spec.to ? sql`and p.period <= ${spec.to}::date` : sql``,
    spec.nation ? sql`and p.tenant_id = ${spec.nation}` : sql``,
  ];
  const rolled = rollupSet === null ? sql`false` : sql`${rollupSet}::text = any(p.rollups)`;
  if (spec.releaseId) {
    return sql`select p.tenant_id, p.release_id, p.period, ${rolled} as rolled from flow_release_periods p
      where ${visible(scope)} and p.source = ${spec.source} and p.release_id = ${spec.releaseId}::uuid ${sql.join(bounds, sql` `)}`;
  }
  return sql`select distinct on (p.period) p.tenant_id, p.release_id, p.period, ${rolled} as rolled
    from flow_release_periods p join flow_releases r on r.tenant_id = p.tenant_id and r.id = p.release_id
    where ${visible(scope)} and p.source = ${spec.source} ${sql.join(bounds, sql` `)}
    order by p.period, r.imported_at desc, r.id desc`;
}

function periodLabel(spec: SeriesSpec): RawBuilder<string> {
  if (spec.grain === "month") return sql<string>`to_char(c.period, 'YYYY-MM')`;
  if (spec.yearType === "fiscal") return sql<string>`'FY' || to_char(c.period + interval '3 months', 'YYYY')`;
  return sql<string>`to_char(c.period, 'YYYY')`;
}

type Ref = (name: string) => RawBuilder<string | null>;

function filterClauses(filters: Record<string, string[]>, ref: Ref): RawBuilder<unknown>[] {
  return Object.entries(filters).map(([name, values]) =>
    values.length === 1
      ? sql`and ${ref(name)} = ${values[0]}`
      : sql`and ${ref(name)} = any(${values}::text[])`,
  );
}

/** The figures of the periods whose file did not store the rollup set (all of them when there is none). */
function figureCells(spec: SeriesSpec): RawBuilder<unknown> {
  const key = spec.groupBy ? dimensionRef(spec.groupBy) : sql`null::text`;
  return sql`select o.period, ${key} as key, o.value from eff join flow_observations o
      on o.tenant_id = eff.tenant_id and o.release_id = eff.release_id and o.period = eff.period
    where not eff.rolled and o.measure = ${spec.measure} ${sql.join(filterClauses(spec.filters, dimensionRef), sql` `)}`;
}

/** The same cells read from the packed rollup rows, for the periods whose file stored the set. */
function rollupCells(spec: SeriesSpec, set: string): RawBuilder<unknown> {
  const names = set === "" ? [] : set.split(",");
  const ref: Ref = (name) => sql<string | null>`${sql.ref(`k.k${names.indexOf(name) + 1}`)}`;
  const key = spec.groupBy ? ref(spec.groupBy) : sql`null::text`;
  return sql`select r.period, ${key} as key, k.value from eff join flow_rollups r
      on r.tenant_id = eff.tenant_id and r.release_id = eff.release_id and r.dims = ${set}
        and r.measure = ${spec.measure} and r.period = eff.period
      cross join lateral unnest(r.keys1, r.keys2, r.vals) as k(k1, k2, value)
    where eff.rolled ${sql.join(filterClauses(spec.filters, ref), sql` `)}`;
}

/**
 * Sums a measure per period (and per group), over the releases the scope may read. Periods whose file stored
 * the rollup of exactly the filtered and grouped dimensions read a few packed rows; others read the figures.
 */
export async function querySeries(tx: Tx, scope: Scope, spec: SeriesSpec): Promise<SeriesCell[]> {
  const set = rollupSetFor(Object.keys(spec.filters), spec.groupBy);
  const cells =
    set === null ? figureCells(spec) : sql`${rollupCells(spec, set)} union all ${figureCells(spec)}`;
  const topGroups = spec.groupBy
    ? sql`where c.key in (select key from cells where key is not null group by 1 order by sum(value) desc limit ${spec.limit})`
    : sql``;
  const result = await sql<{ period: string; key: string | null; value: number }>`
    with eff as materialized (${effectivePeriods(scope, spec, set)}), cells as (${cells})
    select ${periodLabel(spec)} as period, c.key, sum(c.value)::float8 as value
    from cells c ${topGroups}
    group by 1, 2 order by 1, 2`.execute(tx);
  return result.rows.map((r) => ({ period: r.period, key: r.key, value: Number(r.value) }));
}

/** Dimension values of the visible releases of a source (or of one release), with their row counts. */
export async function queryDimensions(
  tx: Tx,
  scope: Scope,
  source: string,
  releaseId?: string,
): Promise<{ dimension: string; value: string; rows: number }[]> {
  const result = await sql<{ dimension: string; value: string; rows: number }>`
    select d.dimension, d.value, sum(d.row_count)::int as rows
    from flow_release_dimensions d join flow_releases p on p.tenant_id = d.tenant_id and p.id = d.release_id
    where ${visible(scope)} and p.source = ${source} ${releaseId ? sql`and p.id = ${releaseId}::uuid` : sql``}
    group by 1, 2 order by 1, 3 desc, 2`.execute(tx);
  return result.rows.map((r) => ({ ...r, rows: Number(r.rows) }));
}

/** A figure that differs between two releases, at the finest grain both hold. */
export interface RevisionCell {
  period: string;
  measure: string;
  dims: Record<string, string>;
  from: number;
  to: number;
}

const dimsObject = sql`(jsonb_strip_nulls(jsonb_build_object(${sql.join(
  dimensionColumns.map((c) => sql`${c}::text, ${sql.ref(`o.${c}`)}`),
)})) || coalesce(o.extra, '{}'::jsonb))`;

/** Figures that changed between two visible releases over the periods both cover (a missing figure is zero). */
export async function queryRevisions(
  tx: Tx,
  scope: Scope,
  fromId: string,
  toId: string,
  limit: number,
): Promise<{ cells: RevisionCell[]; total: number }> {
  const side = (
    id: string,
    other: string,
  ) => sql`select o.period, o.measure, ${dimsObject} as dims, sum(o.value) as v
    from flow_observations o where (o.tenant_id = ${scope.tenantId} or o.published) and o.release_id = ${id}::uuid
      and o.period in (select period from flow_release_periods p where (p.tenant_id = ${scope.tenantId} or p.published) and p.release_id = ${other}::uuid)
    group by 1, 2, 3`;
  const result = await sql<{
    period: string;
    measure: string;
    dims: Record<string, string>;
    a: number;
    b: number;
    total: number;
  }>`
    with a as (${side(fromId, toId)}), b as (${side(toId, fromId)}),
    changed as (
      select coalesce(a.period, b.period) as period, coalesce(a.measure, b.measure) as measure,
        coalesce(a.dims, b.dims) as dims, coalesce(a.v, 0)::float8 as a, coalesce(b.v, 0)::float8 as b
      from a full join b on a.period = b.period and a.measure = b.measure and a.dims = b.dims
      where coalesce(a.v, 0) <> coalesce(b.v, 0))
    select to_char(period, 'YYYY-MM-DD') as period, measure, dims, a, b, count(*) over ()::int as total
    from changed order by abs(b - a) desc, period, measure limit ${limit}`.execute(tx);
  const cells = result.rows.map((r) => ({
    period: r.period,
    measure: r.measure,
    dims: r.dims,
    from: Number(r.a),
    to: Number(r.b),
  }));
  return { cells, total: Number(result.rows[0]?.total ?? 0) };
}
