import type { PathProblem } from "../../shared/input-problem.ts";
import {
  type AccessMode,
  CatalogInputSchema,
  type PathwayInput,
  type PathwayStatus,
  type PathwayType,
  type Period,
  problemsFromZod,
} from "./catalog-schema.ts";
import { completeTexts, type Texts } from "./language.ts";
import { deriveQuestions } from "./questions.ts";
import type { Rule } from "./rule-types.ts";

/** One version of a pathway's rules and the dates it applies between (both inclusive, open-ended if absent). */
export interface RuleSet {
  version: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  rules: Rule;
}

/** One dated period of a pathway's status (dates inclusive; `until` absent while it lasts). */
export interface StatusPeriod {
  status: PathwayStatus;
  from: string;
  until?: string;
  source: string;
  change?: Texts;
}

/** A source of a pathway's facts and whether it was checked against the official text. */
export interface PathwaySource {
  cite: string;
  url?: string;
  verification: "verified" | "to_be_verified";
  covers?: string;
}

/** A pathway as the engine and the portal use it: every text in every language, rule sets in date order. */
export interface Pathway {
  id: string;
  nation?: string;
  type?: PathwayType;
  example: boolean;
  /** For people maintaining the catalogue: where the criteria come from, what to review. */
  note?: string;
  title: Texts;
  summary: Texts;
  documents: Texts[];
  capacity?: { places: number; period: Period };
  /** Nations whose places may receive the pathway's households besides its own. */
  destinations?: string[];
  opens?: string;
  closes?: string;
  processingDays?: number;
  /** The status as last verified (without `statusHistory`, it holds on every date). */
  status?: PathwayStatus;
  statusHistory: StatusPeriod[];
  lastVerified?: string;
  access: AccessMode;
  /** How invitation or referral happens, when people cannot simply apply. */
  accessHow?: Texts;
  sources: PathwaySource[];
  ruleSets: RuleSet[];
}

export interface Catalog {
  version?: string;
  pathways: Pathway[];
}

export type CatalogParse = { ok: true; catalog: Catalog } | { ok: false; problems: PathProblem[] };

/** Validates a parsed JSON catalogue and normalises it; problems name the JSON path and what was expected. */
export function parseCatalog(json: unknown): CatalogParse {
  const parsed = CatalogInputSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) };
  const pathways = parsed.data.pathways.map(normalisePathway);
  const problems = [...duplicateIds(pathways), ...ruleSetProblems(pathways)];
  problems.push(...deriveQuestions(pathways.flatMap((p) => p.ruleSets.map((s) => s.rules))).problems);
  if (problems.length > 0) return { ok: false, problems };
  const version = parsed.data.version === undefined ? undefined : String(parsed.data.version);
  return { ok: true, catalog: { ...(version !== undefined && { version }), pathways } };
}

function normalisePathway(input: PathwayInput): Pathway {
  const ruleSets: RuleSet[] = input.ruleSets
    ? [...input.ruleSets].sort((a, b) => (a.effectiveFrom ?? "").localeCompare(b.effectiveFrom ?? ""))
    : [{ version: "1", rules: input.rules as Rule }];
  return {
    id: input.id,
    ...(input.nation !== undefined && { nation: input.nation }),
    ...(input.type !== undefined && { type: input.type }),
    example: input.example ?? false,
    ...(input.note !== undefined && { note: input.note }),
    title: completeTexts(input.title ?? input.id),
    summary: completeTexts(input.summary ?? ""),
    documents: (input.documents ?? []).map((d) => completeTexts(d)),
    ...(input.capacity !== undefined && { capacity: input.capacity }),
    ...(input.destinations !== undefined && { destinations: input.destinations }),
    ...(input.opens !== undefined && { opens: input.opens }),
    ...(input.closes !== undefined && { closes: input.closes }),
    ...(input.processingDays !== undefined && { processingDays: input.processingDays }),
    ...(input.status !== undefined && { status: input.status }),
    statusHistory: (input.statusHistory ?? []).map((p) => ({
      status: p.status,
      from: p.from,
      ...(p.until !== undefined && { until: p.until }),
      source: p.source,
      ...(p.change !== undefined && { change: completeTexts(p.change) }),
    })),
    ...(input.lastVerified !== undefined && { lastVerified: input.lastVerified }),
    access: input.access ?? "apply",
    ...(input.accessHow !== undefined && { accessHow: completeTexts(input.accessHow) }),
    sources: (input.sources ?? []).map((s) => ({
      cite: s.cite,
      ...(s.url !== undefined && { url: s.url }),
      verification: s.verification,
      ...(s.covers !== undefined && { covers: s.covers }),
    })),
    ruleSets,
  };
}

function duplicateIds(pathways: Pathway[]): PathProblem[] {
  const seen = new Map<string, number>();
  const problems: PathProblem[] = [];
  pathways.forEach((p, index) => {
    const first = seen.get(p.id);
    if (first === undefined) seen.set(p.id, index);
    else
      problems.push({
        path: `pathways[${index}].id`,
        message: `"${p.id}" is already used by pathways[${first}]`,
      });
  });
  return problems;
}

function ruleSetProblems(pathways: Pathway[]): PathProblem[] {
  const problems: PathProblem[] = [];
  pathways.forEach((p, index) => {
    const versions = new Set<string>();
    for (const set of p.ruleSets) {
      const where = `pathways[${index}].ruleSets (version ${set.version})`;
      if (versions.has(set.version)) problems.push({ path: where, message: "version given twice" });
      versions.add(set.version);
      if (set.effectiveFrom && set.effectiveTo && set.effectiveTo < set.effectiveFrom) {
        problems.push({ path: where, message: "expected `effectiveTo` on or after `effectiveFrom`" });
      }
    }
  });
  return problems;
}

/** The rule set in effect on `onDate` (YYYY-MM-DD): the latest one started and not yet ended. */
export function ruleSetOn(pathway: Pathway, onDate: string): RuleSet | undefined {
  let found: RuleSet | undefined;
  for (const set of pathway.ruleSets) {
    if (set.effectiveFrom !== undefined && set.effectiveFrom > onDate) continue;
    if (set.effectiveTo !== undefined && set.effectiveTo < onDate) continue;
    found = set;
  }
  return found;
}

/**
 * True when `pathway` takes no applications on `onDate` (YYYY-MM-DD) and will not again by its catalogue:
 * past `closes`, in a suspended or closed period, between periods or after the last one ended, or with a
 * status other than open and no history. A pathway not open yet is not "closed".
 */
export function isClosedOn(pathway: Pathway, onDate: string): boolean {
  if (pathway.closes !== undefined && onDate > pathway.closes) return true;
  const history = pathway.statusHistory;
  if (history.length === 0) return pathway.status !== undefined && pathway.status !== "open";
  const first = history[0];
  if (first && onDate < first.from) return false;
  const current = history.find((p) => p.from <= onDate && (p.until === undefined || onDate <= p.until));
  return current?.status !== "open";
}
