import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  type ExplainedReason,
  QUOTED_REASON_PARAMS,
  type ReasonParams,
} from "../../../../src/border/border-reasons.contract.ts";
import { countryLabel } from "../../../../src/flows/flows-labels.contract.ts";
import { formatLocale } from "../../../../src/shared/locale-format.ts";
import type { Translate } from "../../error-text.ts";
import { Link } from "../../router.tsx";
import { authorityName, dayIn } from "./border-words.ts";

// One reason of an assessment in the reader's language: the sentence is translated, the codes in it are named
// (countries, safeguards, facts, dates), and the words the policy pack wrote are quoted as written, marked with
// the pack's language so that a screen reader reads them in it.

const QUOTED: ReadonlySet<string> = new Set(QUOTED_REASON_PARAMS);
/** Marks a quoted part inside the translated sentence; never typed by anyone. */
const MARK = "\u0001";

const one = (p: ReasonParams, key: string): string => {
  const value = p[key];
  return typeof value === "string" ? value : "";
};
const many = (p: ReasonParams, key: string): string[] => {
  const value = p[key];
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : value;
};

/** "A, B and C" (every one) or "A, B or C" (any one), as the reader's language joins lists. */
function listIn(language: string, items: readonly string[], type: "conjunction" | "disjunction"): string {
  try {
    return new Intl.ListFormat(formatLocale(language), { type }).format(items);
  } catch {
    return items.join(", ");
  }
}

/** The window a rule is in force over, in words. */
function windowIn(t: Translate, language: string, p: ReasonParams): string {
  const from = one(p, "from");
  const until = one(p, "until");
  const zone = one(p, "zone");
  if (from && until)
    return t("pages.border.reason.window.between", {
      from: dayIn(language, from),
      until: dayIn(language, until),
      zone,
    });
  if (from) return t("pages.border.reason.window.from", { from: dayIn(language, from), zone });
  if (until) return t("pages.border.reason.window.until", { until: dayIn(language, until), zone });
  return t("pages.border.reason.window.always");
}

/** The value a code or list parameter reads as: a country, a safeguard, a fact or a kind of person named. */
function named(t: Translate, language: string, why: ExplainedReason, key: string): string {
  const p = why.params;
  switch (key) {
    case "country":
    case "citizenship":
      return countryLabel(one(p, key), language);
    case "date":
      return dayIn(language, one(p, key));
    case "safeguard":
      return t(`pages.border.safeguard.${one(p, key)}`, {
        defaultValue: one(p, key),
      });
    case "facts":
      return listIn(
        language,
        many(p, key).map((f) => t(`pages.border.fact.${f}`, { defaultValue: f })),
        "conjunction",
      );
    case "authorities":
      return listIn(
        language,
        many(p, key).map((a) => authorityName(t, a)),
        "disjunction",
      );
    case "only":
    case "actual": {
      const kind =
        why.code === "rule_gap_demographic" ? "demographic" : why.code === "rule_gap_entry" ? "entry" : null;
      // A kind of person or of entry is a label on its own ("Family unit") and a common noun in a sentence.
      const words = many(p, key).map((v) =>
        kind
          ? t(`pages.border.${kind}.${v}`, { defaultValue: v }).toLocaleLowerCase(formatLocale(language))
          : v,
      );
      return listIn(language, words, "disjunction");
    }
    default:
      return many(p, key).join(", ");
  }
}

/**
 * The reason's sentence as React nodes. `dispositionName` is the option the reason is given for, in the
 * reader's language; it replaces the pack's English label of that option.
 */
export function ReasonText({
  why,
  packLanguage,
  dispositionName,
}: {
  why: ExplainedReason;
  packLanguage: string;
  dispositionName?: string;
}) {
  const { i18n, t: translate } = useTranslation();
  const t = translate as unknown as Translate;
  const language = i18n.language;
  const p = why.params;
  if (why.code === "family_hold") {
    const encounterId = one(p, "encounterId");
    return (
      <Link to={`/border/encounters/${encounterId}`}>
        {t("pages.border.reason.family_hold", {
          safeguard: named(t, language, why, "safeguard"),
          encounter: one(p, "encounter"),
        })}
      </Link>
    );
  }
  // Quoted parts, each marked with the pack's language unless it is what the officer recorded (a border's name).
  const quoted: { text: string; lang: string | undefined }[] = [];
  const quote = (text: string, lang: string | undefined = packLanguage) => {
    quoted.push({ text, lang });
    return `${MARK}${quoted.length - 1}${MARK}`;
  };
  const values: Record<string, string> = {};
  for (const key of Object.keys(p)) {
    if (key === "from" || key === "until" || key === "zone" || key === "unverified") continue;
    const recorded = key === "recorded" || key === "at";
    values[key] = QUOTED.has(key)
      ? quote(many(p, key).join("; "), recorded ? undefined : packLanguage)
      : named(t, language, why, key);
  }
  // Borders by the pack's labels rather than its codes.
  if (p.borderLabels !== undefined)
    values.borders = quote(listIn(language, many(p, "borderLabels"), "disjunction"));
  if (p.onlyLabels !== undefined) values.only = quote(listIn(language, many(p, "onlyLabels"), "disjunction"));
  // The reader's own names where there are any: the option's, the authority's, the presumption's.
  if (dispositionName && p.disposition !== undefined) values.disposition = dispositionName;
  const authorityCode = one(p, "authorityCode");
  if (authorityCode) values.authority = authorityName(t, authorityCode, values.authority);
  const presumptionCode = one(p, "presumptionCode");
  if (presumptionCode)
    values.presumption = t(`pages.border.presumption.${presumptionCode}`, {
      defaultValue: values.presumption ?? presumptionCode,
    });
  values.window = windowIn(t, language, p);
  values.limited = one(p, "limited") === "yes" ? t("pages.border.reason.limited") : "";
  let sentence = t(`pages.border.reason.${why.code}`, values);
  const unverified = one(p, "unverified");
  // What is still to be verified closes the sentence: "…; to be verified: …".
  if (unverified)
    sentence = `${sentence.replace(/\.$/, "")}${t("pages.border.reason.unverified", { text: quote(unverified) })}`;
  const parts = sentence.split(MARK);
  // A quoted sentence that ends with its own full stop needs none after it.
  for (let i = 1; i + 1 < parts.length; i += 2)
    if (quoted[Number(parts[i])]?.text.endsWith(".") && parts[i + 1]?.startsWith("."))
      parts[i + 1] = (parts[i + 1] as string).slice(1);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence never move
          <span key={i} lang={quoted[Number(part)]?.lang}>
            {quoted[Number(part)]?.text ?? ""}
          </span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence never move
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/**
 * The reasons of an option: coded ones in the reader's language, else (assessments stored before codes) the
 * English sentences as given; `fallback` may show such a sentence otherwise (a family hold as a link).
 */
export function ReasonList({
  reasons,
  explained,
  packLanguage,
  dispositionName,
  fallback,
}: {
  reasons: readonly string[];
  explained: readonly ExplainedReason[] | undefined;
  packLanguage: string;
  dispositionName?: string;
  fallback?: (reason: string) => ReactNode;
}) {
  if (!explained || explained.length !== reasons.length) {
    return (
      <ul>
        {reasons.map((r) => (
          // The engine wrote these sentences in English, around the pack's words.
          <li key={r}>{fallback ? fallback(r) : <span lang="en">{r}</span>}</li>
        ))}
      </ul>
    );
  }
  return (
    <ul>
      {explained.map((why, i) => (
        <li key={reasons[i]}>
          <ReasonText why={why} packLanguage={packLanguage} dispositionName={dispositionName} />
        </li>
      ))}
    </ul>
  );
}
