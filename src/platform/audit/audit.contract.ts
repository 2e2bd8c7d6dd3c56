import { z } from "zod";
import { IsoDate, IsoInstant, queryCount, text } from "../contract/primitives.contract.ts";

export const AuditQuery = z.object({
  action: text(0, 100).optional(),
  targetType: text(0, 100).optional(),
  targetId: text(0, 200).optional(),
  actor: text(0, 254).optional(),
  from: IsoInstant.or(IsoDate).optional(),
  to: IsoInstant.or(IsoDate).optional(),
  /** Events numbered below this one (paging back in time). */
  before: queryCount(1, Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEventView = z.object({
  /** The event's number in its nation's log, given when it was written; increases in write order. */
  seq: z.number(),
  occurredAt: z.string(),
  actorTenant: z.string().nullable(),
  actorUser: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** The event's leaf hash (or, for events of the chained history, its chain hash). */
  hash: z.string(),
  /** Its position in the log once sequenced (normally within a second of the write); null while pending. */
  logIndex: z.number().nullable(),
  pending: z.boolean(),
});
export const AuditEventList = z.object({
  events: z.array(AuditEventView),
  nextBefore: z.number().nullable(),
});

/**
 * Why a link of the audit log does not verify, as codes the web words in the reader's language (the English
 * sentence stays in `reason`). Parameters, where a code has them, are positions, batch numbers or column names.
 */
export const AUDIT_PROBLEM_CODES = [
  "not_a_leaf",
  "edited",
  "unreadable_leaf",
  "columns_differ",
  "not_chained",
  "previous_hash_differs",
  "event_missing",
  "changed_after_sequenced",
  "log_ends_at_batch",
  "log_ends_at_position",
  "last_head_differs",
  "batches_missing",
  "range_start",
  "previous_head_differs",
  "batch_head_differs",
  "merkle_root_differs",
  "chained_end_differs",
  "positions_missing",
  "wrong_batch",
  "entries_outside_batches",
  "not_queued",
  "queued_event_missing",
] as const;
export const AuditProblemCode = z.enum(AUDIT_PROBLEM_CODES);
export type AuditProblemCode = z.infer<typeof AuditProblemCode>;

/** The outcome of verifying the caller's nation's audit log, as `GET /audit/verification` answers it. */
export const AuditVerification = z.object({
  nation: z.string(),
  /** When the verification ran (it runs on every request). */
  verifiedAt: z.string(),
  ok: z.boolean(),
  /** Sequenced events verified: leaf hash, columns, place under its batch root. */
  events: z.number(),
  /** Events not yet given a log position; each was verified as a leaf. */
  pending: z.number(),
  batches: z.number(),
  /** The head hash verification started from: a later rewrite of the whole log would change it. */
  head: z.string(),
  brokenCount: z.number(),
  /** The first broken links, each with where it is (whichever of event, position, batch is known) and why. */
  broken: z.array(
    z.object({
      seq: z.number().nullable(),
      logIndex: z.number().nullable(),
      batch: z.number().nullable(),
      /** In English, for API clients and the command line. */
      reason: z.string(),
      code: AuditProblemCode,
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      /** The event has no log position yet (it was checked as a pending leaf). */
      pending: z.boolean(),
    }),
  ),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
