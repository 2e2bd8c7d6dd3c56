import type { ExplainedReason, ReasonCode, ReasonParams } from "../border-reasons.contract.ts";
import type { EffectiveWindow } from "./policy-pack.ts";
import { unhandledEffect } from "./safeguards.ts";

// The English sentence of each coded reason: what `reasons` carries for the CLI, exports and readers of stored
// assessments. The web writes the same reasons in the reader's language from the codes.

/** A reason as the engine carries it: the code and its parts, and the English sentence made from them once. */
export interface Said {
  readonly text: string;
  readonly why: ExplainedReason;
}

const SAFEGUARD_WORDS: Record<string, string> = {
  fear_claim: "a fear claim",
  unaccompanied_child: "an unaccompanied-child safeguard",
  trafficking: "a trafficking safeguard",
  medical: "a medical safeguard",
};

const limitedText = "; limited numbers only, subject to the receiving nation's capacity";

const str = (p: ReasonParams, key: string): string => {
  const value = p[key];
  return typeof value === "string" ? value : "";
};
const list = (p: ReasonParams, key: string, separator = ", "): string => {
  const value = p[key];
  return Array.isArray(value) ? value.join(separator) : (value ?? "");
};

/** The window parameters of a rule: its bounds and the zone they are read in (none when in force at all times). */
export function windowParams(window: EffectiveWindow | undefined, packZone: string): ReasonParams {
  if (!window || (window.from === undefined && window.until === undefined)) return {};
  const params: ReasonParams = { zone: window.timeZone ?? packZone };
  if (window.from !== undefined) params.from = window.from;
  if (window.until !== undefined) params.until = window.until;
  return params;
}

/** "from 2021-12-06 until 2022-08-08, America/New_York time", or "at all times". */
function windowText(p: ReasonParams): string {
  const from = str(p, "from");
  const until = str(p, "until");
  if (!from && !until) return "at all times";
  const start = from ? `from ${from.replace("T", " ")}` : "";
  const end = until ? `until ${until.replace("T", " ")}` : "";
  return `${start && end ? `${start} ${end}` : start || end}, ${str(p, "zone")} time`;
}

const sentences: Record<ReasonCode, (p: ReasonParams) => string> = {
  border_unrecorded: () => "no border was recorded",
  border_default: (p) => `no border was recorded: assessed at the pack's default border, ${str(p, "border")}`,
  border_unknown: (p) =>
    `the border "${str(p, "recorded")}" is not one this pack knows (${list(p, "known", "; ")}): rules limited to a border do not apply`,
  authority_other_border: (p) =>
    `${str(p, "authority")} does not apply at ${str(p, "at")}: it covers the ${list(p, "borders")} border only`,
  authority_excluded: (p) => `${str(p, "authority")} does not apply: ${str(p, "rule")} (${windowText(p)})`,
  authority_applies: (p) => `${str(p, "authority")} applies on ${str(p, "date")} (in force ${windowText(p)})`,
  authority_note: (p) => str(p, "text"),
  screening: (p) => str(p, "text"),
  rule_applies: (p) =>
    `${str(p, "rule")} (in force ${windowText(p)})${str(p, "limited") === "yes" ? limitedText : ""}`,
  disposition_unavailable: (p) =>
    `${str(p, "disposition")} is not available: it exists only under ${list(p, "authorities")}`,
  rule_gap_demographic: (p) => `${str(p, "rule")}, but only for ${list(p, "only")}, not ${str(p, "actual")}`,
  rule_gap_border: (p) => `${str(p, "rule")}, but only at the ${list(p, "only")} border, not ${str(p, "at")}`,
  rule_gap_entry: (p) => `${str(p, "rule")}, but only for entry ${list(p, "only")}, not ${str(p, "actual")}`,
  rule_outside_window: (p) => `${str(p, "rule")}, but only ${windowText(p)}, not on ${str(p, "date")}`,
  rule_missing_facts: (p) =>
    `${str(p, "rule")}, but only when ${list(p, "facts").replaceAll("_", " ")} is recorded`,
  no_rule_covers: (p) =>
    `${str(p, "disposition")}: no rule in the pack covers ${str(p, "citizenship")} nationals`,
  residence_verified: (p) => `prior residence in ${str(p, "country")} verified by ${str(p, "country")}`,
  residence_not_found: (p) => `${str(p, "country")} holds no residence record for this person: not eligible`,
  residence_not_claimed: (p) => `no prior residence in ${str(p, "country")} claimed or verified`,
  residence_pending: (p) =>
    `prior residence in ${str(p, "country")} must be verified by ${str(p, "country")} first (pending)`,
  safeguard_open: (p) => `safeguard ${str(p, "safeguard")} is open: ${str(p, "effect")}`,
  safeguard_unhandled: (p) => `safeguard ${str(p, "safeguard")} is open: ${unhandledEffect}`,
  safeguard_closed: (p) =>
    `safeguard ${str(p, "safeguard")} was closed on the record by an authorised officer (reason and evidence on file): it no longer holds this return`,
  presumption_applies: (p) => `${str(p, "presumption")} applies (in force ${windowText(p)})`,
  presumption_effect: (p) => `${str(p, "presumption")} applies: ${str(p, "effect")}`,
  presumption_excepted: (p) => `${str(p, "presumption")} does not apply (excepted): ${str(p, "text")}`,
  presumption_rebutted: (p) => `${str(p, "presumption")} does not apply (rebutted): ${str(p, "text")}`,
  family_hold: (p) =>
    `held: ${SAFEGUARD_WORDS[str(p, "safeguard")] ?? str(p, "safeguard")} is open for another member of this family group (encounter ${str(p, "encounter")})`,
};

/** The English sentence of a coded reason, with what the pack says is still to be verified at its end. */
export function englishReason(why: ExplainedReason): string {
  const unverified = str(why.params, "unverified");
  return `${sentences[why.code](why.params)}${unverified ? `; to be verified: ${unverified}` : ""}`;
}

/** How many reasons one rule keeps made (per date, per kind of person): past it, the memory starts afresh. */
const REMEMBERED = 1_024;

/**
 * The reason `key` names in `memory`, made once: bulk assessments give the same near miss or the same day's
 * authority thousands of times. Reasons are immutable values, so one is shared by every assessment that gives it.
 */
export function remembered(memory: Map<string, Said>, key: string, make: () => Said): Said {
  let said = memory.get(key);
  if (said === undefined) {
    said = make();
    if (memory.size >= REMEMBERED) memory.clear();
    memory.set(key, said);
  }
  return said;
}

/** A coded reason and its English sentence. Parameters left undefined or empty are not carried. */
export function say(code: ReasonCode, params: Record<string, string | string[] | undefined> = {}): Said {
  // Assessments run in bulk: the parameters are copied only when one must be left out.
  let kept = params as ReasonParams;
  for (const key in params) {
    const value = params[key];
    if (value !== undefined && value !== "") continue;
    kept = {};
    for (const k in params) {
      const v = params[k];
      if (v !== undefined && v !== "") kept[k] = v;
    }
    break;
  }
  const why: ExplainedReason = { code, params: kept };
  return { text: englishReason(why), why };
}
