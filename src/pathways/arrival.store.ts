import "./pathways.schema.ts";
import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { PathwayArrivalsTable } from "./pathways.schema.ts";

// SQL of arrivals (see migration 0007). A function that writes in a nation takes its code: the transaction is
// bound to that nation by the caller first.

export type ArrivalRow = Omit<PathwayArrivalsTable, "created_at" | "consent_at" | "recorded_at"> & {
  created_at: Date;
  consent_at: Date | null;
  recorded_at: Date | null;
};

export type NewArrival = Omit<ArrivalRow, "tenant_id" | "created_at" | "recorded_at" | "recorded_by"> & {
  recorded_by: string | null;
  recorded_at: Date | null;
};

/** Stores one side of an arrival in `tenantId`. */
export async function insertArrival(tx: Tx, tenantId: string, row: NewArrival): Promise<void> {
  await tx
    .insertInto("pathway_arrivals")
    .values({ ...row, tenant_id: tenantId })
    .execute();
}

/** The nation's arrivals of one direction, newest first. */
export async function listArrivals(tx: Tx, scope: Scope, direction: "incoming" | "outgoing", limit = 200) {
  return (await tx
    .selectFrom("pathway_arrivals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("direction", "=", direction)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute()) as ArrivalRow[];
}

/** One arrival of the scope's nation, locked for a change. */
export async function findArrivalForUpdate(tx: Tx, scope: Scope, id: string) {
  return (await tx
    .selectFrom("pathway_arrivals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst()) as ArrivalRow | undefined;
}

/** The arrival already made for an application (either side), if any. */
export async function arrivalOfApplication(tx: Tx, scope: Scope, applicationId: string) {
  return (await tx
    .selectFrom("pathway_arrivals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .executeTakeFirst()) as ArrivalRow | undefined;
}

/** Marks one side arrived in `tenantId`; the payload goes (the registry holds the household now). */
export async function setArrived(
  tx: Tx,
  tenantId: string,
  id: string,
  values: { arrivedOn: string; recordedBy: string; at: Date; householdId: string | null },
): Promise<void> {
  await tx
    .updateTable("pathway_arrivals")
    .set({
      status: "arrived",
      arrived_on: values.arrivedOn,
      recorded_by: values.recordedBy,
      recorded_at: values.at,
      household_id: values.householdId,
      payload_enc: null,
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

/** Sets the arrival day on the placing nation's applications of one case. */
export async function setApplicationsArrived(
  tx: Tx,
  tenantId: string,
  runId: string,
  caseId: string,
  arrivedOn: string,
): Promise<string[]> {
  const rows = await tx
    .updateTable("pathway_applications")
    .set({ arrived_on: arrivedOn })
    .where("tenant_id", "=", tenantId)
    .where("placement_run_id", "=", runId)
    .where("placement_case_id", "=", caseId)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Persons arrived in the nation in the year (what its pledge counts as delivered). */
export async function personsArrived(tx: Tx, tenantId: string, year: number): Promise<number> {
  const row = await sql<{ persons: number }>`
    select coalesce(sum(persons), 0)::int as persons from pathway_arrivals
    where tenant_id = ${tenantId} and direction = 'incoming' and status = 'arrived'
      and arrived_on >= make_date(${year}::int, 1, 1) and arrived_on < make_date(${year}::int + 1, 1, 1)`.execute(
    tx,
  );
  return row.rows[0]?.persons ?? 0;
}
