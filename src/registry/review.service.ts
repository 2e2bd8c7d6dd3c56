import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import type { PeopleService } from "./people.service.ts";
import { findPerson, setMerged } from "./registry.store.ts";

type Reason = { field: string; agreement: string; weight: number };

const reviewColumns = [
  "id",
  "person_a",
  "person_b",
  "probability",
  "band",
  "reasons",
  "why_created",
  "status",
] as const;

function reviewSummary(r: {
  id: string;
  probability: number;
  band: string;
  reasons: unknown;
  why_created: string | null;
  status: "open" | "merged" | "distinct";
}) {
  const reasons = (typeof r.reasons === "string" ? JSON.parse(r.reasons) : r.reasons) as Reason[];
  return {
    id: r.id,
    probability: r.probability,
    band: r.band,
    reasons,
    whyCreated: r.why_created,
    status: r.status,
  };
}

/** The review queue of possible duplicates: side by side, merge or keep apart, and undo a merge (split). */
export function createReviewService(platform: Platform, people: PeopleService) {
  const { db } = platform.database;

  return {
    /** Open pairs, most probable first. */
    queue: (scope: Scope) =>
      inScope(db, scope, async (tx) => {
        const rows = await tx
          .selectFrom("registry_duplicate_reviews")
          .select(reviewColumns)
          .where("tenant_id", "=", scope.tenantId)
          .where("status", "=", "open")
          .orderBy("probability", "desc")
          .orderBy("id")
          .limit(200)
          .execute();
        return rows.map(reviewSummary);
      }),

    /** One pair with both people side by side (each read audited). */
    item: async (scope: Scope, id: string) => {
      const row = await inScope(db, scope, (tx) =>
        tx
          .selectFrom("registry_duplicate_reviews")
          .select(reviewColumns)
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", id)
          .executeTakeFirst(),
      );
      if (!row) throw new AppError("NOT_FOUND", "review item not found");
      const side = (personId: string) => people.getPerson(scope, personId).catch(() => null);
      return { ...reviewSummary(row), left: await side(row.person_a), right: await side(row.person_b) };
    },

    /** Merges the pair (the newer record into the older) or records them as different people, with a reason. */
    decide: (scope: Scope, id: string, decision: "merge" | "distinct", reason: string) =>
      inScope(db, scope, async (tx) => {
        const row = await tx
          .selectFrom("registry_duplicate_reviews")
          .select(reviewColumns)
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (!row) throw new AppError("NOT_FOUND", "review item not found");
        if (row.status !== "open")
          throw new AppError("CONFLICT", `this pair was already decided (${row.status})`);
        let mergeId: string | null = null;
        if (decision === "merge") {
          const [a, b] = [
            await findPerson(tx, scope, row.person_a),
            await findPerson(tx, scope, row.person_b),
          ];
          if (!a || !b || a.status !== "active" || b.status !== "active")
            throw new AppError("CONFLICT", "both people must be active to merge");
          const merge = await tx
            .insertInto("registry_merges")
            .values({
              tenant_id: scope.tenantId,
              survivor_id: a.id,
              merged_id: b.id,
              reason,
              merged_by: scope.actorLabel,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          mergeId = merge.id;
          await setMerged(tx, scope, b.id, a.id);
        }
        await tx
          .updateTable("registry_duplicate_reviews")
          .set({
            status: decision === "merge" ? "merged" : "distinct",
            decided_by: scope.actorLabel,
            decided_at: new Date(),
            decision_reason: reason,
          })
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", id)
          .execute();
        await recordAudit(tx, scope, {
          action: `person.${decision === "merge" ? "merge" : "distinct"}`,
          targetType: "duplicate_review",
          targetId: id,
          details: { mergeId, a: row.person_a, b: row.person_b },
        });
        return { status: decision === "merge" ? "merged" : "distinct", mergeId };
      }),

    /** Merges of the nation, newest first. */
    merges: (scope: Scope) =>
      inScope(db, scope, async (tx) => {
        const rows = await tx
          .selectFrom("registry_merges")
          .selectAll()
          .where("tenant_id", "=", scope.tenantId)
          .orderBy("merged_at", "desc")
          .limit(200)
          .execute();
        return rows.map((m) => ({
          id: m.id,
          survivorId: m.survivor_id,
          mergedId: m.merged_id,
          reason: m.reason,
          splitAt: m.split_at === null ? null : new Date(m.split_at).toISOString(),
        }));
      }),

    /** Undoes a merge: the merged record is active again; the merge keeps its history. */
    split: (scope: Scope, mergeId: string, reason: string) =>
      inScope(db, scope, async (tx) => {
        const m = await tx
          .selectFrom("registry_merges")
          .selectAll()
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", mergeId)
          .executeTakeFirst();
        if (!m) throw new AppError("NOT_FOUND", "merge not found");
        if (m.split_at !== null) throw new AppError("CONFLICT", "this merge was already undone");
        await setMerged(tx, scope, m.merged_id, null);
        await tx
          .updateTable("registry_merges")
          .set({ split_reason: reason, split_by: scope.actorLabel, split_at: new Date() })
          .where("tenant_id", "=", scope.tenantId)
          .where("id", "=", mergeId)
          .execute();
        await recordAudit(tx, scope, {
          action: "person.split",
          targetType: "merge",
          targetId: mergeId,
          details: { survivor: m.survivor_id, restored: m.merged_id },
        });
        return {
          id: m.id,
          survivorId: m.survivor_id,
          mergedId: m.merged_id,
          reason: m.reason,
          splitAt: new Date().toISOString(),
        };
      }),
  };
}
