import { z } from "zod";
import { NationCode } from "../auth/auth.contract.ts";
import { IsoDate, trimmedText } from "../contract/primitives.contract.ts";

/**
 * What data may cross a border for. The first three are also the purposes a person consents to in the registry;
 * the others are purposes of the nations' own work (a residence check at the border, details of a network
 * investigation, statistics for the secretariat).
 */
export const SharingPurpose = z.enum([
  "cross_border_referral",
  "pathway_application",
  "family_tracing",
  "prior_residence_verification",
  "network_detail",
  "statistics",
]);
export type SharingPurpose = z.infer<typeof SharingPurpose>;

/** The categories of data a purpose may carry under an agreement. */
export const DataCategory = z.enum([
  "identity",
  "nationality",
  "documents",
  "prior_residence",
  "residence_status",
  "network_identifiers",
  "aggregate_counts",
]);
export type DataCategory = z.infer<typeof DataCategory>;

export const AgreementStatus = z.enum(["proposed", "accepted", "suspended", "ended"]);
export type AgreementStatus = z.infer<typeof AgreementStatus>;

/** The legal instrument an agreement rests on: its title, its reference and the date it was signed. */
export const Instrument = z.object({
  title: trimmedText(1, 300),
  reference: trimmedText(1, 200),
  date: IsoDate,
});

const Categories = z.partialRecord(
  SharingPurpose,
  z.array(DataCategory).min(1).max(DataCategory.options.length),
);

/** One side's proposal: the partner, the purposes with the categories each may carry, the instrument, validity. */
export const AgreementProposal = z
  .object({
    partner: NationCode,
    purposes: z.array(SharingPurpose).min(1).max(SharingPurpose.options.length),
    categories: Categories,
    instrument: Instrument,
    validFrom: IsoDate,
    validUntil: IsoDate.nullable().default(null),
  })
  .superRefine((p, ctx) => {
    for (const purpose of p.purposes)
      if (!p.categories[purpose])
        ctx.addIssue({
          code: "custom",
          path: ["categories", purpose],
          message: `expected the categories of data ${purpose} may carry`,
        });
    for (const purpose of Object.keys(p.categories))
      if (!p.purposes.includes(purpose as SharingPurpose))
        ctx.addIssue({ code: "custom", path: ["categories", purpose], message: "not one of the purposes" });
    if ((p.categories.statistics ?? []).some((c) => c !== "aggregate_counts"))
      ctx.addIssue({
        code: "custom",
        path: ["categories", "statistics"],
        message: "statistics carry aggregate_counts only, never data about a person",
      });
    if (p.validUntil !== null && p.validUntil < p.validFrom)
      ctx.addIssue({
        code: "custom",
        path: ["validUntil"],
        message: "expected a date on or after validFrom",
      });
  });
export type AgreementProposal = z.infer<typeof AgreementProposal>;

/** Accept (the other side only), suspend, resume or end, with a reason. */
export const AgreementDecision = z.object({
  decision: z.enum(["accept", "suspend", "resume", "end"]),
  reason: trimmedText(1, 500),
});
export type AgreementDecision = z.infer<typeof AgreementDecision>;

export const AgreementView = z.object({
  id: z.string(),
  partner: z.string(),
  proposedBy: z.string(),
  purposes: z.array(SharingPurpose),
  categories: Categories,
  instrument: z.object({ title: z.string(), reference: z.string(), date: z.string() }),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: AgreementStatus,
  statusReason: z.string().nullable(),
  /** True when the agreement is accepted and today lies within its validity. */
  inForce: z.boolean(),
  createdBy: z.string(),
  decidedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type AgreementView = z.infer<typeof AgreementView>;

export const AgreementList = z.object({ agreements: z.array(AgreementView) });
