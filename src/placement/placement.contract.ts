import { z } from "zod";
import {
  count,
  LONG_TEXT_MAX,
  queryCount,
  text,
  trimmedText,
} from "../platform/contract/primitives.contract.ts";

// Shapes shared by the placement routes and the placement page (the web imports only this file).

const Nation = z.string().regex(/^[A-Z]{3}$/, "expected a nation code such as CAN");

/** Knobs of one batch, all optional; the same meaning as the CLI's flags. */
export const RunOptions = z.object({
  priority: z.enum(["score", "cases"]).default("score"),
  preferenceWeight: z.number().min(0).max(100).default(0),
  tieWeight: z.number().min(0).max(100).default(0),
  /** Families with relatives at a place go there whenever capacity allows (false: only `tieWeight`). */
  honourTies: z.boolean().default(true),
  /** Families without ties go to a stated preference whenever capacity allows (false: only `preferenceWeight`). */
  honourPreferences: z.boolean().default(true),
  /** Minimum number of cases per nation (solved by HiGHS within the time limit). */
  floors: z.record(Nation, count()).default({}),
  timeLimitSeconds: z.number().min(1).max(60).default(10),
  seed: z.number().int().min(1).max(1_000_000).default(1),
});
export type RunOptions = z.infer<typeof RunOptions>;

const common = {
  label: trimmedText(1, 120).optional(),
  /** The year whose pledges the totals compare against; the current year by default. */
  pledgeYear: z.number().int().min(2000).max(2100).optional(),
  options: RunOptions.default(RunOptions.parse({})),
};

/**
 * A batch from the three CSV texts of the CLI contract (cases, places, scores), or from cases, places and a
 * HISTORY.csv of past outcomes (`history` instead of `scores`: the platform trains the outcome model, reports
 * its fairness and refuses a flagged model unless `acknowledgeFlaggedModel` gives the reason to use it), or
 * from the nation's approved resettlement applications on the places of a PLACES.csv (one case per household,
 * its size and needs from the registry; the result is recorded on each application), or a generated demo batch.
 */
export const RunCreate = z.discriminatedUnion("source", [
  z
    .object({
      source: z.literal("csv"),
      cases: text(1, LONG_TEXT_MAX),
      places: text(1, LONG_TEXT_MAX),
      scores: text(1, LONG_TEXT_MAX).optional(),
      history: text(1, LONG_TEXT_MAX).optional(),
      acknowledgeFlaggedModel: trimmedText(5, 2000).optional(),
      ...common,
    })
    .refine((body) => (body.scores === undefined) !== (body.history === undefined), {
      path: ["scores"],
      message:
        "send either scores (SCORES.csv) or history (HISTORY.csv to train the outcome model), not both",
    }),
  z.object({
    source: z.literal("applications"),
    /** PLACES.csv of the CLI contract: the places the households may go to. */
    places: text(1, LONG_TEXT_MAX),
    /** The resettlement pathways whose approved applications to take; every resettlement pathway by default. */
    pathways: z.array(trimmedText(1, 64)).max(100).optional(),
    ...common,
  }),
  z.object({
    source: z.literal("demo"),
    cases: z.number().int().min(10).max(2000).default(150),
    seed: z.number().int().min(1).max(1_000_000).default(1),
    ...common,
  }),
]);
export type RunCreate = z.infer<typeof RunCreate>;
/** What a caller may send (defaults not filled in yet). */
export type RunCreateInput = z.input<typeof RunCreate>;

export const RunIdParam = z.object({ id: z.uuid() });
export const CaseParam = z.object({ id: z.uuid(), caseId: text(1, 200) });

export const RunSource = z.enum(["csv", "demo", "applications"]);

export const RunSummary = z.object({
  id: z.string(),
  label: z.string(),
  source: RunSource,
  pledgeYear: z.number().int(),
  method: z.string(),
  optimal: z.boolean(),
  objective: z.number(),
  bound: z.number(),
  gap: z.number(),
  seconds: z.number(),
  cases: z.number().int(),
  places: z.number().int(),
  assigned: z.number().int(),
  unassigned: z.number().int(),
  overrides: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type RunSummary = z.infer<typeof RunSummary>;
export const RunList = z.object({ runs: z.array(RunSummary) });

/** What a nation offers in the batch and what it received, against its pledge for the year. */
export const NationTotal = z.object({
  nation: z.string(),
  places: z.number().int(),
  capacityPersons: z.number().int(),
  capacityCases: z.number().int().nullable(),
  assignedCases: z.number().int(),
  assignedPersons: z.number().int(),
  totalScore: z.number(),
  /** Persons pledged for the year (pathways pledges); null when the nation pledged nothing. */
  pledged: z.number().int().nullable(),
});
export type NationTotal = z.infer<typeof NationTotal>;

export const PlaceUsage = z.object({
  id: z.string(),
  nation: z.string(),
  locality: z.string(),
  capacityPersons: z.number().int(),
  capacityCases: z.number().int().nullable(),
  assignedCases: z.number().int(),
  assignedPersons: z.number().int(),
});
export type PlaceUsage = z.infer<typeof PlaceUsage>;

const GroupCalibration = z.object({
  group: z.string(),
  rows: z.number().int(),
  meanPredicted: z.number(),
  observedRate: z.number(),
});
const GroupReport = GroupCalibration.extend({
  placedObservedRate: z.number().nullable(),
  places: z.array(
    z.object({
      locality: z.string(),
      share: z.number(),
      overallShare: z.number(),
      observedRate: z.number().nullable(),
      observedRows: z.number().int(),
    }),
  ),
});

/** The outcome model's fairness report (see docs/placement.md, "Fairness of the outcome model"). */
export const FairnessView = z.object({
  settings: z.object({
    shareRatio: z.number(),
    tolerance: z.number(),
    minRows: z.number(),
    minExpected: z.number(),
    z: z.number(),
  }),
  heldOutRows: z.number().int(),
  overall: GroupCalibration,
  byNeed: z.array(GroupReport),
  byNationality: z.array(GroupReport),
  flags: z.array(
    z.object({
      group: z.string(),
      locality: z.string(),
      share: z.number(),
      overallShare: z.number(),
      observedRate: z.number(),
      placedObservedRate: z.number(),
      observedRows: z.number().int(),
    }),
  ),
  flagged: z.boolean(),
  /** The officer's reason for using a flagged model; null when the model was not flagged. */
  acknowledgement: z.object({ reason: z.string(), by: z.string() }).nullable(),
});
export type FairnessView = z.infer<typeof FairnessView>;

/** An application the run could not take, and why (not linked to a registry person, already placed, …). */
export const SkippedApplication = z.object({
  applicationId: z.string(),
  trackingCode: z.string(),
  reason: z.string(),
});
export type SkippedApplication = z.infer<typeof SkippedApplication>;

/** What a run from applications took: households (cases), the applications behind them, and what it left. */
export const ApplicationSourceView = z.object({
  households: z.number().int(),
  applications: z.number().int(),
  pathways: z.array(z.string()),
  skipped: z.array(SkippedApplication),
});
export type ApplicationSourceView = z.infer<typeof ApplicationSourceView>;

export const RunDetail = z.object({
  run: RunSummary,
  options: RunOptions,
  /** Present for a run built from approved applications. */
  fromApplications: ApplicationSourceView.nullable(),
  /** Present when the platform trained the scores from a history. */
  fairness: FairnessView.nullable(),
  nations: z.array(NationTotal),
  places: z.array(PlaceUsage),
});
export type RunDetail = z.infer<typeof RunDetail>;

export const Reason = z.enum(["best-place", "better-places-full", "no-allowed-place", "no-room"]);

export const AssignmentQuery = z.object({
  offset: queryCount().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  nation: Nation.optional(),
});
export type AssignmentQuery = z.infer<typeof AssignmentQuery>;

/**
 * The family's wish (its relatives' places, or else its stated preferences) and what became of it: honoured,
 * `full` (no room left for the family at any wish place), `not-allowed` (no allowed place matches it),
 * `not-chosen` (honouring was switched off for the run), `none` (no wish stated).
 */
export const WishView = z.object({
  kind: z.enum(["tie", "preference", "none"]),
  status: z.enum(["honoured", "full", "not-allowed", "not-chosen", "none"]),
});
export type WishView = z.infer<typeof WishView>;

/** One case's current place (after overrides) beside the solver's recommendation. */
export const AssignmentRow = z.object({
  caseId: z.string(),
  size: z.number().int(),
  placeId: z.string().nullable(),
  nation: z.string().nullable(),
  score: z.number().nullable(),
  recommendedPlaceId: z.string().nullable(),
  nextBestPlaceId: z.string().nullable(),
  difference: z.number().nullable(),
  reason: Reason,
  wish: WishView,
  overridden: z.boolean(),
});
export type AssignmentRow = z.infer<typeof AssignmentRow>;
export const AssignmentPage = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(AssignmentRow),
});

const PlaceRef = z.object({ placeId: z.string(), nation: z.string(), locality: z.string() });

export const OverrideView = z.object({
  id: z.string(),
  previousPlaceId: z.string().nullable(),
  placeId: z.string().nullable(),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
});

/** An allowed place for the family, with the room it has left (excluding the family itself). */
export const Alternative = PlaceRef.extend({
  score: z.number(),
  personsLeft: z.number().int(),
  casesLeft: z.number().int().nullable(),
  fits: z.boolean(),
});

/** Why the family was recommended where it was, the next-best place, and what staff changed since. */
export const CaseExplanation = z.object({
  caseId: z.string(),
  size: z.number().int(),
  needs: z.array(z.string()),
  languages: z.array(z.string()),
  reason: Reason,
  wish: WishView,
  recommended: PlaceRef.extend({ score: z.number(), weight: z.number() }).nullable(),
  rank: z.number().int().nullable(),
  allowed: z.number().int(),
  nextBest: PlaceRef.extend({ weight: z.number() }).nullable(),
  /** Weight at the recommended place minus weight at the next-best place. */
  difference: z.number().nullable(),
  betterButFull: z.array(z.string()),
  current: PlaceRef.extend({ score: z.number() }).nullable(),
  overridden: z.boolean(),
  overrides: z.array(OverrideView),
  alternatives: z.array(Alternative),
});
export type CaseExplanation = z.infer<typeof CaseExplanation>;

/** A staff decision that replaces the recommendation: another allowed place with room, or none. */
export const OverrideCreate = z.object({
  placeId: text(1, 200).nullable(),
  reason: trimmedText(0, 2000).min(5, "give a reason (at least 5 characters)"),
});
export type OverrideCreate = z.infer<typeof OverrideCreate>;
