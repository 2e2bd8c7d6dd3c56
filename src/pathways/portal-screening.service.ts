import { AppError } from "../platform/errors.ts";
import type { PublishedCatalog } from "./catalog.service.ts";
import { countryName } from "./engine/country-names.ts";
import type { Language } from "./engine/language.ts";
import { relevantQuestions } from "./engine/question-relevance.ts";
import { customQuestionTexts, questionText } from "./engine/question-texts.ts";
import { questionIds } from "./engine/questions.ts";
import { prepareCatalogAnswers, questionsEverAsked, questionsOn, screenCatalog } from "./engine/screening.ts";
import { labelOf } from "./engine/vocabulary.ts";
import type { PortalPathway, PortalQuestion, PortalScreenEntry } from "./portal.contract.ts";
import type { PortalDeps } from "./portal-applicant.service.ts";

// The portal's catalogue and screening: the published pathways and their questions in the applicant's
// language, and the answers screened against every pathway. Applying screens through `screenAnswers` too.

// Countries offered in the portal's country questions (the region and the most frequent origins).
const COUNTRY_OPTIONS =
  "ARG BHS BLZ BOL BRA CAN CHL COL CRI CUB DOM ECU SLV GTM GUY HTI HND JAM MEX NIC PAN PRY PER SUR TTO USA URY VEN AFG UKR SYR CHN IND SEN CMR COD ERI SOM".split(
    " ",
  );

/** One published pathway as the portal shows it in `lang`, or undefined for a key the catalogue lacks. */
function portalPathway(pub: PublishedCatalog, key: string, lang: Language): PortalPathway | undefined {
  const where = pub.keys.get(key);
  const pathway = pub.catalog.pathways.find((p) => p.id === key);
  if (!where || !pathway) return undefined;
  return {
    nation: where.nation,
    id: where.id,
    type: pathway.type ?? null,
    title: pathway.title[lang],
    summary: pathway.summary[lang],
    documents: pathway.documents.map((d) => d[lang]),
    example: pathway.example,
    access: pathway.access,
    howToAccess: pathway.accessHow?.[lang] ?? null,
    lastVerified: pathway.lastVerified ?? null,
  };
}

function optionsOf(type: string, options: string[] | undefined, lang: Language) {
  if (type === "country") return COUNTRY_OPTIONS.map((c) => ({ value: c, label: countryName(c, lang) }));
  return options?.map((o) => ({ value: o, label: labelOf(o, lang) }));
}

function checkAnswers(pub: PublishedCatalog, raw: Record<string, unknown>): void {
  const { problems } = prepareCatalogAnswers(pub.compiled, raw);
  if (problems.length > 0) {
    throw new AppError("BAD_INPUT", `answers not understood: ${problems.map((p) => p.path).join(", ")}`, {
      questions: problems.map((p) => p.path),
    });
  }
}

/**
 * The published catalogue and the answers screened against it; 400 naming the questions not understood.
 * Only answers to the questions shown for them count (`kept`): an answer to a question that could not
 * change anything, and so was not shown, changes nothing here either.
 */
export async function screenAnswers(deps: PortalDeps, lang: Language, raw: Record<string, unknown>) {
  const { catalog } = deps;
  const pub = await catalog.published();
  checkAnswers(pub, raw);
  const on = catalog.today();
  const kept = relevantQuestions(pub.compiled, raw, on).answers;
  const { answers } = prepareCatalogAnswers(pub.compiled, kept);
  return { pub, kept, results: screenCatalog(pub.compiled, answers, { on, lang }) };
}

/** The ids of the questions to show for the answers given so far; 400 naming the answers not understood. */
export async function shownQuestions(deps: PortalDeps, raw: Record<string, unknown>) {
  const { catalog } = deps;
  const pub = await catalog.published();
  checkAnswers(pub, raw);
  return { shown: relevantQuestions(pub.compiled, raw, catalog.today()).shown };
}

/**
 * Published pathways and the questions they need, in `lang`: those asked today, or with `everAsked` every
 * question any version asked (staff reading an application filed under rules since changed).
 */
export async function portalCatalog(
  deps: PortalDeps,
  lang: Language,
  options: { everAsked?: boolean } = {},
): Promise<{ pathways: PortalPathway[]; questions: PortalQuestion[]; shown?: string[] }> {
  const { catalog } = deps;
  const pub = await catalog.published();
  const custom = customQuestionTexts(pub.catalog);
  const pathways = [...pub.keys.keys()].flatMap((k) => portalPathway(pub, k, lang) ?? []);
  const asked = options.everAsked
    ? questionsEverAsked(pub.catalog)
    : questionsOn(pub.catalog, catalog.today());
  const questions = asked.map((q) => {
    const options = optionsOf(q.type, q.options, lang);
    return {
      id: q.id,
      type: q.type,
      text: questionText(q.id, lang, custom),
      ...(options && { options }),
      // A person may hold several nationalities; a rule on nationality is met by any of them.
      ...(q.id === questionIds.nationality && { multiple: true }),
    };
  });
  if (options.everAsked) return { pathways, questions };
  return { pathways, questions, shown: relevantQuestions(pub.compiled, {}, catalog.today()).shown };
}

/** Screens answers against every published pathway, with reasons and documents in `lang`. */
export async function screenApplicant(
  deps: PortalDeps,
  lang: Language,
  raw: Record<string, unknown>,
): Promise<PortalScreenEntry[]> {
  const { pub, results } = await screenAnswers(deps, lang, raw);
  return results.flatMap((r) => {
    const view = portalPathway(pub, r.pathway, lang);
    if (!view) return [];
    const notOpen = r.status && r.reasonCode && { status: r.status, reasonCode: r.reasonCode };
    return [{ ...view, result: r.result, reasons: r.reasons, missing: r.missing, ...notOpen }];
  });
}
