import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { PathwayApplicationsTable } from "./pathways.schema.ts";
import "./pathways.schema.ts";

// SQL for applications, their stage history and their place in the queue.

export type ApplicationRow = Omit<
  PathwayApplicationsTable,
  | "id"
  | "submitted_at"
  | "consent_at"
  | "decided_at"
  | "erased_at"
  | "portal_consent_at"
  | "registry_consent_at"
  | "linked_at"
  | "placed_at"
> & {
  id: string;
  submitted_at: Date;
  consent_at: Date;
  decided_at: Date | null;
  erased_at: Date | null;
  portal_consent_at: Date | null;
  registry_consent_at: Date | null;
  linked_at: Date | null;
  placed_at: Date | null;
};

export type NewApplication = Omit<
  ApplicationRow,
  | "tenant_id"
  | "id"
  | "submitted_at"
  | "decided_at"
  | "decision"
  | "erased_at"
  | "answers_enc"
  | "registry_consent_at"
  | "linked_at"
  | "placement_run_id"
  | "placement_case_id"
  | "placement_place_id"
  | "placement_nation"
  | "placement_locality"
  | "placement_reason"
  | "placed_at"
  | "arrived_on"
> & {
  answers_enc: string;
  /** When it was filed; now when left out (a seed that files an application in the past gives it). */
  submitted_at?: Date;
};

/** Stages still waiting in the queue (counted for queue positions). */
export const WAITING_STAGES = ["submitted", "screening", "interview_scheduled"];

/** Stores a new application in the scope's nation. */
export async function insertApplication(
  tx: Tx,
  scope: Scope,
  input: NewApplication,
): Promise<ApplicationRow> {
  return (await tx
    .insertInto("pathway_applications")
    .values({ tenant_id: scope.tenantId, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()) as ApplicationRow;
}

/**
 * One application of the nation by id. `forUpdate` locks its row until the transaction ends, so two officers
 * changing the same application are served one after the other, the second seeing what the first did.
 */
export async function findApplication(
  tx: Tx,
  scope: Scope,
  id: string,
  forUpdate = false,
): Promise<ApplicationRow | undefined> {
  const query = tx
    .selectFrom("pathway_applications")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id);
  return (await (forUpdate ? query.forUpdate() : query).executeTakeFirst()) as ApplicationRow | undefined;
}

/** One application of the nation by tracking code; `forUpdate` locks its row as `findApplication` does. */
export async function findByTrackingCode(
  tx: Tx,
  scope: Scope,
  code: string,
  forUpdate = false,
): Promise<ApplicationRow | undefined> {
  const query = tx
    .selectFrom("pathway_applications")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("tracking_code", "=", code);
  return (await (forUpdate ? query.forUpdate() : query).executeTakeFirst()) as ApplicationRow | undefined;
}

/** 1 + the applications of the same pathway still waiting that were submitted before this one. */
export async function queuePosition(tx: Tx, scope: Scope, app: ApplicationRow): Promise<number> {
  const row = await sql<{ n: number }>`
    select count(*)::int as n from pathway_applications
    where tenant_id = ${scope.tenantId} and pathway_id = ${app.pathway_id}
      and stage in ('submitted', 'screening', 'interview_scheduled')
      and (submitted_at, id) < (${app.submitted_at}, ${app.id}::uuid)`.execute(tx);
  return (row.rows[0]?.n ?? 0) + 1;
}

/** Applications of a pathway decided since `since` (places already used in the current period). */
export async function decidedSince(tx: Tx, scope: Scope, pathwayId: string, since: Date): Promise<number> {
  const row = await sql<{ n: number }>`
    select count(*)::int as n from pathway_applications
    where tenant_id = ${scope.tenantId} and pathway_id = ${pathwayId} and decided_at >= ${since}`.execute(tx);
  return row.rows[0]?.n ?? 0;
}

/** Moves an application to a stage and records who did it and why (encrypted), in the same transaction. */
export async function changeStage(
  tx: Tx,
  scope: Scope,
  app: ApplicationRow,
  change: { stage: string; decision?: string | undefined; reasonEnc: string; at?: Date },
): Promise<void> {
  const at = change.at ?? new Date();
  const decided = change.stage === "decided";
  await tx
    .updateTable("pathway_applications")
    .set({
      stage: change.stage,
      ...(decided ? { decision: change.decision ?? null, decided_at: at } : {}),
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", app.id)
    .execute();
  await recordStage(
    tx,
    scope,
    app.id,
    app.stage,
    change.stage,
    change.decision ?? null,
    change.reasonEnc,
    at,
  );
}

/** Sets an application's decision and when it was taken, without a stage change (demo data only). */
export async function setDecision(
  tx: Tx,
  scope: Scope,
  id: string,
  decision: string,
  decidedAt: Date,
): Promise<void> {
  await tx
    .updateTable("pathway_applications")
    .set({ decision, decided_at: decidedAt })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}

/** Appends one stage-history record (its reason already encrypted). */
export async function recordStage(
  tx: Tx,
  scope: Scope,
  applicationId: string,
  from: string | null,
  to: string,
  decision: string | null,
  reasonEnc: string,
  at: Date = new Date(),
): Promise<void> {
  await tx
    .insertInto("pathway_stage_changes")
    .values({
      tenant_id: scope.tenantId,
      application_id: applicationId,
      from_stage: from,
      to_stage: to,
      decision,
      reason_enc: reasonEnc,
      actor_label: scope.actorLabel,
      actor_user: scope.userId,
      changed_at: at,
    })
    .execute();
}

/** The stage history of an application, oldest first. */
export async function stageHistory(tx: Tx, scope: Scope, applicationId: string) {
  return tx
    .selectFrom("pathway_stage_changes")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .orderBy("changed_at")
    .execute();
}

/** Links (or unlinks) an application to a registry person. */
export async function setPerson(tx: Tx, scope: Scope, id: string, personId: string | null): Promise<void> {
  await tx
    .updateTable("pathway_applications")
    .set({ person_id: personId })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}

/** Links an application to its registry person, with when the applicant's consent was recorded there (or null). */
export async function setRegistryLink(
  tx: Tx,
  scope: Scope,
  id: string,
  link: { personId: string; consentRecordedAt: Date | null; at: Date },
): Promise<void> {
  await tx
    .updateTable("pathway_applications")
    .set({ person_id: link.personId, registry_consent_at: link.consentRecordedAt, linked_at: link.at })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}
