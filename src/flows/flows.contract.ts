import { z } from "zod";
import { INT32_MAX, text } from "../platform/contract/primitives.contract.ts";

/** Sources a release can hold (the web and the API use the same list as the parsers). */
export const FlowSourceName = z.enum([
  "cbp-aor",
  "cbp-state",
  "usbp-sectors",
  "unhcr-population",
  "unhcr-asylum",
  "unhcr-solutions",
  "unhcr-flows",
  "generic",
]);

const Period = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, "a month YYYY-MM or a year YYYY")
  .refine((p) => p >= "0001", "a year from 0001");
const DimensionName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "a snake_case dimension name");

export const ReleaseFile = z.object({ name: z.string(), sha256: z.string(), rowCount: z.number().int() });

export const ReleaseView = z.object({
  id: z.uuid(),
  nation: z.string(),
  source: FlowSourceName,
  label: z.string(),
  grain: z.enum(["month", "year"]),
  published: z.boolean(),
  importedAt: z.string(),
  importedBy: z.string(),
  rowCount: z.number().int(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  files: z.array(ReleaseFile),
});
export type ReleaseView = z.infer<typeof ReleaseView>;

export const ReleaseList = z.object({ releases: z.array(ReleaseView) });

export const ReleaseListQuery = z.object({ source: FlowSourceName.optional() });
export const ReleaseIdParam = z.object({ id: z.uuid() });

export const ImportQuery = z.object({
  source: z.union([z.literal("auto"), FlowSourceName]).default("auto"),
  label: text(1, 120).optional(),
  publish: z.enum(["true", "false"]).default("false"),
  name: text(1, 200).default("upload.csv"),
});

export const ImportedFile = z.object({
  name: z.string(),
  sha256: z.string(),
  source: FlowSourceName,
  rows: z.number().int(),
  stored: z.number().int(),
  status: z.enum(["imported", "unchanged"]),
  releaseId: z.uuid(),
  releaseLabel: z.string(),
});
export const ImportResult = z.object({ changed: z.boolean(), files: z.array(ImportedFile) });
export type ImportResult = z.infer<typeof ImportResult>;

const filterList = z
  .union([text(0, 500), z.array(text(0, 500)).max(100)])
  .optional()
  .describe("dimension=value; repeat for more (same dimension twice = either value)");

/** Query of a series: one measure of one source, filtered, optionally grouped by one dimension. */
export const SeriesQuery = z.object({
  source: FlowSourceName.default("cbp-aor"),
  measure: text(1, 64).default("encounters"),
  filter: filterList,
  groupBy: DimensionName.optional(),
  grain: z.enum(["month", "year"]).default("month"),
  yearType: z.enum(["calendar", "fiscal"]).default("calendar"),
  from: Period.optional(),
  to: Period.optional(),
  release: z.uuid().optional(),
  nation: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(20),
});
export type SeriesQuery = z.infer<typeof SeriesQuery>;

export const SeriesPoint = z.object({
  period: z.string(),
  value: z.number(),
  /** Same period a year before (month a year before, or the previous year), when known. */
  yearBefore: z.number().nullable(),
  /** value / yearBefore − 1, null when the year before is unknown or zero. */
  yoyChange: z.number().nullable(),
});
export const SeriesResult = z.object({
  source: FlowSourceName,
  measure: z.string(),
  grain: z.enum(["month", "year"]),
  yearType: z.enum(["calendar", "fiscal"]),
  series: z.array(z.object({ key: z.string().nullable(), total: z.number(), points: z.array(SeriesPoint) })),
});
export type SeriesResult = z.infer<typeof SeriesResult>;

export const DimensionsQuery = z.object({
  source: FlowSourceName.default("cbp-aor"),
  release: z.uuid().optional(),
});
export const DimensionsResult = z.object({
  source: FlowSourceName,
  dimensions: z.array(
    z.object({ name: z.string(), values: z.array(z.object({ value: z.string(), rows: z.number().int() })) }),
  ),
});
export type DimensionsResult = z.infer<typeof DimensionsResult>;

export const SurgesQuery = SeriesQuery.omit({ grain: true, yearType: true }).extend({
  ratio: z.coerce.number().min(1).max(100).default(1.5),
  minDelta: z.coerce.number().min(0).max(INT32_MAX).default(500),
  recent: z.coerce.number().int().min(1).max(600).default(12),
});
/** A dated policy event from the border policy packs (Title 42, a nation's acceptance of returns, …). */
export const PolicyEventView = z.object({
  date: z.string(),
  kind: z.enum(["start", "end"]),
  title: z.string(),
  /** ISO alpha-3 citizenships concerned; empty means everyone. */
  citizenships: z.array(z.string()),
  jurisdiction: z.string(),
  pack: z.string(),
  sources: z.array(z.object({ id: z.string(), title: z.string(), reference: z.string().optional() })),
});
export type PolicyEventView = z.infer<typeof PolicyEventView>;

export const EventsQuery = z.object({
  citizenship_iso: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .describe("only events for everyone or for this citizenship"),
});
export const EventsResult = z.object({ events: z.array(PolicyEventView) });
export type EventsResult = z.infer<typeof EventsResult>;

export const Surge = z.object({
  key: z.string().nullable(),
  kind: z.enum(["year_over_year", "forecast_outlier"]),
  month: z.string(),
  value: z.number(),
  yearBefore: z.number().nullable(),
  ratio: z.number().nullable(),
  expected: z.number().nullable(),
  lo95: z.number().nullable(),
  hi95: z.number().nullable(),
  /** How much higher than the year before (year over year) or than expected (forecast outlier). */
  change: z.number(),
  /** The policy event closest in time (within six months) that concerns this series, if any. */
  nearestEvent: PolicyEventView.extend({ monthsFrom: z.number().int() }).nullable(),
});
export const SurgesResult = z.object({ latestMonth: z.string().nullable(), surges: z.array(Surge) });
export type SurgesResult = z.infer<typeof SurgesResult>;

export const ForecastQuery = SeriesQuery.omit({
  grain: true,
  yearType: true,
  groupBy: true,
  limit: true,
}).extend({
  horizon: z.coerce.number().int().min(1).max(12).default(6),
});
export const ForecastResult = z.object({
  history: z.array(z.object({ month: z.string(), value: z.number() })),
  forecast: z.array(
    z.object({
      month: z.string(),
      mean: z.number(),
      lo80: z.number(),
      hi80: z.number(),
      lo95: z.number(),
      hi95: z.number(),
    }),
  ),
});
export type ForecastResult = z.infer<typeof ForecastResult>;

export const RevisionsQuery = z.object({
  source: FlowSourceName,
  from: text(1, 120).describe("release label or id"),
  to: text(1, 120).describe("release label or id"),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});
export const RevisionsResult = z.object({
  from: ReleaseView,
  to: ReleaseView,
  total: z.number().int(),
  changes: z.array(
    z.object({
      period: z.string(),
      measure: z.string(),
      dims: z.record(z.string(), z.string()),
      from: z.number(),
      to: z.number(),
      change: z.number(),
    }),
  ),
});
export type RevisionsResult = z.infer<typeof RevisionsResult>;
