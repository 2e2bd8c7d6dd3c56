import { z } from "zod";
import { count } from "../contract/primitives.contract.ts";

/** The longest period a nation may set: a hundred years. */
export const RETENTION_DAYS_MAX = 36_500;

/** A kind of record a capability knows how to erase when its period has passed, e.g. `registry.person`. */
export const RecordKind = z
  .string()
  .max(60)
  .regex(/^[a-z]+\.[a-z_]+$/, "expected a record kind such as registry.person");

export const RetentionKindParam = z.object({ kind: RecordKind });

/** A nation's period for one kind: null keeps the records (no period is the default). */
export const RetentionPeriodUpdate = z.object({ days: count(1, RETENTION_DAYS_MAX).nullable() });
export type RetentionPeriodUpdate = z.infer<typeof RetentionPeriodUpdate>;

export const RetentionPeriodView = z.object({
  kind: z.string(),
  /** What the kind is and when one of its records has expired. */
  rule: z.string(),
  days: z.number().int().nullable(),
  setBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type RetentionPeriodView = z.infer<typeof RetentionPeriodView>;

export const RetentionSettings = z.object({ periods: z.array(RetentionPeriodView) });
export type RetentionSettings = z.infer<typeof RetentionSettings>;
