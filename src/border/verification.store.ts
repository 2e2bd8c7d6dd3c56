import { sql } from "kysely";
import "./border.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";

// SQL for prior-residence verification. The asking nation owns the request, the partner owns the answer;
// row-level security lets each read the other's half and nothing else.

/** A request joined with its answer, as the asking nation sees it. */
export interface RequestWithAnswer {
  id: string;
  encounter_id: string;
  partner_tenant: string;
  requested_at: Date;
  as_of: string;
  result: "verified" | "not_found" | null;
  permit_type: string | null;
  valid_from: string | null;
  valid_to: string | null;
  mode: "auto" | "review" | null;
  answered_at: Date | null;
}

export async function insertVerificationRequest(
  tx: Tx,
  scope: Scope,
  values: { encounterId: string; partner: string; encoding: string; asOf: string },
): Promise<{ id: string; requestedAt: Date }> {
  const row = await tx
    .insertInto("border_verification_requests")
    .values({
      tenant_id: scope.tenantId,
      encounter_id: values.encounterId,
      partner_tenant: values.partner,
      encoding: values.encoding,
      as_of: values.asOf,
      requested_by: scope.actorLabel,
    })
    .returning(["id", "requested_at"])
    .executeTakeFirstOrThrow();
  return { id: row.id, requestedAt: row.requested_at };
}

/** The nation's requests for one encounter with their answers, oldest first. */
export async function listRequestsForEncounter(
  tx: Tx,
  scope: Scope,
  encounterId: string,
): Promise<RequestWithAnswer[]> {
  const rows = await sql<RequestWithAnswer>`
    select r.id, r.encounter_id, r.partner_tenant, r.requested_at, r.as_of::text as as_of, a.result,
           a.permit_type, a.valid_from,
           a.valid_to, a.mode, a.answered_at
    from border_verification_requests r
    left join border_verification_answers a on a.request_tenant = r.tenant_id and a.request_id = r.id
    where r.tenant_id = ${scope.tenantId} and r.encounter_id = ${encounterId}
    order by r.requested_at, r.id`.execute(tx);
  return rows.rows;
}

/** Questions addressed to the scope's nation, newest first, with its own answer when it gave one. */
export async function listInbox(tx: Tx, scope: Scope, onlyOpen: boolean) {
  const rows = await sql<{
    id: string;
    tenant_id: string;
    encoding: string;
    requested_at: Date;
    as_of: string;
    result: "verified" | "not_found" | null;
  }>`
    select r.id, r.tenant_id, r.encoding, r.requested_at, r.as_of::text as as_of, a.result
    from border_verification_requests r
    left join border_verification_answers a
      on a.tenant_id = ${scope.tenantId} and a.request_tenant = r.tenant_id and a.request_id = r.id
    where r.partner_tenant = ${scope.tenantId} ${onlyOpen ? sql`and a.result is null` : sql``}
    order by r.requested_at desc limit 200`.execute(tx);
  return rows.rows;
}

/** One question addressed to the scope's nation, or undefined. */
export function findInboxRequest(tx: Tx, scope: Scope, fromNation: string, id: string) {
  return tx
    .selectFrom("border_verification_requests")
    .select(["id", "tenant_id", "encoding", "requested_at", "as_of"])
    .where("partner_tenant", "=", scope.tenantId)
    .where("tenant_id", "=", fromNation)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findAnswer(tx: Tx, scope: Scope, fromNation: string, requestId: string) {
  return tx
    .selectFrom("border_verification_answers")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("request_tenant", "=", fromNation)
    .where("request_id", "=", requestId)
    .executeTakeFirst();
}

export async function insertVerificationAnswer(
  tx: Tx,
  scope: Scope,
  values: {
    fromNation: string;
    requestId: string;
    result: "verified" | "not_found";
    permit: { permit_type: string; valid_from: string; valid_to: string | null } | null;
    mode: "auto" | "review";
  },
): Promise<void> {
  await tx
    .insertInto("border_verification_answers")
    .values({
      tenant_id: scope.tenantId,
      request_tenant: values.fromNation,
      request_id: values.requestId,
      result: values.result,
      permit_type: values.permit?.permit_type ?? null,
      valid_from: values.permit?.valid_from ?? null,
      valid_to: values.permit?.valid_to ?? null,
      mode: values.mode,
      answered_by: scope.actorLabel,
    })
    .execute();
}

/** Whether the nation answers questions automatically; review by a person unless it said otherwise. */
export async function autoAnswers(tx: Tx, scope: Scope): Promise<boolean> {
  const row = await tx
    .selectFrom("border_verification_settings")
    .select("auto_answer")
    .where("tenant_id", "=", scope.tenantId)
    .executeTakeFirst();
  return row?.auto_answer ?? false;
}

export async function saveVerificationSettings(tx: Tx, scope: Scope, autoAnswer: boolean): Promise<void> {
  await tx
    .insertInto("border_verification_settings")
    .values({ tenant_id: scope.tenantId, auto_answer: autoAnswer })
    .onConflict((oc) =>
      oc.column("tenant_id").doUpdateSet({ auto_answer: autoAnswer, updated_at: new Date() }),
    )
    .execute();
}
