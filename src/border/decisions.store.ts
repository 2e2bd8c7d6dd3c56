import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { BorderDecisionsTable } from "./border.schema.ts";

// SQL for decisions and approvals: inserts and reads only (the tables refuse updates and deletes).

/** A decision as written: the table's columns less those the database or the scope fills, the assessment as JSON text. */
export type DecisionRowIn = Omit<
  BorderDecisionsTable,
  "tenant_id" | "id" | "decided_by" | "decided_by_user" | "decided_at" | "assessment"
> & { assessment: string };

export async function insertDecision(tx: Tx, scope: Scope, values: DecisionRowIn) {
  return tx
    .insertInto("border_decisions")
    .values({
      ...values,
      tenant_id: scope.tenantId,
      decided_by: scope.actorLabel,
      decided_by_user: scope.userId,
    })
    .returning(["id", "decided_at"])
    .executeTakeFirstOrThrow();
}

/** Decisions with their approval and whether a later decision superseded them. */
export interface DecisionWithApproval {
  id: string;
  encounter_id: string;
  disposition: string;
  to_country: string | null;
  authority: string;
  reason: string;
  needs_approval: boolean;
  supersedes: string | null;
  decided_by: string;
  decided_by_user: string | null;
  decided_at: Date;
  superseded: boolean;
  approved: boolean | null;
  approval_reason: string | null;
  approved_by: string | null;
  approved_at: Date | null;
}

function decisionQuery(scope: Scope, where: ReturnType<typeof sql>) {
  return sql<DecisionWithApproval>`
    select d.id, d.encounter_id, d.disposition, d.to_country, d.authority, d.reason, d.needs_approval,
           d.supersedes, d.decided_by, d.decided_by_user, d.decided_at,
           exists (select 1 from border_decisions s where s.tenant_id = d.tenant_id and s.supersedes = d.id)
             as superseded,
           a.approved, a.reason as approval_reason, a.approved_by, a.approved_at
    from border_decisions d
    left join border_decision_approvals a on a.tenant_id = d.tenant_id and a.decision_id = d.id
    where d.tenant_id = ${scope.tenantId} and ${where}
    order by d.decided_at, d.id`;
}

export async function listDecisions(tx: Tx, scope: Scope, encounterId: string) {
  return (await decisionQuery(scope, sql`d.encounter_id = ${encounterId}`).execute(tx)).rows;
}

/** Awaiting approval: needs it, has none yet, and no later decision superseded it (all in SQL, so pages hold). */
export const awaitingApproval = sql`d.needs_approval and a.approved is null
  and not exists (select 1 from border_decisions s where s.tenant_id = d.tenant_id and s.supersedes = d.id)`;

/** Decisions awaiting approval with the assessment they were made on and the encounter's date and citizenship. */
export async function listAwaitingApproval(tx: Tx, scope: Scope) {
  const open = (await decisionQuery(scope, awaitingApproval).execute(tx)).rows;
  if (open.length === 0) return [];
  const extra = await tx
    .selectFrom("border_decisions as d")
    .innerJoin("border_encounters as e", (j) =>
      j.onRef("e.tenant_id", "=", "d.tenant_id").onRef("e.id", "=", "d.encounter_id"),
    )
    .select(["d.id", "d.assessment", "e.occurred", "e.citizenship"])
    .where("d.tenant_id", "=", scope.tenantId)
    .where(
      "d.id",
      "in",
      open.map((d) => d.id),
    )
    .execute();
  const byId = new Map(extra.map((x) => [x.id, x]));
  return open.map((d) => ({ decision: d, extra: byId.get(d.id)! }));
}

export async function findDecision(tx: Tx, scope: Scope, id: string) {
  return (await decisionQuery(scope, sql`d.id = ${id}`).execute(tx)).rows[0];
}

export async function insertApproval(
  tx: Tx,
  scope: Scope,
  values: { decisionId: string; approved: boolean; reason: string },
): Promise<Date> {
  const row = await tx
    .insertInto("border_decision_approvals")
    .values({
      tenant_id: scope.tenantId,
      decision_id: values.decisionId,
      approved: values.approved,
      reason: values.reason,
      approved_by: scope.actorLabel,
      approved_at: new Date(),
    })
    .returning("approved_at")
    .executeTakeFirstOrThrow();
  return row.approved_at;
}

// Decisions in effect: not superseded, and approved when they needed approval.
const inEffect = sql`not exists (select 1 from border_decisions s where s.tenant_id = d.tenant_id and s.supersedes = d.id)
  and (not d.needs_approval or a.approved)`;

/** Decisions in effect by encounter month, authority, citizenship and disposition. */
export async function dispositionCounts(tx: Tx, scope: Scope) {
  const rows = await sql<{
    month: string;
    authority: string;
    citizenship: string;
    disposition: string;
    n: number;
  }>`
    select to_char(e.encountered_on, 'YYYY-MM') as month, d.authority, e.citizenship, d.disposition,
           count(*)::int as n
    from border_decisions d
    join border_encounters e on e.tenant_id = d.tenant_id and e.id = d.encounter_id
    left join border_decision_approvals a on a.tenant_id = d.tenant_id and a.decision_id = d.id
    where d.tenant_id = ${scope.tenantId} and ${inEffect}
    group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(tx);
  return rows.rows;
}

/** Third-country returns in effect by encounter month and receiving nation. */
export async function thirdCountryReturnCounts(tx: Tx, scope: Scope) {
  const rows = await sql<{ month: string; to_country: string; n: number }>`
    select to_char(e.encountered_on, 'YYYY-MM') as month, d.to_country, count(*)::int as n
    from border_decisions d
    join border_encounters e on e.tenant_id = d.tenant_id and e.id = d.encounter_id
    left join border_decision_approvals a on a.tenant_id = d.tenant_id and a.decision_id = d.id
    where d.tenant_id = ${scope.tenantId} and d.disposition = 'third_country_return' and ${inEffect}
    group by 1, 2 order by 1, 2`.execute(tx);
  return rows.rows;
}
