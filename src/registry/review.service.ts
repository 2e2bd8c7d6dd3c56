import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { decidePending } from "../platform/db/decide-pending.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { officesOf } from "../platform/offices/offices.service.ts";
import type { Platform } from "../platform/platform.ts";
import { presentMatchingModel } from "./engine/matching-model.ts";
import { moveMembershipOnMerge, restoreMembershipOnSplit } from "./household-merge.service.ts";
import type { PeopleService } from "./people.service.ts";
import { findPerson, setMerged } from "./registry.store.ts";
import { createRegistryText, type RegistryText } from "./registry-text.service.ts";
import type { ReviewQuery } from "./review.contract.ts";
import {
  findMergeForUpdate,
  findReview,
  insertMerge,
  listMerges,
  type MovedMembership,
  openReviews,
  reviewFigures,
  updateMerge,
  updateReview,
} from "./review.store.ts";

type Reason = { field: string; agreement: string; weight: number };

function reviewSummary(
  r: {
    id: string;
    probability: number;
    band: string;
    reasons: unknown;
    why_created_enc: string | null;
    status: "open" | "merged" | "distinct";
    created_at: Date | string;
  },
  text: RegistryText,
) {
  const reasons = (typeof r.reasons === "string" ? JSON.parse(r.reasons) : r.reasons) as Reason[];
  return {
    id: r.id,
    probability: r.probability,
    band: r.band,
    reasons,
    whyCreated: text.openOrNull("reviewWhyCreated", r.why_created_enc),
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** What the review actions share, built once per service. */
function reviewDeps(platform: Platform, people: PeopleService) {
  const { db } = platform.database;
  const text = createRegistryText(platform.keyring);
  return { platform, people, db, text };
}

type ReviewDeps = ReturnType<typeof reviewDeps>;

function pairSummary(deps: ReviewDeps, r: Parameters<typeof reviewSummary>[0]) {
  const { text } = deps;
  return reviewSummary(r, text);
}

function mergeView(
  deps: ReviewDeps,
  m: { id: string; survivor_id: string; merged_id: string; reason_enc: string },
) {
  const { text } = deps;
  return {
    id: m.id,
    survivorId: m.survivor_id,
    mergedId: m.merged_id,
    reason: text.open("mergeReason", m.reason_enc),
  };
}

/** One page of the open pairs (a band when asked), sorted as asked, with how many match in all. */
export function reviewQueue(deps: ReviewDeps, scope: Scope, query: ReviewQuery) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const { rows, total } = await openReviews(tx, scope, query);
    return {
      items: rows.map((r) => pairSummary(deps, r)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  });
}

/** The matching model pairs are scored with (the same for every nation; no data read). */
export function reviewMatchingModel(_deps: ReviewDeps) {
  return presentMatchingModel();
}

/** The queue in figures: open pairs by band, decisions, splits, the oldest open pair (no person read). */
export function reviewQueueFigures(deps: ReviewDeps, scope: Scope) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const since = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    const f = await reviewFigures(tx, scope, since);
    return {
      open: Number(f.open),
      openLikely: Number(f.open_likely),
      openPossible: Number(f.open_possible),
      merged: Number(f.merged),
      distinct: Number(f.distinct),
      split: Number(f.split),
      oldestOpenAt: f.oldest_open === null ? null : new Date(f.oldest_open).toISOString(),
      decidedLast30Days: Number(f.decided_recently),
    };
  });
}

/** One pair with both people side by side (each read audited). */
export async function reviewItem(deps: ReviewDeps, scope: Scope, id: string) {
  const { db, people } = deps;
  const row = await inScope(db, scope, (tx) => findReview(tx, scope, id, { lock: false }));
  if (!row) throw new AppError("NOT_FOUND", "review item not found");
  const side = (personId: string) => people.getPerson(scope, personId).catch(() => null);
  const [left, right] = [await side(row.person_a), await side(row.person_b)];
  const officeIds = new Set([left?.officeId, right?.officeId].filter((o): o is string => !!o));
  const offices =
    officeIds.size === 0
      ? []
      : (await inScope(db, scope, (tx) => officesOf(tx, scope)))
          .filter((o) => officeIds.has(o.id))
          .map((o) => ({ id: o.id, name: o.name }));
  return { ...pairSummary(deps, row), left, right, offices };
}

/** Merges the pair (the newer record into the older) or records them as different people, with a reason. */
export function decideReviewPair(
  deps: ReviewDeps,
  scope: Scope,
  id: string,
  decision: "merge" | "distinct",
  reason: string,
) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    const { row, mergeId, household } = await decidePending(
      {
        what: "pair of possible duplicates",
        loadForUpdate: () => findReview(tx, scope, id, { lock: true }),
        from: ["open"],
      },
      async (row) => {
        let mergeId: string | null = null;
        let household: MovedMembership | null = null;
        if (decision === "merge") {
          const [a, b] = [
            await findPerson(tx, scope, row.person_a),
            await findPerson(tx, scope, row.person_b),
          ];
          if (!a || !b || a.status !== "active" || b.status !== "active")
            throw new AppError("CONFLICT", "both people must be active to merge");
          household = await moveMembershipOnMerge(tx, scope, a.id, b.id);
          mergeId = await insertMerge(tx, scope, {
            survivorId: a.id,
            mergedId: b.id,
            reasonEnc: text.seal("mergeReason", reason),
            mergedBy: scope.actorLabel,
            household,
          });
          await setMerged(tx, scope, b.id, a.id);
        }
        await updateReview(tx, scope, id, {
          status: decision === "merge" ? "merged" : "distinct",
          decided_by: scope.actorLabel,
          decided_at: new Date(),
          decision_reason_enc: text.seal("reviewDecisionReason", reason),
        });
        return { row, mergeId, household };
      },
    );
    await recordAudit(tx, scope, {
      action: `person.${decision === "merge" ? "merge" : "distinct"}`,
      targetType: "duplicate_review",
      targetId: id,
      details: { mergeId, a: row.person_a, b: row.person_b, household: household?.householdId ?? null },
    });
    return { status: decision === "merge" ? "merged" : "distinct", mergeId };
  });
}

/** Merges of the nation, newest first. */
export function listNationMerges(deps: ReviewDeps, scope: Scope) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const rows = await listMerges(tx, scope, 200);
    return rows.map((m) => ({
      ...mergeView(deps, m),
      splitAt: m.split_at === null ? null : new Date(m.split_at).toISOString(),
    }));
  });
}

/** Undoes a merge: the merged record is active again; the merge keeps its history. */
export function splitMerge(deps: ReviewDeps, scope: Scope, mergeId: string, reason: string) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    const m = await findMergeForUpdate(tx, scope, mergeId);
    if (!m) throw new AppError("NOT_FOUND", "merge not found");
    if (m.split_at !== null) throw new AppError("CONFLICT", "this merge was already undone");
    await setMerged(tx, scope, m.merged_id, null);
    const rejoined = await restoreMembershipOnSplit(tx, scope, m);
    await updateMerge(tx, scope, mergeId, {
      split_reason_enc: text.seal("splitReason", reason),
      split_by: scope.actorLabel,
      split_at: new Date(),
    });
    await recordAudit(tx, scope, {
      action: "person.split",
      targetType: "merge",
      targetId: mergeId,
      details: {
        survivor: m.survivor_id,
        restored: m.merged_id,
        household: m.household_id,
        rejoinedHousehold: rejoined,
      },
    });
    return { ...mergeView(deps, m), splitAt: new Date().toISOString() };
  });
}

/** The review queue of possible duplicates: side by side, merge or keep apart, and undo a merge (split). */
export function createReviewService(platform: Platform, people: PeopleService) {
  return bindActions(reviewDeps(platform, people), {
    queue: reviewQueue,
    matchingModel: reviewMatchingModel,
    figures: reviewQueueFigures,
    item: reviewItem,
    decide: decideReviewPair,
    merges: listNationMerges,
    split: splitMerge,
  });
}
