import { z } from "zod";
import { count, IsoDate, text, trimmedText } from "../platform/contract/primitives.contract.ts";

// The pathways' vocabulary (stages, decisions, languages, outcomes) and the schemas of the catalogue, the
// pledges and the dashboard. Applications, appointments, referrals and the public portal have their own
// contract files beside this one.

/** `erased`: the applicant erased their data from the portal; only a tombstone is left, and it is final. */
export const Stage = z.enum(["submitted", "screening", "interview_scheduled", "decided", "closed", "erased"]);
export type Stage = z.infer<typeof Stage>;
/**
 * Which stages may follow which (the server refuses any other move; the staff page offers only these): a
 * decision is final, closing is always possible until closed.
 */
export const NEXT_STAGES: Readonly<Record<Stage, readonly Stage[]>> = {
  submitted: ["screening", "interview_scheduled", "decided", "closed"],
  screening: ["interview_scheduled", "decided", "closed"],
  interview_scheduled: ["screening", "decided", "closed"],
  decided: ["closed"],
  closed: [],
  erased: [],
};
export const Decision = z.enum(["approved", "denied", "referred"]);
export type Decision = z.infer<typeof Decision>;
export const PortalLanguage = z.enum(["es", "en", "pt", "fr", "ht"]);
export type PortalLanguage = z.infer<typeof PortalLanguage>;
export const Outcome = z.enum(["eligible", "maybe", "not_eligible"]);

export const Nation = z.string().regex(/^[A-Z]{3}$/, "expected a nation code such as USA");
export const PathwayId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, "expected a pathway id (a-z, 0-9, - and _)");
export const Reason = trimmedText(0, 2000).min(3, "give a reason");
export const Answers = z.record(text(0, 80), z.unknown());
/** A pathway definition as staff edit it; `catalog-schema.ts` checks its shape. */
const Definition = z.record(text(0, 200), z.unknown());

export const PathwayIdParam = z.object({ id: PathwayId });
export const UuidParam = z.object({ id: z.uuid() });
export const YearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const Problem = z.object({ path: z.string(), message: z.string() });

export const CatalogEntry = z.object({
  id: z.string(),
  nation: z.string(),
  published: z.boolean(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  /** The title in English, kept for API clients; `titles` has it in every portal language. */
  title: z.string(),
  titles: z.record(PortalLanguage, z.string()),
  type: z.string().nullable(),
  example: z.boolean(),
  capacity: z.object({ places: z.number().int(), period: z.string() }).nullable(),
  definition: z.unknown(),
  versions: z.array(
    z.object({ version: z.number().int(), effectiveFrom: z.string(), createdBy: z.string() }),
  ),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;
export const CatalogList = z.object({ pathways: z.array(CatalogEntry) });
export const CatalogSave = z.object({
  definition: Definition,
  effectiveFrom: IsoDate,
});
export const Publication = z.object({ published: z.boolean() });

/** Why a pathway is not open on the screening date, when that is what decided it. */
export const NotOpen = {
  status: z.enum(["not_open_yet", "suspended", "closed"]).optional(),
  reasonCode: z
    .enum(["pathway_not_open_yet", "pathway_suspended", "pathway_closed", "no_rules_in_force"])
    .optional(),
};
export const ScreenEntry = z.object({
  pathway: z.string(),
  result: Outcome,
  reasons: z.array(z.string()),
  missing: z.array(z.string()),
  ...NotOpen,
  access: z.enum(["invitation", "referral"]).optional(),
});
export const PreviewRequest = z.object({
  definition: Definition,
  answers: Answers,
  lang: PortalLanguage.default("en"),
  on: IsoDate.optional(),
});
export const PreviewResult = z.object({
  valid: z.boolean(),
  problems: z.array(Problem),
  questions: z.array(z.object({ id: z.string(), type: z.string(), text: z.string() })),
  results: z.array(ScreenEntry),
});

export const PledgeSave = z.object({
  places: count(0, 100_000_000),
  note: text(0, 500).default(""),
});
export const PledgeRow = z.object({
  nation: z.string(),
  year: z.number().int(),
  pledged: z.number().int(),
  /** Persons arrived in the nation in the year (resettled households whose arrival was recorded). */
  delivered: z.number().int(),
  applications: z.number().int(),
  note: z.string(),
});
export const PledgeList = z.object({ year: z.number().int(), nations: z.array(PledgeRow) });

export const NationDashboard = z.object({
  nation: z.string(),
  applications: z.number().int(),
  byStage: z.record(z.string(), z.number().int()),
  decisions: z.object({ approved: z.number().int(), denied: z.number().int(), referred: z.number().int() }),
  medianDaysToDecision: z.number().nullable(),
  capacityUsed: z.number().int(),
  capacityPledged: z.number().int(),
});
export const Dashboard = z.object({
  year: z.number().int(),
  regional: z.boolean(),
  nations: z.array(NationDashboard),
  totals: NationDashboard,
});
export type Dashboard = z.infer<typeof Dashboard>;
export const OutboxDelivery = z.object({ sent: z.number().int(), failed: z.number().int() });
