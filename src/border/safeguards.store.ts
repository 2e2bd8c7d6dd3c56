import { sql } from "kysely";
import "./border.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";

// SQL for safeguard closures and reopenings: inserts and reads only (the table refuses updates and deletes).

export interface SafeguardEventIn {
  encounterId: string;
  safeguard: string;
  action: "close" | "reopen";
  reason: string;
  evidenceKind: string | null;
  evidenceReference: string | null;
}

/** Records one closure or reopening by the scope's actor. */
export async function insertSafeguardEvent(tx: Tx, scope: Scope, event: SafeguardEventIn) {
  return tx
    .insertInto("border_safeguard_events")
    .values({
      tenant_id: scope.tenantId,
      encounter_id: event.encounterId,
      safeguard: event.safeguard,
      action: event.action,
      reason: event.reason,
      evidence_kind: event.evidenceKind,
      evidence_reference: event.evidenceReference,
      recorded_by: scope.actorLabel,
      recorded_by_user: scope.userId,
    })
    .returning(["id", "recorded_at"])
    .executeTakeFirstOrThrow();
}

/** The encounter's safeguard events, oldest first. */
export function listSafeguardEvents(tx: Tx, scope: Scope, encounterId: string) {
  return tx
    .selectFrom("border_safeguard_events")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("encounter_id", "=", encounterId)
    .orderBy("recorded_at")
    .orderBy("id")
    .execute();
}

/** One safeguard still open on one encounter: the supervisor's queue (no personal field). */
export interface OpenSafeguardRow {
  encounter_id: string;
  occurred: string;
  citizenship: string;
  demographic: string;
  border: string | null;
  entry: string;
  safeguard: string;
}

/**
 * Safeguards opened by the nation's encounters and not closed since, newest encounters first. The link from
 * facts to safeguard codes repeats `safeguards.ts` in SQL so the queue stays one indexed statement at a
 * million encounters; `safeguards.service.test.ts` checks both agree.
 */
export async function listOpenSafeguards(tx: Tx, scope: Scope, limit: number, offset: number) {
  const { rows } = await sql<OpenSafeguardRow>`
    with opened as (
      select e.id, e.occurred, e.citizenship, e.demographic, e.border, e.entry, e.created_at,
        array_remove(array[
          case when e.fear_claim then 'fear_claim' end,
          case when e.demographic = 'unaccompanied_minor' then 'unaccompanied_child' end,
          case when jsonb_array_length(e.trafficking_indicators) > 0 then 'trafficking' end,
          case when e.medical_emergency then 'medical' end], null) as codes
      from border_encounters e
      where e.tenant_id = ${scope.tenantId}
        and (e.fear_claim or e.medical_emergency or e.demographic = 'unaccompanied_minor'
             or jsonb_array_length(e.trafficking_indicators) > 0)
    )
    select o.id as encounter_id, o.occurred, o.citizenship, o.demographic, o.border, o.entry,
      s.code as safeguard
    from opened o cross join unnest(o.codes) as s(code)
    where coalesce((
      select ev.action from border_safeguard_events ev
      where ev.tenant_id = ${scope.tenantId} and ev.encounter_id = o.id and ev.safeguard = s.code
      order by ev.recorded_at desc, ev.id desc limit 1), 'reopen') <> 'close'
    order by o.created_at desc, o.id, s.code
    limit ${limit} offset ${offset}`.execute(tx);
  return rows;
}
