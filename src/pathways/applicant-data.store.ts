import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import "./pathways.schema.ts";

// SQL of an applicant's own data: what the portal hands them in a download, and what their erasure clears, in the
// scope's nation only. The application's row is locked by the caller first.

/** Every notification queued for an application, oldest first. */
export async function notificationsOf(tx: Tx, scope: Scope, applicationId: string) {
  return tx
    .selectFrom("pathway_outbox")
    .select(["kind", "status", "message_enc", "created_at", "sent_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** This nation's referral records naming the application (sent from it, or that created it). */
export async function referralsOf(tx: Tx, scope: Scope, applicationId: string) {
  return tx
    .selectFrom("pathway_referrals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where((eb) =>
      eb.or([eb("application_id", "=", applicationId), eb("received_application_id", "=", applicationId)]),
    )
    .orderBy("created_at")
    .execute();
}

/**
 * Turns the application into a tombstone: answers, name and contact cleared, the secret's hash replaced by one
 * nobody can match, stage `erased`. The pathway, dates and any decision stay, so counts stay true.
 */
export async function tombstoneApplication(
  tx: Tx,
  scope: Scope,
  id: string,
  change: { secretHash: string; at: Date },
): Promise<void> {
  await tx
    .updateTable("pathway_applications")
    .set({
      answers_enc: null,
      filter_terms: [],
      full_name_enc: null,
      contact_enc: null,
      secret_hash: change.secretHash,
      stage: "erased",
      erased_at: change.at,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}

/** Replaces the reason of every stage change of the application (already encrypted); returns how many. */
export async function replaceStageReasons(
  tx: Tx,
  scope: Scope,
  applicationId: string,
  reasonEnc: string,
): Promise<number> {
  const result = await tx
    .updateTable("pathway_stage_changes")
    .set({ reason_enc: reasonEnc })
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Drops the application's notifications; returns how many were still unsent and how many had left. */
export async function dropNotifications(
  tx: Tx,
  scope: Scope,
  applicationId: string,
): Promise<{ unsent: number; sent: number }> {
  const rows = await tx
    .deleteFrom("pathway_outbox")
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .returning("status")
    .execute();
  const sent = rows.filter((r) => r.status === "sent").length;
  return { unsent: rows.length - sent, sent };
}

/**
 * Clears what this nation's referral records carry about the applicant: the shared details go and the officers'
 * reasons are replaced (already encrypted); the consent text stays as the record of the agreement. Returns how many.
 */
export async function clearReferrals(
  tx: Tx,
  scope: Scope,
  applicationId: string,
  texts: { reasonEnc: string; decidedReasonEnc: string },
): Promise<number> {
  const result = await tx
    .updateTable("pathway_referrals")
    .set((eb) => ({
      payload_enc: null,
      reason_enc: texts.reasonEnc,
      decided_reason_enc: eb
        .case()
        .when("decided_reason_enc", "is", null)
        .then(null)
        .else(texts.decidedReasonEnc)
        .end(),
    }))
    .where("tenant_id", "=", scope.tenantId)
    .where((eb) =>
      eb.or([eb("application_id", "=", applicationId), eb("received_application_id", "=", applicationId)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
