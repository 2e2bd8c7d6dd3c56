import type { z } from "zod";
import { formatField } from "./field-path.ts";

// What an error answer carries besides its English `message`, so that a client can say it in its user's
// language: `details.reason` names the refusal and `details.params` fills it; `details.issues` lists bad
// fields, each with the kind of fault and its limit. The keys are a contract: the web app renders them, API
// clients may too. The list below is the reference; docs/web.md says how the web and the portal render them.

/** Named refusals a person can meet in the staff app or the portal; each has a sentence in every language. */
export const REFUSAL_REASONS = [
  /** Params: `permission`. The signed-in user's roles do not grant it. */
  "permission",
  /** A state-changing request without the session's CSRF token (a stale tab). */
  "csrf",
  /** Not signed in, or the session has ended. */
  "sign_in",
  /** Params: `from`, `to` (application stages). */
  "stage_transition",
  /** Params: `stage`. The application's stage takes no appointment. */
  "stage_no_appointment",
  /** Params: `stage`. The application's stage cannot be referred. */
  "stage_no_referral",
  /** Params: `purpose`, and `personId` when the person is the holding nation's own record. */
  "consent_missing",
  /** Params: `partner`, `purpose`. No data-sharing agreement in force covers it. */
  "agreement_missing",
  /** Params: `status`. The request was decided already. */
  "already_decided",
  /** Params: `disposition`. The assessment does not allow this outcome (safeguards, family, pending checks). */
  "not_eligible",
  /** A second person must approve: the one who decided cannot. */
  "four_eyes",
  /** Params: `acting`, `checking` (comma-separated roles). One person would both act and check a duty. */
  "duty_conflict",
  /** Nobody changes their own roles. */
  "own_roles",
  /** The application was erased. */
  "erased",
  /** No appointment slot is left on that day at that office. */
  "no_slot_left",
  /** That slot is taken or does not exist. */
  "slot_taken",
  /** That slot has already started: it can no longer be booked. */
  "slot_started",
  /** The application already has an appointment; it is cancelled before another is booked. */
  "already_booked",
  /** Params: `groups` (comma-separated specific needs). The outcome model steers them away; a reason is needed. */
  "flagged_model",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Values that fill a refusal's sentence: codes the client labels (a permission, a stage) or plain values. */
export type RefusalParams = Record<string, string | number>;

/** The `details` of an error answer that names its refusal. */
export function refusal(
  reason: RefusalReason,
  params?: RefusalParams,
): { reason: RefusalReason; params?: RefusalParams } {
  return params ? { reason, params } : { reason };
}

/** One refused field: where (`body.givenNames`), the kind of fault, and the limit it broke when there is one. */
export interface FieldIssue {
  field: string;
  path: string;
  message: string;
  /** Zod's issue code (`too_small`, `invalid_type`, `invalid_value`, `invalid_format`, …), `required`, or
   * `malformed_text` from the edge check. */
  kind?: string;
  /** For `too_small` / `too_big`: the bound. */
  limit?: number;
  /** What the bound counts (`string` characters, `array` items, `number`), or the expected format (`uuid`). */
  type?: string;
  /** For `invalid_value`: the allowed values. */
  options?: string[];
}

/** A validation issue as every error answer lists it, located under its request part (`body`, `query`). */
export function fieldIssue(part: string, issue: z.core.$ZodIssue): FieldIssue {
  const located: FieldIssue = {
    field: formatField(part, issue.path),
    path: issue.path.map(String).join("."),
    message: issue.message,
    kind: issue.code,
  };
  if (issue.code === "too_small" || issue.code === "too_big") {
    const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
    located.limit = Number(bound);
    located.type = issue.origin;
  }
  if (issue.code === "invalid_value") located.options = issue.values.map(String);
  if (issue.code === "invalid_format") located.type = issue.format;
  // Zod names a missing value only in its sentence ("… received undefined").
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined"))
    located.kind = "required";
  return located;
}
