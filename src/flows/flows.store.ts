import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { dimensionColumns, isDimensionColumn } from "./flows.schema.ts";
import type { FlowRow } from "./flows-types.ts";
import "./flows.schema.ts";

/** A release as the store returns it. */
export interface ReleaseRecord {
  tenantId: string;
  id: string;
  source: string;
  label: string;
  grain: "month" | "year";
  published: boolean;
  importedAt: string;
  importedBy: string;
  rowCount: number;
  periodFrom: string | null;
  periodTo: string | null;
}

/** `2021-12` → `2021-12-01`, `2024` → `2024-01-01`: periods are stored as the first day they cover. */
export function periodToDate(period: string): string {
  return period.length === 4 ? `${period}-01-01` : `${period}-01`;
}

const releaseColumns = [
  "tenant_id",
  "id",
  "source",
  "label",
  "grain",
  "published",
  "imported_at",
  "imported_by",
  "row_count",
  "period_from",
  "period_to",
] as const;

type ReleaseRow = {
  tenant_id: string;
  id: string;
  source: string;
  label: string;
  grain: "month" | "year";
  published: boolean;
  imported_at: Date | string;
  imported_by: string;
  row_count: number;
  period_from: string | null;
  period_to: string | null;
};

function toRelease(r: ReleaseRow): ReleaseRecord {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    source: r.source,
    label: r.label,
    grain: r.grain,
    published: r.published,
    importedAt: new Date(r.imported_at).toISOString(),
    importedBy: r.imported_by,
    rowCount: Number(r.row_count),
    periodFrom: r.period_from,
    periodTo: r.period_to,
  };
}

/** The release (of this tenant) that already holds a file with this content, if any. */
export async function findFileRelease(
  tx: Tx,
  scope: Scope,
  source: string,
  sha256: string,
): Promise<{ releaseId: string; label: string } | undefined> {
  const row = await tx
    .selectFrom("flow_release_files as f")
    .innerJoin("flow_releases as r", (j) =>
      j.onRef("r.tenant_id", "=", "f.tenant_id").onRef("r.id", "=", "f.release_id"),
    )
    .select(["f.release_id", "r.label"])
    .where("f.tenant_id", "=", scope.tenantId)
    .where("f.source", "=", source)
    .where("f.sha256", "=", sha256)
    .executeTakeFirst();
  return row ? { releaseId: row.release_id, label: row.label } : undefined;
}

/** This tenant's release of a source with a label, if any. */
export async function findOwnRelease(
  tx: Tx,
  scope: Scope,
  source: string,
  label: string,
): Promise<ReleaseRecord | undefined> {
  const row = await tx
    .selectFrom("flow_releases")
    .select(releaseColumns)
    .where("tenant_id", "=", scope.tenantId)
    .where("source", "=", source)
    .where("label", "=", label)
    .executeTakeFirst();
  return row ? toRelease(row) : undefined;
}

/** Creates an empty release of this tenant. */
export async function insertRelease(
  tx: Tx,
  scope: Scope,
  input: { source: string; label: string; grain: "month" | "year"; published: boolean },
): Promise<ReleaseRecord> {
  const row = await tx
    .insertInto("flow_releases")
    .values({
      tenant_id: scope.tenantId,
      imported_by: scope.actorLabel,
      period_from: null,
      period_to: null,
      ...input,
    })
    .returning(releaseColumns)
    .executeTakeFirstOrThrow();
  return toRelease(row);
}

/** The periods a release already covers. */
export async function releasePeriods(tx: Tx, scope: Scope, releaseId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom("flow_release_periods")
    .select("period")
    .where("tenant_id", "=", scope.tenantId)
    .where("release_id", "=", releaseId)
    .execute();
  return rows.map((r) => r.period);
}

const insertChunk = 5000;

/**
 * Inserts observations in chunks of a few thousand rows, each chunk one statement that unnests one array per
 * column (the fastest plain-SQL bulk path on both PGlite and PostgreSQL). `onChunk` reports progress.
 */
export async function insertObservations(
  tx: Tx,
  scope: Scope,
  release: { id: string; published: boolean },
  rows: readonly FlowRow[],
  onChunk: (n: number) => void = () => {},
): Promise<void> {
  for (let start = 0; start < rows.length; start += insertChunk) {
    const chunk = rows.slice(start, start + insertChunk);
    const columns = dimensionColumns.map((name) => chunk.map((r) => r.dims[name] ?? null));
    const extra = chunk.map((r) => extraDims(r.dims));
    await sql`insert into flow_observations (tenant_id, release_id, published, period, measure, value,
        ${sql.join(dimensionColumns.map((c) => sql.ref(c)))}, extra)
      select ${scope.tenantId}, ${release.id}::uuid, ${release.published}, u.period::date, u.measure, u.value,
        ${sql.join(dimensionColumns.map((c) => sql.ref(`u.${c}`)))}, u.extra::jsonb
      from unnest(${chunk.map((r) => periodToDate(r.period))}::text[], ${chunk.map((r) => r.measure)}::text[],
        ${chunk.map((r) => r.value)}::float8[],
        ${sql.join(columns.map((values) => sql`${values}::text[]`))}, ${extra}::text[])
        as u(period, measure, value, ${sql.join(dimensionColumns.map((c) => sql.ref(c)))}, extra)`.execute(
      tx,
    );
    onChunk(chunk.length);
  }
}

function extraDims(dims: Record<string, string>): string | null {
  let extra: Record<string, string> | null = null;
  for (const [key, value] of Object.entries(dims)) {
    if (isDimensionColumn(key)) continue;
    extra ??= {};
    extra[key] = value;
  }
  return extra ? JSON.stringify(extra) : null;
}

/** Records a file of a release, its periods and its dimension values, and refreshes the release's totals. */
export async function recordReleaseContent(
  tx: Tx,
  scope: Scope,
  release: ReleaseRecord,
  file: {
    name: string;
    sha256: string;
    recordCount: number;
    rows: readonly FlowRow[];
    stored: number;
    /** The rollup sets stored for this file's periods. */
    rollupSets: string[];
  },
): Promise<void> {
  const base = { tenant_id: scope.tenantId, release_id: release.id, published: release.published };
  await tx
    .insertInto("flow_release_files")
    .values({
      ...base,
      source: release.source,
      sha256: file.sha256,
      file_name: file.name,
      record_count: file.recordCount,
      row_count: file.stored,
    })
    .execute();
  const periods = [...new Set(file.rows.map((r) => periodToDate(r.period)))];
  if (periods.length > 0) {
    await tx
      .insertInto("flow_release_periods")
      .values(
        periods.map((period) => ({ ...base, source: release.source, period, rollups: file.rollupSets })),
      )
      .execute();
  }
  const counts = dimensionCounts(file.rows);
  if (counts.length > 0) {
    await tx
      .insertInto("flow_release_dimensions")
      .values(counts.map(([dimension, value, n]) => ({ ...base, dimension, value, row_count: n })))
      .onConflict((oc) =>
        oc
          .columns(["tenant_id", "release_id", "dimension", "value"])
          .doUpdateSet({ row_count: sql`flow_release_dimensions.row_count + excluded.row_count` }),
      )
      .execute();
  }
  await sql`update flow_releases r set row_count = r.row_count + ${file.stored}, revision = r.revision + 1,
      period_from = (select min(period) from flow_release_periods p where p.tenant_id = r.tenant_id and p.release_id = r.id),
      period_to = (select max(period) from flow_release_periods p where p.tenant_id = r.tenant_id and p.release_id = r.id)
    where r.tenant_id = ${scope.tenantId} and r.id = ${release.id}::uuid`.execute(tx);
}

function dimensionCounts(rows: readonly FlowRow[]): [string, string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(`measure\u0000${row.measure}`, (counts.get(`measure\u0000${row.measure}`) ?? 0) + 1);
    for (const [key, value] of Object.entries(row.dims)) {
      const k = `${key}\u0000${value}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, n]) => {
    const [dimension = "", value = ""] = k.split("\u0000");
    return [dimension, value, n];
  });
}

/** Marks one of this tenant's releases (and every row under it) as published; false when it is not theirs. */
export async function markPublished(tx: Tx, scope: Scope, releaseId: string): Promise<boolean> {
  const found = await tx
    .updateTable("flow_releases")
    .set({ published: true })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", releaseId)
    .executeTakeFirst();
  if (Number(found.numUpdatedRows) === 0) return false;
  for (const table of [
    "flow_release_files",
    "flow_release_periods",
    "flow_release_dimensions",
    "flow_observations",
    "flow_rollups",
  ] as const) {
    await tx
      .updateTable(table)
      .set({ published: true })
      .where("tenant_id", "=", scope.tenantId)
      .where("release_id", "=", releaseId)
      .execute();
  }
  return true;
}

/** Releases the scope may read (its own and every published one), newest first, optionally of one source. */
export async function listReleases(tx: Tx, scope: Scope, source?: string): Promise<ReleaseRecord[]> {
  let query = tx
    .selectFrom("flow_releases")
    .select(releaseColumns)
    .where((eb) => eb.or([eb("tenant_id", "=", scope.tenantId), eb("published", "=", true)]));
  if (source) query = query.where("source", "=", source);
  const rows = await query.orderBy("imported_at", "desc").orderBy("id", "desc").execute();
  return rows.map(toRelease);
}

/** The files of releases the scope may read. */
export async function listReleaseFiles(
  tx: Tx,
  scope: Scope,
  releaseIds: string[],
): Promise<{ releaseId: string; name: string; sha256: string; rowCount: number }[]> {
  if (releaseIds.length === 0) return [];
  const rows = await tx
    .selectFrom("flow_release_files")
    .select(["release_id", "file_name", "sha256", "row_count"])
    .where((eb) => eb.or([eb("tenant_id", "=", scope.tenantId), eb("published", "=", true)]))
    .where("release_id", "in", releaseIds)
    .orderBy("file_name")
    .execute();
  return rows.map((r) => ({
    releaseId: r.release_id,
    name: r.file_name,
    sha256: r.sha256,
    rowCount: r.row_count,
  }));
}
