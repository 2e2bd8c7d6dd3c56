import { z } from "zod";

/**
 * Networks' section of a person's export: the victims' protection records that name the person, as references
 * (the record's opaque `PR-…` reference, its case, when it was flagged and who named the person). What the
 * record holds (its links and why it was protected) stays behind the wall. `null` when the exporter does not
 * hold `protection.read`: withheld from that reader, whether or not a record exists.
 */
export const NetworksSubjectSection = z.object({
  protectionRecords: z
    .array(
      z.object({
        protectedRef: z.string(),
        caseRef: z.string(),
        personId: z.string(),
        flaggedAt: z.string(),
        linkedBy: z.string().nullable(),
        linkedAt: z.string().nullable(),
      }),
    )
    .nullable(),
});
export type NetworksSubjectSection = z.infer<typeof NetworksSubjectSection>;
