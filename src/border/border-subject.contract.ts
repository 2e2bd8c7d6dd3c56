import { z } from "zod";
import { SafeguardCode } from "./border.contract.ts";
import { DecisionView, EncounterView, VerificationView } from "./border-records.contract.ts";
import { SafeguardEventView } from "./border-safeguards.contract.ts";

/**
 * The border's section of a person's export: each encounter linked to the person, personal fields decrypted,
 * with the decisions taken on it (and their approvals), the safeguards closed or reopened, and the questions
 * asked of partner nations with their answers.
 */
export const BorderSubjectSection = z.object({
  encounters: z.array(
    EncounterView.extend({
      decisions: z.array(DecisionView),
      safeguardEvents: z.array(SafeguardEventView.extend({ safeguard: SafeguardCode })),
      verifications: z.array(VerificationView),
    }),
  ),
});
export type BorderSubjectSection = z.infer<typeof BorderSubjectSection>;
