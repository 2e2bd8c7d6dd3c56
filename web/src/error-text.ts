import type { FieldIssue, RefusalParams } from "../../src/shared/refusal.ts";
import { specificNeedOf } from "../../src/shared/specific-needs.ts";
import { needLabel } from "./ui/need-label.ts";

// How a refusal from the server reads in the user's language. The server answers with a closed code, an
// English message for API clients, and details: a named refusal (`reason`, `params`), the bad fields
// (`issues`), or the one `field` a service refused. Each becomes a sentence here; the English message is
// shown only in English and only when nothing more specific is known.

/** What the server said, as the web app's API client keeps it. */
export interface ServerRefusal {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

type Details = {
  reason?: string;
  params?: RefusalParams;
  issues?: FieldIssue[];
  field?: string;
  retryAfterSeconds?: number;
  requestId?: string;
};

const MAX_ISSUES_SHOWN = 3;
const UNKNOWN = "\u0000unknown";

/** i18next's `t`, seen loosely: the keys here are built from the server's codes, checked by their defaults. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The sentence a person reads for a refusal, in the language `t` speaks. */
export function errorText(refusal: ServerRefusal, t: Translate, language: string): string {
  const details = (refusal.details ?? {}) as Details;
  if (refusal.code === "NETWORK") return t("errors.network");
  // A named refusal says the most; then the bad fields; then the code.
  if (details.reason && t(`errors.reasons.${details.reason}`, { defaultValue: UNKNOWN }) !== UNKNOWN)
    return t(`errors.reasons.${details.reason}`, labelledParams(details.params ?? {}, t, language));
  if (Array.isArray(details.issues) && details.issues.length > 0) return issuesText(details.issues, t);
  if (typeof details.field === "string" && refusal.code === "BAD_INPUT" && language !== "en")
    return t("errors.checkFields", {
      list: `${fieldLabel(details.field, t)}: ${t("errors.problems.invalid")}`,
    });
  if (language === "en" && refusal.message && refusal.code !== "INTERNAL") return sentence(refusal.message);
  const generic = t(`errors.codes.${refusal.code}`, { defaultValue: t("errors.codes.UNKNOWN") });
  if (refusal.code === "RATE_LIMITED" && details.retryAfterSeconds)
    return `${generic} ${t("errors.retryAfter", { seconds: details.retryAfterSeconds })}`;
  if (refusal.code === "INTERNAL" && details.requestId)
    return `${generic} ${t("errors.reference", { id: details.requestId })}`;
  return generic;
}

function issuesText(issues: FieldIssue[], t: Translate): string {
  const shown = issues
    .slice(0, MAX_ISSUES_SHOWN)
    .map((issue) => `${fieldLabel(whereOf(issue), t)}: ${problemText(issue, t)}`);
  const more =
    issues.length > MAX_ISSUES_SHOWN
      ? [t("errors.moreFields", { count: issues.length - MAX_ISSUES_SHOWN })]
      : [];
  return t("errors.checkFields", { list: [...shown, ...more].join("; ") });
}

/** Where an issue is: its path within the request part, else its located field (a service may send either). */
function whereOf(issue: FieldIssue): string {
  if (typeof issue.path === "string" && issue.path !== "") return issue.path;
  if (Array.isArray(issue.path)) return (issue.path as unknown[]).map(String).join(".");
  return typeof issue.field === "string" ? issue.field : "";
}

/** What is wrong with one field, from the kind of fault and its limit. */
function problemText(issue: FieldIssue, t: Translate): string {
  const limit = issue.limit;
  switch (issue.kind) {
    case "required":
      return t("errors.problems.required");
    case "too_small":
      if (issue.type === "string")
        return limit === 1 ? t("errors.problems.required") : t("errors.problems.tooShortText", { limit });
      if (issue.type === "array") return t("errors.problems.tooFewItems", { limit });
      return t("errors.problems.tooSmall", { limit });
    case "too_big":
      if (issue.type === "string") return t("errors.problems.tooLongText", { limit });
      if (issue.type === "array") return t("errors.problems.tooManyItems", { limit });
      return t("errors.problems.tooBig", { limit });
    case "invalid_value":
      return t("errors.problems.notAllowed");
    case "invalid_format":
      if (issue.type === "email") return t("errors.problems.badEmail");
      if (issue.type === "uuid" || issue.type === "guid") return t("errors.problems.badId");
      if (issue.type === "date" || issue.type === "datetime") return t("errors.problems.badDate");
      return t("errors.problems.badFormat");
    case "invalid_type":
      return t("errors.problems.wrongType");
    case "malformed_text":
      return t("errors.problems.badText");
    default:
      return t("errors.problems.invalid");
  }
}

/**
 * A field named in words: the last named step of its path (`body.documents[0].number` → "number"), from the
 * labels every language carries, else the name split into words.
 */
export function fieldLabel(path: string, t: Translate): string {
  const steps = path.split(/[.[\]"]+/).filter((step) => step !== "" && !/^\d+$/.test(step));
  const name = steps.at(-1) ?? path;
  return t(`errors.fields.${name}`, { defaultValue: words(name) });
}

/** Parameters made readable: a permission, stage, purpose, status, role or disposition by its label. */
function labelledParams(
  params: RefusalParams,
  t: Translate,
  language: string,
): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  const label = (group: string, code: string | number) =>
    t(`${group}.${code}`, { defaultValue: words(String(code)) });
  if (params.permission !== undefined) out.permission = label("errors.permissions", params.permission);
  for (const key of ["from", "to", "stage"])
    if (params[key] !== undefined) out[key] = label("pages.pathways.stages", params[key]);
  if (params.purpose !== undefined) out.purpose = label("pages.agreements.purpose", params.purpose);
  if (params.status !== undefined) out.status = label("errors.statuses", params.status);
  for (const key of ["acting", "checking"])
    if (params[key] !== undefined)
      out[key] = String(params[key])
        .split(",")
        .map((role) => label("roles", role))
        .join(", ");
  if (params.groups !== undefined)
    out.groups = String(params.groups)
      .split(",")
      .map((code) => {
        const need = specificNeedOf(code.trim());
        return need ? needLabel(need, language) : words(code);
      })
      .join(", ");
  if (params.disposition !== undefined)
    out.disposition = label("pages.border.disposition", params.disposition);
  return out;
}

/** `overrideReason` → "override reason", `birth_date` → "birth date": a last resort, never a code. */
function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}
