import type { z } from "zod";
import { borderPolicyEvents } from "../border/index.ts";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { type FlowSource, type ParsedFlowFile, sourceJurisdiction } from "./engine/flows-types.ts";
import { forecastSeries } from "./engine/forecast.ts";
import { fillMonths, shapeSeries } from "./engine/series-shape.ts";
import { surgeAlerts } from "./engine/surge-alerts.ts";
import { prepareFlowFiles } from "./flow-file.pool.ts";
import { queryDimensions, queryRevisions, querySeries, type SeriesSpec } from "./flow-queries.store.ts";
import { findStoredResult, releasesState, storeResult } from "./flow-result-cache.store.ts";
import type {
  DimensionsResult,
  EventsResult,
  ForecastQuery,
  ForecastResult,
  PolicyEventView,
  ReleaseView,
  RevisionsResult,
  SeriesQuery,
  SeriesResult,
  SurgesQuery,
  SurgesResult,
} from "./flows.contract.ts";
import { listReleaseFiles, listReleases, markPublished, type ReleaseRecord } from "./flows.store.ts";
import { type ImportFile, type ImportOptions, importParsed, importPrepared } from "./flows-import.service.ts";

/** Policy events come from the border capability's packs: one place holds the dates. */
const policyEvents = (): PolicyEventView[] => borderPolicyEvents();

/** Turns `dimension=value` filters into the store's map; a malformed one is bad input. */
export function parseFilters(filter: string | string[] | undefined): Record<string, string[]> {
  const list = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
  const out: Record<string, string[]> = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    const name = item.slice(0, eq).trim();
    if (eq <= 0 || !/^[a-z][a-z0-9_]{0,62}$/.test(name))
      throw new AppError(
        "BAD_INPUT",
        `filter must be dimension=value with a snake_case dimension, got "${item}"`,
      );
    out[name] = [...(out[name] ?? []), item.slice(eq + 1)];
  }
  return out;
}

const periodDate = (p: string | undefined, end: boolean): string | undefined => {
  if (p === undefined) return undefined;
  if (p.length === 7) return `${p}-01`;
  return end ? `${p}-12-01` : `${p}-01-01`;
};

function toSpec(
  q: Omit<SeriesQuery, "grain" | "yearType"> & Partial<Pick<SeriesQuery, "grain" | "yearType">>,
): SeriesSpec {
  return {
    source: q.source,
    measure: q.measure,
    filters: parseFilters(q.filter),
    groupBy: q.groupBy,
    grain: q.grain ?? "month",
    yearType: q.yearType ?? "calendar",
    from: periodDate(q.from, false),
    to: periodDate(q.to, true),
    releaseId: q.release,
    nation: q.nation,
    limit: q.limit,
  };
}

/** The release as the API shows it. */
export function presentRelease(r: ReleaseRecord, files: ReleaseView["files"]): ReleaseView {
  const { tenantId, ...rest } = r;
  return { ...rest, source: r.source as ReleaseView["source"], nation: tenantId, files };
}

/** What the flows actions share, built once per service. */
function flowsDeps(platform: Pick<Platform, "database">) {
  const { database } = platform;
  const db = database.db;
  const stored = storedResults(db);
  return { platform, database, db, stored };
}

type FlowsDeps = ReturnType<typeof flowsDeps>;

async function releasesOfSource(deps: FlowsDeps, scope: Scope, source?: string): Promise<ReleaseView[]> {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const releases = await listReleases(tx, scope, source);
    const files = await listReleaseFiles(
      tx,
      scope,
      releases.map((r) => r.id),
    );
    return releases.map((r) =>
      presentRelease(
        r,
        files.filter((f) => f.releaseId === r.id).map(({ releaseId: _, ...f }) => f),
      ),
    );
  });
}

async function monthlyHistory(deps: FlowsDeps, scope: Scope, q: z.infer<typeof ForecastQuery>) {
  const { db } = deps;
  const cells = await inScope(db, scope, (tx) => querySeries(tx, scope, toSpec({ ...q, limit: 1 })));
  return fillMonths(cells);
}

/**
 * Parses then imports files: all or nothing, idempotent per file content. Parses in a worker thread
 * unless `options.thread` says otherwise.
 */
export async function importFiles(
  deps: FlowsDeps,
  scope: Scope,
  files: ImportFile[],
  options: ImportOptions = {},
) {
  const { database } = deps;
  return importPrepared(database, scope, await prepareFlowFiles(files, options, options.thread), options);
}

/** Imports files parsed already (the CLI parses first to group them by nation). */
export function importParsedFiles(
  deps: FlowsDeps,
  scope: Scope,
  parsed: ParsedFlowFile[],
  options: ImportOptions = {},
) {
  const { database } = deps;
  return importParsed(database, scope, parsed, options);
}

/** Publishes one of the scope's releases: every tenant may then read it. */
export function publishRelease(deps: FlowsDeps, scope: Scope, id: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    if (!(await markPublished(tx, scope, id))) throw new AppError("NOT_FOUND", "release not found");
    await recordAudit(tx, scope, { action: "flows.publish", targetType: "flow_release", targetId: id });
  });
}

/** One monthly or yearly series of the releases the scope may read, with its filters applied. */
export async function readSeries(deps: FlowsDeps, scope: Scope, q: SeriesQuery): Promise<SeriesResult> {
  const { db } = deps;
  const cells = await inScope(db, scope, (tx) => querySeries(tx, scope, toSpec(q)));
  return {
    source: q.source,
    measure: q.measure,
    grain: q.grain,
    yearType: q.yearType,
    series: shapeSeries(cells),
  };
}

/** The values each dimension of a source takes, for the explorer's filters. */
export async function seriesDimensions(
  deps: FlowsDeps,
  scope: Scope,
  source: DimensionsResult["source"],
  release?: string,
): Promise<DimensionsResult> {
  const { db } = deps;
  const rows = await inScope(db, scope, (tx) => queryDimensions(tx, scope, source, release));
  const byName = new Map<string, { value: string; rows: number }[]>();
  for (const r of rows)
    byName.set(r.dimension, [...(byName.get(r.dimension) ?? []), { value: r.value, rows: r.rows }]);
  return { source, dimensions: [...byName].map(([name, values]) => ({ name, values })) };
}

/** The monthly history and its forecast; stored once per query and state of the releases read. */
export function forecastOfSeries(
  deps: FlowsDeps,
  scope: Scope,
  q: z.infer<typeof ForecastQuery>,
): Promise<ForecastResult> {
  const { stored } = deps;
  return stored(scope, "forecast", q, async () => {
    const history = await monthlyHistory(deps, scope, q);
    if (history.length < 2)
      throw new AppError("BAD_INPUT", "the series has fewer than 2 months to forecast from");
    return { history, forecast: forecastSeries(history, q.horizon) };
  });
}

/** Surges of a series or its groups; stored once per query and state of the releases read. */
export function findSurges(
  deps: FlowsDeps,
  scope: Scope,
  q: z.infer<typeof SurgesQuery>,
): Promise<SurgesResult> {
  const { stored, db } = deps;
  return stored(scope, "surges", q, async () => {
    const cells = await inScope(db, scope, (tx) => querySeries(tx, scope, toSpec(q)));
    const filtered = parseFilters(q.filter).citizenship_iso;
    // Events of the nation whose border the figures describe: another nation's policy is not their context.
    const where = sourceJurisdiction[q.source as FlowSource];
    const jurisdiction = where === undefined ? (q.nation ?? scope.tenantId) : where;
    return surgeAlerts(
      shapeSeries(cells),
      q,
      policyEvents().filter((e) => jurisdiction === null || e.jurisdiction === jurisdiction),
      filtered?.length === 1 ? filtered[0] : undefined,
    );
  });
}

/** Dated policy events of the border policy packs, for everyone or one citizenship. */
export function listPolicyEvents(_deps: FlowsDeps, citizenship?: string): EventsResult {
  return {
    events: policyEvents().filter(
      (e) => !citizenship || e.citizenships.length === 0 || e.citizenships.includes(citizenship),
    ),
  };
}

/** The figures that changed between two releases of a source. */
export function releaseRevisions(
  deps: FlowsDeps,
  scope: Scope,
  source: string,
  from: string,
  to: string,
  limit: number,
) {
  const { db } = deps;
  return revisionsBetween(
    (...args: Parameters<typeof releasesOfSource> extends [unknown, ...infer A] ? A : never) =>
      releasesOfSource(deps, ...args),
    db,
    scope,
    source,
    from,
    to,
    limit,
  );
}

/** Flows on the platform: imports into releases, queries over the latest (or a chosen) release, revisions. */
export function createFlowsService(platform: Pick<Platform, "database">) {
  return bindActions(flowsDeps(platform), {
    importFiles,
    importParsed: importParsedFiles,
    publish: publishRelease,
    series: readSeries,
    dimensions: seriesDimensions,
    forecast: forecastOfSeries,
    surges: findSurges,
    events: listPolicyEvents,
    revisions: releaseRevisions,
    releases: releasesOfSource,
  });
}

/** Bump when the surge or forecast method changes: results stored by an older method are then not reused. */
const derivedVersion = 3;

/**
 * Derived results (surges, forecasts) cost far more in JS than their SQL: each is computed once per query and
 * state of the releases it reads (ids, revisions, publication), stored, and reused until a release changes.
 */
function storedResults(db: Platform["database"]["db"]) {
  return async <T>(
    scope: Scope,
    kind: string,
    q: { source: string; release?: string | undefined; nation?: string | undefined },
    compute: () => Promise<T>,
  ): Promise<T> => {
    const queryKey = JSON.stringify([derivedVersion, q], Object.keys(q).sort());
    const on = { source: q.source, release: q.release, nation: q.nation };
    const found = await inScope(db, scope, (tx) => findStoredResult(tx, scope, kind, queryKey, on));
    if (found.result !== undefined) return found.result as T;
    const result = await compute();
    await inScope(db, scope, async (tx) => {
      // Store only when no release changed while computing, so a result never outlives the state it came from.
      const now = await releasesState(tx, scope, on);
      if (now.key === found.state.key) await storeResult(tx, scope, { kind, queryKey, state: now, result });
    });
    return result;
  };
}

async function revisionsBetween(
  releasesOf: (scope: Scope, source?: string) => Promise<ReleaseView[]>,
  db: Platform["database"]["db"],
  scope: Scope,
  source: string,
  from: string,
  to: string,
  limit: number,
): Promise<RevisionsResult> {
  const releases = await releasesOf(scope, source);
  const pick = (ref: string): ReleaseView => {
    const found =
      releases.find((r) => r.id === ref) ??
      releases.find((r) => r.label === ref && r.nation === scope.tenantId) ??
      releases.find((r) => r.label === ref);
    if (!found) throw new AppError("NOT_FOUND", `no release "${ref}" of ${source} you may read`);
    return found;
  };
  const [a, b] = [pick(from), pick(to)];
  const { cells, total } = await inScope(db, scope, (tx) => queryRevisions(tx, scope, a.id, b.id, limit));
  const label = (d: string) => (b.grain === "year" ? d.slice(0, 4) : d.slice(0, 7));
  const changes = cells.map((c) => ({ ...c, period: label(c.period), change: c.to - c.from }));
  return { from: a, to: b, total, changes };
}
