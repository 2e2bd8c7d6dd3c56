import { z } from "zod";
import {
  CalendarDate,
  CheckCode,
  Demographic,
  DispositionCode,
  EntryKind,
  Iso3,
  PresumptionCode,
  SafeguardCode,
} from "../border.contract.ts";
import { isKnownTimeZone, isLocalMoment } from "../moments.contract.ts";
import { FactCode } from "./encounter-facts.ts";

// The parts a policy pack is made of: sources, windows, coverage, authorities, dispositions, safeguards and
// presumptions. The whole pack and its cross-references are in policy-pack.ts; the format is documented in
// docs/border-policy-packs.md.

export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: "expected a lower-case id such as cdc-2020-03-20" });

const LocalMoment = z.string().refine(isLocalMoment, {
  error: "expected a real local date YYYY-MM-DD or local date-time YYYY-MM-DDTHH:MM",
});

export const TimeZone = z
  .string()
  .refine(isKnownTimeZone, { error: "expected an IANA time zone such as America/New_York" });

/** From (inclusive) until (exclusive), read in `timeZone` or else the pack's zone. */
export const EffectiveWindow = z
  .strictObject({
    from: LocalMoment.optional(),
    until: LocalMoment.optional(),
    timeZone: TimeZone.optional(),
  })
  .refine(
    (w) => w.from === undefined || w.until === undefined || w.from.slice(0, 16) < w.until.slice(0, 16),
    { error: "expected `from` before `until`", path: ["until"] },
  );
export type EffectiveWindow = z.infer<typeof EffectiveWindow>;

export const Citations = z.array(Slug).min(1, { error: "expected at least one citation (a source id)" });

/** What is still to be verified about a rule, said to the officer with the rule's reason. */
const ToBeVerified = z.string().min(1).optional();

/** A public source with its verification status; `verified` names the copy of the text that was checked. */
export const PolicySource = z
  .strictObject({
    id: Slug,
    kind: z.enum([
      "order",
      "notice",
      "statute",
      "regulation",
      "announcement",
      "agreement",
      "directive",
      "court_decision",
      "report",
    ]),
    title: z.string().min(1),
    issuer: z.string().min(1),
    date: CalendarDate.optional(),
    reference: z.string().min(1).optional(),
    url: z.string().min(1).optional(),
    verification: z.enum(["unverified", "verified"]),
    checkedAgainst: z.string().min(1).optional(),
    note: z.string().optional(),
  })
  .refine((s) => s.verification !== "verified" || s.checkedAgainst !== undefined, {
    error: "expected `checkedAgainst` (the copy of the text that was checked) on a verified source",
    path: ["checkedAgainst"],
  });
export type PolicySource = z.infer<typeof PolicySource>;

/** Who and where a rule covers; an absent list means everyone (or everywhere). */
export const Coverage = {
  citizenships: z.array(Iso3).min(1).optional(),
  notCitizenships: z.array(Iso3).min(1).optional(),
  demographics: z.array(Demographic).min(1).optional(),
  borders: z.array(Slug).min(1).optional(),
  entries: z.array(EntryKind).min(1).optional(),
};

/** A border the pack knows, and the words that name it in an encounter's free-text `border`. */
export const BorderDefinition = z.strictObject({
  code: Slug,
  label: z.string().min(1),
  names: z.array(z.string().min(1)).min(1),
});
export type BorderDefinition = z.infer<typeof BorderDefinition>;

/** A period during which part of the population is outside an authority (for example, unaccompanied children). */
export const AuthorityExclusion = z.strictObject({
  id: Slug,
  ...Coverage,
  effective: EffectiveWindow,
  reason: z.string().min(1),
  citations: Citations,
});

/** A dated event in an authority's history (a new order, an injunction) explained to officers on those dates. */
export const AuthorityNote = z.strictObject({
  id: Slug,
  effective: EffectiveWindow,
  reason: z.string().min(1),
  citations: Citations,
  toBeVerified: ToBeVerified,
});

export const Authority = z.strictObject({
  code: Slug,
  label: z.string().min(1),
  effective: EffectiveWindow.optional(),
  borders: z.array(Slug).min(1).optional(),
  exclusions: z.array(AuthorityExclusion).default([]),
  notes: z.array(AuthorityNote).default([]),
  citations: Citations,
});
export type Authority = z.infer<typeof Authority>;

export const RequiredCheck = z.strictObject({ check: CheckCode, country: Iso3 });

/** A step the law requires when a fact holds (a credible fear interview when fear is expressed). */
export const Screening = z.strictObject({ when: FactCode, reason: z.string().min(1), citations: Citations });

/** One dated, cited reason a receiving nation or the law allows this disposition for some people. */
export const AcceptanceRule = z.strictObject({
  id: Slug,
  ...Coverage,
  effective: EffectiveWindow.default({}),
  requires: z.array(FactCode).default([]),
  requiredChecks: z.array(RequiredCheck).default([]),
  screenings: z.array(Screening).default([]),
  limitedCapacity: z.boolean().default(false),
  reason: z.string().min(1),
  citations: Citations,
  toBeVerified: ToBeVerified,
  note: z.string().optional(),
});
export type AcceptanceRule = z.infer<typeof AcceptanceRule>;

export const DispositionRule = z.strictObject({
  code: DispositionCode,
  /** The receiving nation, or "citizenship": the person's own country (expulsion to one's own country). */
  to: z.union([Iso3, z.literal("citizenship")]).optional(),
  label: z.string().min(1),
  authorities: z
    .array(Slug)
    .min(1, { error: "expected the authority codes under which this disposition exists" }),
  acceptance: z.array(AcceptanceRule).min(1),
  /** Whether an officer's choice of this disposition needs a supervisor's approval before it takes effect. */
  supervisorApproval: z.boolean().default(false),
});
export type DispositionRule = z.infer<typeof DispositionRule>;

/** A protection before any return; variants by authority or citizenship apply in pack order, first match. */
export const SafeguardRule = z.strictObject({
  code: SafeguardCode,
  authorities: z.array(Slug).min(1).optional(),
  citizenships: z.array(Iso3).min(1).optional(),
  effect: z.string().min(1),
  blocks: z.array(DispositionCode),
  evidence: z.array(z.string().min(1)).min(1, { error: "expected the evidence this safeguard needs" }),
  citations: Citations,
  toBeVerified: ToBeVerified,
});
export type SafeguardRule = z.infer<typeof SafeguardRule>;

/** Who a presumption does not reach (an exception) or for whom it is rebutted, and why. */
export const PresumptionException = z.strictObject({
  id: Slug,
  kind: z.enum(["exception", "rebuttal"]),
  citizenships: Coverage.citizenships,
  demographics: Coverage.demographics,
  when: z.array(FactCode).default([]),
  reason: z.string().min(1),
  citations: Citations,
  toBeVerified: ToBeVerified,
});
export type PresumptionException = z.infer<typeof PresumptionException>;

/** A rebuttable presumption the law attaches to an encounter, reported with the dispositions it affects. */
export const PresumptionRule = z.strictObject({
  code: PresumptionCode,
  label: z.string().min(1),
  effect: z.string().min(1),
  authorities: z.array(Slug).min(1).optional(),
  borders: Coverage.borders,
  entries: Coverage.entries,
  effective: EffectiveWindow.default({}),
  affects: z.array(DispositionCode).default([]),
  exceptions: z.array(PresumptionException).default([]),
  citations: Citations,
  toBeVerified: ToBeVerified,
});
export type PresumptionRule = z.infer<typeof PresumptionRule>;
