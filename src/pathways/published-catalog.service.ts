import type { Db, Tx } from "../platform/db/connect.ts";
import type { PathProblem } from "../shared/input-problem.ts";
import { type Catalog, type Pathway, parseCatalog } from "./engine/catalog.ts";
import type { CompiledCatalog } from "./engine/screening.ts";
import { compileCatalog, screenCatalog } from "./engine/screening.ts";
import { type QuestionOwner, sharedQuestionProblems } from "./engine/shared-questions.ts";
import { publishedVersions } from "./pathways.store.ts";

// The catalogue the public portal screens against is read across nations. What one nation published must never
// take it down for the others: each pathway is parsed, checked against those already accepted and tried on its
// own; one that fails is left out with a logged error. The catalogue service's dependencies live here with
// the published catalogue they cache.

const REFRESH_MS = 5_000;

/** The catalogue the portal screens against: every published pathway's version in force, compiled once. */
export interface PublishedCatalog {
  catalog: Catalog;
  compiled: CompiledCatalog;
  /** Composite id "<nation>:<id>" → where the pathway lives and which version is in force. */
  keys: Map<string, { nation: string; id: string; version: number }>;
}

/** One stored version of a published pathway. */
export interface VersionRow {
  tenant_id: string;
  pathway_id: string;
  version: number;
  effective_from: string;
  definition: unknown;
}

/** Where the portal reports a pathway it left out. */
export type PortalLog = (event: {
  message: string;
  pathway: string;
  version: number;
  problems: string[];
}) => void;

/** Logs as the HTTP error handler does: one JSON line on stderr. */
export const stderrLog: PortalLog = (event) => console.error(JSON.stringify({ level: "error", ...event }));

/** Parses a stored definition as the pathway `<nation>:<id>`, or the problems that keep it from parsing. */
export function parseStored(
  row: VersionRow,
  key = `${row.tenant_id}:${row.pathway_id}`,
): { ok: true; pathway: Pathway } | { ok: false; problems: PathProblem[] } {
  let definition: unknown;
  try {
    definition = typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition;
  } catch {
    return { ok: false, problems: [{ path: "(root)", message: "the stored definition is not JSON" }] };
  }
  if (typeof definition !== "object" || definition === null || Array.isArray(definition)) {
    return { ok: false, problems: [{ path: "(root)", message: "the stored definition is not an object" }] };
  }
  const parsed = parseCatalog({ pathways: [{ ...definition, id: key, nation: row.tenant_id }] });
  if (!parsed.ok) return parsed;
  const pathway = parsed.catalog.pathways[0];
  return pathway ? { ok: true, pathway } : { ok: false, problems: [{ path: "(root)", message: "empty" }] };
}

function byPathway<T extends VersionRow>(rows: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const key = `${row.tenant_id}:${row.pathway_id}`;
    grouped.set(key, [...(grouped.get(key) ?? []), row]);
  }
  return grouped;
}

/** The version in force on `today` (versions in version order): the latest one already effective. */
export function versionInForce<T extends { effective_from: string }>(versions: T[], today: string) {
  let found: T | undefined;
  for (const v of versions) if (String(v.effective_from) <= today) found = v;
  return found;
}

/** The versions that are or will be in force: the one in force today and every later one. */
export function liveVersions<T extends { effective_from: string }>(versions: T[], today: string): T[] {
  const current = versionInForce(versions, today);
  return versions.filter((v) => v === current || String(v.effective_from) > today);
}

const rulesOf = (pathway: Pathway) => pathway.ruleSets.map((s) => s.rules);

/** The rules of every other published pathway that are or will be in force (read in the caller's transaction). */
export async function otherOwners(tx: Tx, today: string, exceptKey: string): Promise<QuestionOwner[]> {
  const owners: QuestionOwner[] = [];
  for (const [key, versions] of byPathway(await publishedVersions(tx))) {
    if (key === exceptKey) continue;
    const rules = liveVersions(versions, today).flatMap((v) => {
      const parsed = parseStored(v, key);
      return parsed.ok ? rulesOf(parsed.pathway) : [];
    });
    owners.push({ key, rules });
  }
  return owners;
}

/** Problems that keep `pathway` from sharing the portal with `others`, or from being screened at all. */
function admissionProblems(key: string, pathway: Pathway, others: QuestionOwner[], today: string): string[] {
  const shared = sharedQuestionProblems({ key, rules: rulesOf(pathway) }, others);
  if (shared.length > 0) return shared.map((p) => `${p.path}: ${p.message}`);
  try {
    const compiled = compileCatalog({ pathways: [pathway] });
    screenCatalog(compiled, new Map(), { on: today, lang: "en" });
    return [];
  } catch (error) {
    return [`it cannot be screened: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/**
 * Loads and compiles the published catalogue across nations (public data only). Pathways are taken in the order
 * they were published; one that does not parse, clashes with those already taken, or cannot be screened is left
 * out and logged once per version and process.
 */
export async function loadPublished(
  db: Db,
  today: string,
  log: PortalLog,
  logged: Set<string>,
): Promise<PublishedCatalog> {
  const rows = await db.transaction().execute((tx) => publishedVersions(tx));
  const accepted: Pathway[] = [];
  const owners: QuestionOwner[] = [];
  const keys = new Map<string, { nation: string; id: string; version: number }>();
  for (const [key, versions] of byPathway(rows)) {
    const chosen = versionInForce(versions, today);
    if (!chosen) continue;
    const parsed = parseStored(chosen, key);
    const problems = parsed.ok
      ? admissionProblems(key, parsed.pathway, owners, today)
      : parsed.problems.map((p) => `${p.path}: ${p.message}`);
    if (!parsed.ok || problems.length > 0) {
      const seen = `${key}@${chosen.version}`;
      if (!logged.has(seen)) {
        logged.add(seen);
        log({
          message: `published pathway ${key} left out of the portal`,
          pathway: key,
          version: chosen.version,
          problems,
        });
      }
      continue;
    }
    accepted.push(parsed.pathway);
    owners.push({ key, rules: rulesOf(parsed.pathway) });
    keys.set(key, { nation: chosen.tenant_id, id: chosen.pathway_id, version: chosen.version });
  }
  const catalog: Catalog = { pathways: accepted };
  return { catalog, compiled: compileCatalog(catalog), keys };
}

/** What the catalog actions share, built once per service. */
export function catalogDeps(
  db: Db,
  clock: () => Date,
  options: { log?: PortalLog; maxPublishedPerNation?: number } = {},
) {
  const log = options.log ?? stderrLog;
  const maxPublished = options.maxPublishedPerNation ?? 100;
  const memo: { cache?: { at: number; day: string; value: PublishedCatalog } } = {};
  const logged = new Set<string>();
  return { db, clock, log, maxPublished, memo, logged };
}

/** What the catalog actions share. */
export type CatalogDeps = ReturnType<typeof catalogDeps>;

/** Today in the catalogue's clock (YYYY-MM-DD): the day pathways are screened and checked on. */
export function catalogToday(deps: CatalogDeps) {
  const { clock } = deps;
  return clock().toISOString().slice(0, 10);
}

/** The published catalogue, loaded again at most every few seconds and when the day turns. */
export async function publishedCatalog(deps: CatalogDeps): Promise<PublishedCatalog> {
  const { clock, memo, db, log, logged } = deps;
  const now = clock().getTime();
  const day = catalogToday(deps);
  if (memo.cache && memo.cache.day === day && now - memo.cache.at < REFRESH_MS) return memo.cache.value;
  const value = await loadPublished(db, day, log, logged);
  memo.cache = { at: now, day, value };
  return value;
}
