import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { statementBatches } from "../platform/db/statement-batches.ts";
import { nextTurn } from "../platform/next-turn.ts";
import { dimensionColumns } from "./engine/dimension-columns.ts";
import type { DimensionCount } from "./engine/dimension-counts.ts";
import { type ObservationColumns, periodToDate } from "./engine/prepare-flow-file.ts";
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
export { periodToDate };

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

/**
 * Inserts one chunk of observations as one statement that unnests one array per column (the fastest plain-SQL
 * bulk path on both PGlite and PostgreSQL, and a fixed number of bound parameters whatever the chunk's size).
 */
export async function insertObservationColumns(
  tx: Tx,
  scope: Scope,
  release: { id: string; published: boolean },
  chunk: ObservationColumns,
): Promise<void> {
  await sql`insert into flow_observations (tenant_id, release_id, published, period, measure, value,
      ${sql.join(dimensionColumns.map((c) => sql.ref(c)))}, extra)
    select ${scope.tenantId}, ${release.id}::uuid, ${release.published}, u.period::date, u.measure, u.value,
      ${sql.join(dimensionColumns.map((c) => sql.ref(`u.${c}`)))}, u.extra::jsonb
    from unnest(${chunk.period}::text[], ${chunk.measure}::text[], ${chunk.value}::float8[],
      ${sql.join(chunk.dims.map((values) => sql`${values}::text[]`))}, ${chunk.extra}::text[])
      as u(period, measure, value, ${sql.join(dimensionColumns.map((c) => sql.ref(c)))}, extra)`.execute(tx);
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
    /** The periods the file covers (`YYYY-MM` or `YYYY`). */
    periods: readonly string[];
    stored: number;
    /** The rollup sets stored for this file's periods. */
    rollupSets: string[];
    /** How many rows hold each (dimension, value). */
    dimensionCounts: readonly DimensionCount[];
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
  const periods = [...new Set(file.periods.map(periodToDate))];
  // A file may hold tens of thousands of periods or dimension values: each statement binds a bounded number.
  for (const part of statementBatches(periods, 6)) {
    await nextTurn();
    await tx
      .insertInto("flow_release_periods")
      .values(part.map((period) => ({ ...base, source: release.source, period, rollups: file.rollupSets })))
      .execute();
  }
  for (const part of statementBatches(file.dimensionCounts, 6)) {
    await nextTurn();
    await tx
      .insertInto("flow_release_dimensions")
      .values(part.map(([dimension, value, n]) => ({ ...base, dimension, value, row_count: n })))
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
