import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { ApplicationRow } from "./applications.store.ts";
import type { ReferralRow } from "./workflow.store.ts";
import "./pathways.schema.ts";

// SQL of a data subject's export: the nation's pathway records linked to a set of registry people.

/** The nation's applications linked to any of these registry people, oldest first. */
export async function applicationsOfPeople(
  tx: Tx,
  scope: Scope,
  personIds: readonly string[],
  forUpdate = false,
): Promise<ApplicationRow[]> {
  if (personIds.length === 0) return [];
  const query = tx
    .selectFrom("pathway_applications")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", [...personIds])
    .orderBy("submitted_at")
    .orderBy("id");
  return (await (forUpdate ? query.forUpdate() : query).execute()) as ApplicationRow[];
}

/** This nation's side of the referrals that sent these applications on or created them here, oldest first. */
export async function referralsOfApplications(
  tx: Tx,
  scope: Scope,
  applicationIds: readonly string[],
): Promise<ReferralRow[]> {
  if (applicationIds.length === 0) return [];
  const ids = [...applicationIds];
  return (await tx
    .selectFrom("pathway_referrals")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where((eb) => eb.or([eb("application_id", "in", ids), eb("received_application_id", "in", ids)]))
    .orderBy("created_at")
    .orderBy("id")
    .execute()) as ReferralRow[];
}

/** Notifications queued for these applications' applicants, oldest first. */
export async function notificationsOfApplications(tx: Tx, scope: Scope, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return [];
  return tx
    .selectFrom("pathway_outbox")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("application_id", "in", [...applicationIds])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Unlinks the applications of erased people from the registry; returns how many there were. */
export async function unlinkPeople(tx: Tx, scope: Scope, personIds: readonly string[]): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await tx
    .updateTable("pathway_applications")
    .set({ person_id: null })
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "in", [...personIds])
    .returning("id")
    .execute();
  return rows.length;
}
