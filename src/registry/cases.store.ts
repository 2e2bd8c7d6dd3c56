import { type ExpressionBuilder, sql } from "kysely";
import "./registry.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { Schema } from "../platform/db/schema.ts";

// SQL for cases, their notes and moves. Reach: a caseworker sees the cases assigned to them, an office's
// registrar that office's cases, everyone else the nation's.

const NO_USER = "00000000-0000-0000-0000-000000000000";

/** The reach rule for cases as a SQL condition. */
export function casesReach(scope: Scope) {
  return (eb: ExpressionBuilder<Schema, "registry_cases">) => {
    if (scope.reach === "nation") return eb.lit(true);
    if (scope.reach === "office")
      return scope.officeId === null
        ? eb("registry_cases.office_id", "is", null)
        : eb("registry_cases.office_id", "=", scope.officeId);
    return eb("registry_cases.assigned_to", "=", scope.userId ?? NO_USER);
  };
}

const caseColumns = [
  "id",
  "person_id",
  "case_type",
  "status",
  "office_id",
  "assigned_to",
  "created_at",
] as const;

/** One case in reach, or undefined. */
export function findCase(tx: Tx, scope: Scope, id: string) {
  return tx
    .selectFrom("registry_cases")
    .select(caseColumns)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .where(casesReach(scope))
    .executeTakeFirst();
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

/** Cases in reach, newest first, optionally of one person or one status. */
export function listCases(tx: Tx, scope: Scope, filter: { personId?: string; status?: string }, limit = 200) {
  let q = tx
    .selectFrom("registry_cases")
    .select(caseColumns)
    .where("tenant_id", "=", scope.tenantId)
    .where(casesReach(scope));
  if (filter.personId) q = q.where("person_id", "=", filter.personId);
  if (filter.status) q = q.where("status", "=", filter.status);
  return q.orderBy("created_at", "desc").orderBy("id").limit(limit).execute();
}

/** Creates a case and returns its id. */
export async function insertCase(
  tx: Tx,
  scope: Scope,
  c: { personId: string; type: string; officeId: string | null; assignedTo: string | null },
): Promise<string> {
  const row = await tx
    .insertInto("registry_cases")
    .values({
      tenant_id: scope.tenantId,
      person_id: c.personId,
      case_type: c.type,
      office_id: c.officeId,
      assigned_to: c.assignedTo,
      created_by: scope.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a case's columns. */
export async function updateCase(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<{ status: string; office_id: string | null; assigned_to: string | null }>,
) {
  await tx
    .updateTable("registry_cases")
    .set(set)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}

/** Adds an encrypted note to a case. */
export async function insertNote(tx: Tx, scope: Scope, caseId: string, bodyEnc: string) {
  await tx
    .insertInto("registry_case_notes")
    .values({ tenant_id: scope.tenantId, case_id: caseId, body_enc: bodyEnc, written_by: scope.userId })
    .execute();
}

/** The notes of a case, oldest first. */
export function notesOf(tx: Tx, scope: Scope, caseId: string) {
  return tx
    .selectFrom("registry_case_notes")
    .select(["id", "body_enc", "written_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("case_id", "=", caseId)
    .orderBy("written_at")
    .orderBy("id")
    .execute();
}

/** Records an assignment or a transfer; its reason comes encrypted. */
export async function insertMove(
  tx: Tx,
  scope: Scope,
  move: {
    caseId: string;
    kind: "assignment" | "transfer";
    fromOffice: string | null;
    toOffice: string | null;
    fromUser: string | null;
    toUser: string | null;
    reasonEnc: string;
  },
) {
  await tx
    .insertInto("registry_case_moves")
    .values({
      tenant_id: scope.tenantId,
      case_id: move.caseId,
      kind: move.kind,
      from_office: move.fromOffice,
      to_office: move.toOffice,
      from_user: move.fromUser,
      to_user: move.toUser,
      reason_enc: move.reasonEnc,
      moved_by: scope.actorLabel,
    })
    .execute();
}

/** The moves of a case, oldest first. */
export function movesOf(tx: Tx, scope: Scope, caseId: string) {
  return tx
    .selectFrom("registry_case_moves")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("case_id", "=", caseId)
    .orderBy("moved_at")
    .orderBy("id")
    .execute();
}

/** Whether a user of the nation exists (and so may be assigned a case). */
export async function userExists(tx: Tx, scope: Scope, userId: string): Promise<boolean> {
  const row = await sql<{ one: number }>`select 1 as one from users
    where tenant_id = ${scope.tenantId} and id = ${userId}::uuid and not disabled`.execute(tx);
  return row.rows.length > 0;
}

/** A person's cases in brief (id, type, status), for the person's page. */
export function caseSummariesOf(tx: Tx, scope: Scope, personId: string) {
  return tx
    .selectFrom("registry_cases")
    .select(["id", "case_type", "status"])
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "=", personId)
    .execute();
}
