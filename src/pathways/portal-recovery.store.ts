import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import "./pathways.schema.ts";

// SQL for the one-time codes that replace a lost secret (migration 0010) and for the secret they replace.

/** A one-time code as stored: its keyed hash, when it dies, the wrong guesses it took, when it was used. */
export interface RecoveryRow {
  id: string;
  code_hash: string;
  created_at: Date;
  expires_at: Date;
  attempts: number;
  used_at: Date | null;
}

/** How many one-time codes the application was given since `since`. */
export async function recoveriesSince(tx: Tx, scope: Scope, applicationId: string, since: Date) {
  const row = await tx
    .selectFrom("pathway_portal_recoveries")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Keeps a new one-time code's hash for the application until `expiresAt`. */
export async function insertRecovery(
  tx: Tx,
  scope: Scope,
  input: { applicationId: string; codeHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await tx
    .insertInto("pathway_portal_recoveries")
    .values({
      tenant_id: scope.tenantId,
      application_id: input.applicationId,
      code_hash: input.codeHash,
      created_at: input.createdAt,
      expires_at: input.expiresAt,
    })
    .execute();
}

/** The application's codes still alive at `now`: not used, not expired, fewer than `maxAttempts` wrong guesses. */
export async function liveRecoveries(
  tx: Tx,
  scope: Scope,
  applicationId: string,
  now: Date,
  maxAttempts: number,
): Promise<RecoveryRow[]> {
  return (await tx
    .selectFrom("pathway_portal_recoveries")
    .select(["id", "code_hash", "created_at", "expires_at", "attempts", "used_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .where("attempts", "<", maxAttempts)
    .orderBy("created_at")
    .execute()) as RecoveryRow[];
}

/** Counts one wrong guess against each of the given codes. */
export async function countWrongGuess(tx: Tx, scope: Scope, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable("pathway_portal_recoveries")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", ids)
    .execute();
}

/** Marks the application's codes used at `at`: the one that matched, and the others still alive with it. */
export async function spendRecoveries(tx: Tx, scope: Scope, applicationId: string, at: Date): Promise<void> {
  await tx
    .updateTable("pathway_portal_recoveries")
    .set({ used_at: at })
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .where("used_at", "is", null)
    .execute();
}

/** Forgets every one-time code of the application (its erasure); returns how many. */
export async function forgetRecoveries(tx: Tx, scope: Scope, applicationId: string): Promise<number> {
  const result = await tx
    .deleteFrom("pathway_portal_recoveries")
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Replaces the application's secret hash: the old secret opens nothing any more. */
export async function replaceSecretHash(
  tx: Tx,
  scope: Scope,
  applicationId: string,
  secretHash: string,
): Promise<void> {
  await tx
    .updateTable("pathway_applications")
    .set({ secret_hash: secretHash })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", applicationId)
    .execute();
}
