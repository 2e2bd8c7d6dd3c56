import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { needsOf } from "../platform/contract/worklist.contract.ts";
import type { Db } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { idRangesFor } from "../shared/reference-code.ts";
import { filtersUsed } from "../shared/worklist-filters.ts";
import {
  type ApprovalQueuePage,
  type ApprovalQueueQuery,
  BORDER_NEEDS,
} from "./approval-worklist.contract.ts";
import { listApprovalQueue } from "./approval-worklist.store.ts";
import { toDecisionView } from "./decisions.service.ts";

const isBorderNeed = (code: string): code is (typeof BORDER_NEEDS)[number] =>
  (BORDER_NEEDS as readonly string[]).includes(code);

/** What the approval queue reads: the database. */
export interface ApprovalWorklistDeps {
  db: Db;
}

/** One page of the supervisor's queue and how many match; the read is audited with the filters' names (no value). */
export async function searchApprovalQueue(
  deps: ApprovalWorklistDeps,
  scope: Scope,
  query: ApprovalQueueQuery,
): Promise<ApprovalQueuePage> {
  if (query.age !== undefined)
    throw new AppError(
      "BAD_INPUT",
      "age: the border queue cannot filter by age: a linked encounter's birth date is kept by the registry and an unlinked one's only encrypted; filter by need (unaccompanied_child) or open the encounter",
      { field: "age" },
    );
  const needs = needsOf(query.needs);
  const unknown = needs.filter((n) => !isBorderNeed(n));
  if (unknown.length > 0)
    throw new AppError(
      "BAD_INPUT",
      `needs: the border records only ${BORDER_NEEDS.join(", ")}; ${unknown.join(", ")} is kept by the registry`,
      { field: "needs" },
    );
  const reading = query.code === undefined ? undefined : idRangesFor("encounter", query.code);
  if (reading && !reading.ok)
    throw new AppError(
      "BAD_INPUT",
      `code: a decision is searched by its encounter's reference (E-7KQ2-M9XD) or its first characters: ${reading.problem}`,
      { field: "code" },
    );
  return inScope(deps.db, scope, async (tx) => {
    const { rows, total } = await listApprovalQueue(tx, scope, {
      disposition: query.disposition,
      citizenship: query.nationality,
      needs: needs.filter(isBorderNeed),
      idRanges: reading?.ranges,
      newestFirst: query.sort === "newest",
      limit: query.limit,
      offset: query.offset,
    });
    await recordAudit(tx, scope, {
      action: "border.decision.queue.read",
      details: {
        filters: filtersUsed(query),
        total,
        listed: rows.length,
      },
    });
    return {
      decisions: rows.map((r) => ({
        ...toDecisionView(r),
        encounterDate: r.occurred,
        citizenship: r.citizenship,
        demographic: r.demographic as ApprovalQueuePage["decisions"][number]["demographic"],
        personId: r.person_id,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  });
}

/** A border supervisor's queue: the decisions awaiting approval, filtered on the encounter's facts, paged. */
export function createApprovalWorklistService(db: Db) {
  const deps: ApprovalWorklistDeps = { db };
  return {
    myQueue: (scope: Scope, query: ApprovalQueueQuery) => searchApprovalQueue(deps, scope, query),
  };
}
