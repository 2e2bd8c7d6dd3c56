import { type Insertable, type Selectable, sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { PlacementAssignmentsTable, PlacementRunsTable } from "./placement.schema.ts";

// SQL for runs, assignments and overrides. Every function takes the scope and filters on its tenant; row-level
// security repeats the rule. The large input columns are read only where they are needed.

const BATCH = 500;

/** A run's figures without its inputs, as listed. */
export type RunRow = Pick<
  Selectable<PlacementRunsTable>,
  | "id"
  | "label"
  | "source"
  | "pledge_year"
  | "method"
  | "optimal"
  | "objective"
  | "bound"
  | "gap"
  | "seconds"
  | "case_count"
  | "place_count"
  | "assigned"
  | "unassigned"
  | "override_count"
  | "created_by"
  | "created_at"
>;

/** A run with its options and places (the inputs the pages and overrides need). */
export type RunWithPlaces = RunRow & {
  options: unknown;
  places: unknown;
  fairness: unknown;
  application_source: unknown;
};

/** A run to store: its figures, options and places as JSON text. */
export type NewRun = Omit<RunRow, "id" | "override_count" | "created_at"> & {
  options: string;
  places: string;
  /** The outcome model's fairness report when the platform trained the scores; null otherwise. */
  fairness: string | null;
  /** What a run from applications took and left (ids and reasons); null for other sources. */
  application_source: string | null;
  input_digest: string;
  created_by_user: string | null;
};

/** An assignment to store (JSON columns as text). */
export type NewAssignment = Omit<
  Insertable<PlacementAssignmentsTable>,
  "tenant_id" | "run_id" | "overridden"
>;

/** A stored assignment (JSON columns parsed). */
export type AssignmentRecord = Omit<Selectable<PlacementAssignmentsTable>, "tenant_id" | "run_id">;

const runColumns = [
  "id",
  "label",
  "source",
  "pledge_year",
  "method",
  "optimal",
  "objective",
  "bound",
  "gap",
  "seconds",
  "case_count",
  "place_count",
  "assigned",
  "unassigned",
  "override_count",
  "created_by",
  "created_at",
] as const satisfies readonly (keyof PlacementRunsTable)[];

/** Stores a run's header and returns its id. */
export async function insertRun(tx: Tx, scope: Scope, run: NewRun): Promise<string> {
  const row = await tx
    .insertInto("placement_runs")
    .values({ ...run, tenant_id: scope.tenantId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Stores a run's assignments in batches. */
export async function insertAssignments(
  tx: Tx,
  scope: Scope,
  runId: string,
  rows: NewAssignment[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx
      .insertInto("placement_assignments")
      .values(rows.slice(i, i + BATCH).map((r) => ({ ...r, tenant_id: scope.tenantId, run_id: runId })))
      .execute();
  }
}

/** The tenant's runs, newest first. */
export function listRuns(tx: Tx, scope: Scope, limit: number): Promise<RunRow[]> {
  return tx
    .selectFrom("placement_runs")
    .select(runColumns)
    .where("tenant_id", "=", scope.tenantId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/** One run with its options and places; `lock` holds it for an override (one writer at a time). */
export async function findRun(
  tx: Tx,
  scope: Scope,
  id: string,
  lock = false,
): Promise<RunWithPlaces | undefined> {
  const query = tx
    .selectFrom("placement_runs")
    .select([...runColumns, "options", "places", "fairness", "application_source"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Persons, cases and total score currently placed at each place of a run. */
export async function placeUsage(tx: Tx, scope: Scope, runId: string) {
  const rows = await sql<{ place_id: string; persons: number; cases: number; score: number }>`
    select place_id, sum(size)::int as persons, count(*)::int as cases, coalesce(sum(score), 0)::float8 as score
    from placement_assignments
    where tenant_id = ${scope.tenantId} and run_id = ${runId} and place_id is not null
    group by place_id`.execute(tx);
  return rows.rows;
}

/** A page of a run's assignments in case order, optionally only those placed at the given places. */
export async function assignmentPage(
  tx: Tx,
  scope: Scope,
  runId: string,
  page: { offset: number; limit: number; placeIds?: string[] },
) {
  let query = tx
    .selectFrom("placement_assignments")
    .where("tenant_id", "=", scope.tenantId)
    .where("run_id", "=", runId);
  if (page.placeIds) {
    if (page.placeIds.length === 0) return { total: 0, rows: [] };
    query = query.where("place_id", "in", page.placeIds);
  }
  const counted = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      "case_id",
      "size",
      "place_id",
      "score",
      "recommended_place_id",
      "next_best_place_id",
      "difference",
      "reason",
      "wish_kind",
      "wish_status",
      "overridden",
    ])
    .orderBy("position")
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total: Number(counted.n), rows };
}

/** One case of a run, with its record and scores. */
export async function findAssignment(
  tx: Tx,
  scope: Scope,
  runId: string,
  caseId: string,
): Promise<AssignmentRecord | undefined> {
  const row = await tx
    .selectFrom("placement_assignments")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("run_id", "=", runId)
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { tenant_id: _t, run_id: _r, ...rest } = row;
  return rest;
}

/** Moves a case to another place (or none) and marks it overridden. */
export async function moveAssignment(
  tx: Tx,
  scope: Scope,
  runId: string,
  caseId: string,
  to: { placeId: string | null; score: number | null },
): Promise<void> {
  await tx
    .updateTable("placement_assignments")
    .set({ place_id: to.placeId, score: to.score, overridden: true })
    .where("tenant_id", "=", scope.tenantId)
    .where("run_id", "=", runId)
    .where("case_id", "=", caseId)
    .execute();
}

/** Records an override and counts it on the run; returns the override's id. */
export async function insertOverride(
  tx: Tx,
  scope: Scope,
  row: {
    runId: string;
    caseId: string;
    previousPlaceId: string | null;
    placeId: string | null;
    reason: string;
  },
): Promise<string> {
  const inserted = await tx
    .insertInto("placement_overrides")
    .values({
      tenant_id: scope.tenantId,
      run_id: row.runId,
      case_id: row.caseId,
      previous_place_id: row.previousPlaceId,
      place_id: row.placeId,
      reason: row.reason,
      actor_label: scope.actorLabel,
      actor_user: scope.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .updateTable("placement_runs")
    .set((eb) => ({ override_count: eb("override_count", "+", 1) }))
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", row.runId)
    .execute();
  return inserted.id;
}

/** A case's overrides, oldest first. */
export function overridesOf(tx: Tx, scope: Scope, runId: string, caseId: string) {
  return tx
    .selectFrom("placement_overrides")
    .select(["id", "previous_place_id", "place_id", "reason", "actor_label", "created_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("run_id", "=", runId)
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** True when a demo run with this label exists (the seeder's idempotence check). */
export async function hasRunLabelled(tx: Tx, scope: Scope, label: string): Promise<boolean> {
  const row = await tx
    .selectFrom("placement_runs")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("label", "=", label)
    .executeTakeFirst();
  return row !== undefined;
}
