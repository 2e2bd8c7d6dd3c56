import { z } from "zod";
import { ApplicationDetail } from "./applications.contract.ts";
import { ReferralView } from "./referrals.contract.ts";

/**
 * The pathways' section of a person's export: each application linked to the person, in full (answers, name,
 * contact, stage history with decisions, appointment), the referrals that carried it between nations (with
 * what they carried) and the notifications sent to the applicant.
 */
export const PathwaysSubjectSection = z.object({
  applications: z.array(
    ApplicationDetail.extend({
      referrals: z.array(
        ReferralView.extend({
          consentText: z.string(),
          /** What the referral carried to the receiving nation. */
          payload: z.unknown().nullable(),
        }),
      ),
      notifications: z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          status: z.string(),
          message: z.object({ to: z.string(), lang: z.string(), subject: z.string(), text: z.string() }),
          createdAt: z.string(),
          sentAt: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type PathwaysSubjectSection = z.infer<typeof PathwaysSubjectSection>;
