import { z } from "zod";

// Why an assessment says what it says, as a code and its parts, so that each officer reads the reason in their
// own language. The engine writes the same reason in English beside it (`reasons`), for the CLI, exports and
// assessments stored before reasons had codes. Words the policy pack wrote (a rule's reason, an authority's
// label, a safeguard's effect) are quoted as written, in the pack's language: only the sentence around them
// and the codes in it (countries, safeguards, facts, dates) are translated.

export const REASON_CODES = [
  /** No border was recorded and the pack names no default. */
  "border_unrecorded",
  /** No border was recorded: read at the pack's default `border`. */
  "border_default",
  /** The `recorded` border is none of the pack's (`known`): rules limited to a border do not apply. */
  "border_unknown",
  /** The `authority` covers only `borders`, not the border met `at`. */
  "authority_other_border",
  /** The `authority` is excluded for this person by the pack's `rule`, in force over the window. */
  "authority_excluded",
  /** The `authority` applies on `date`, in force over the window. */
  "authority_applies",
  /** A dated note of the authority in force, as the pack words it (`text`). */
  "authority_note",
  /** A screening the pack owes on this encounter (`text`). */
  "screening",
  /** The pack's acceptance `rule` applies, in force over the window (`limited`: only within capacity). */
  "rule_applies",
  /** The `disposition` exists only under `authorities`. */
  "disposition_unavailable",
  /** The `rule` names this citizenship, but only for demographics `only`, not `actual`. */
  "rule_gap_demographic",
  /** The `rule` names this citizenship, but only at borders `only`, not the border met `at`. */
  "rule_gap_border",
  /** The `rule` names this citizenship, but only for kinds of entry `only`, not `actual`. */
  "rule_gap_entry",
  /** The `rule` names this citizenship, but is in force over the window only, not on `date`. */
  "rule_outside_window",
  /** The `rule` names this citizenship, but only when `facts` are recorded. */
  "rule_missing_facts",
  /** No acceptance rule of the `disposition` covers nationals of `citizenship`. */
  "no_rule_covers",
  /** Prior residence in `country` verified by it. */
  "residence_verified",
  /** `country` holds no residence record for this person. */
  "residence_not_found",
  /** No prior residence in `country` claimed or verified. */
  "residence_not_claimed",
  /** Prior residence in `country` must be verified by it first. */
  "residence_pending",
  /** The `safeguard` is open: the pack's `effect`. */
  "safeguard_open",
  /** The `safeguard` is open and the pack has no rule for it: every return is held for a supervisor. */
  "safeguard_unhandled",
  /** The `safeguard` was closed on the record by an authorised officer. */
  "safeguard_closed",
  /** The `presumption` applies, in force over the window. */
  "presumption_applies",
  /** The `presumption` applies: its `effect`. */
  "presumption_effect",
  /** The `presumption` does not apply: an exception holds (`text`). */
  "presumption_excepted",
  /** The `presumption` does not apply: it is rebutted (`text`). */
  "presumption_rebutted",
  /** The `safeguard` is open for another member of the family group (`encounter`, a reference; `encounterId`). */
  "family_hold",
] as const;
export const ReasonCode = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCode>;

/**
 * `authorityCode` and `presumptionCode` name what `authority` and `presumption` quote, so a reader's language may
 * name it; `borderLabels` and `onlyLabels` are the pack's labels of the border codes in `borders` and `only`. Parameters quoted from the policy pack (or, for `recorded` and `at`, from the encounter as recorded): shown as
 * written. Every other parameter is a code, a date or a list of codes the reader's language names.
 * `unverified` is what the pack says is still to be verified about the rule; `from`, `until` and `zone` are the
 * window the rule is in force over (no bound: at all times).
 */
export const QUOTED_REASON_PARAMS = [
  "authority",
  "disposition",
  "rule",
  "text",
  "effect",
  "presumption",
  "border",
  "borderLabels",
  "onlyLabels",
  "known",
  "recorded",
  "at",
  "unverified",
] as const;

export const ReasonParams = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type ReasonParams = z.infer<typeof ReasonParams>;

export const ExplainedReason = z.object({ code: ReasonCode, params: ReasonParams });
export type ExplainedReason = z.infer<typeof ExplainedReason>;
