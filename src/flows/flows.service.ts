import type { z } from "zod";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { Platform } from "../platform/platform.ts";
import { queryDimensions, queryRevisions, querySeries, type SeriesSpec } from "./flow-queries.store.ts";
import { findStoredResult, releasesState, storeResult } from "./flow-result-cache.store.ts";
import type {
  DimensionsResult,
  ForecastQuery,
  ForecastResult,
  ReleaseView,
  RevisionsResult,
  SeriesQuery,
  SeriesResult,
  SurgesQuery,
  SurgesResult,
} from "./flows.contract.ts";
import { listReleaseFiles, listReleases, markPublished, type ReleaseRecord } from "./flows.store.ts";
import { type ImportFile, type ImportOptions, importParsed, parseAll } from "./flows-import.service.ts";
import type { ParsedFlowFile } from "./flows-types.ts";
import { forecastSeries } from "./forecast.ts";
import { fillMonths, shapeSeries } from "./series-shape.ts";
import { findForecastOutliers, findYearOverYearSurges } from "./surge.ts";

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

/** Flows on the platform: imports into releases, queries over the latest (or a chosen) release, revisions. */
export function createFlowsService(platform: Pick<Platform, "database">) {
  const { database } = platform;
  const db = database.db;
  const releasesOf = async (scope: Scope, source?: string): Promise<ReleaseView[]> =>
    inScope(db, scope, async (tx) => {
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
  const monthly = async (scope: Scope, q: z.infer<typeof ForecastQuery>) => {
    const cells = await inScope(db, scope, (tx) => querySeries(tx, scope, toSpec({ ...q, limit: 1 })));
    return fillMonths(cells);
  };
  const stored = storedResults(db);
  return {
    /** Parses then imports files: all or nothing, idempotent per file content. */
    importFiles: (scope: Scope, files: ImportFile[], options: ImportOptions = {}) =>
      importParsed(database, scope, parseAll(files, options), options),
    /** Imports files parsed already (the CLI parses first to group them by nation). */
    importParsed: (scope: Scope, parsed: ParsedFlowFile[], options: ImportOptions = {}) =>
      importParsed(database, scope, parsed, options),
    releases: releasesOf,
    /** Publishes one of the scope's releases: every tenant may then read it. */
    publish: (scope: Scope, id: string) =>
      inScope(db, scope, async (tx) => {
        if (!(await markPublished(tx, scope, id))) throw new AppError("NOT_FOUND", "release not found");
        await recordAudit(tx, scope, { action: "flows.publish", targetType: "flow_release", targetId: id });
      }),
    series: async (scope: Scope, q: SeriesQuery): Promise<SeriesResult> => {
      const cells = await inScope(db, scope, (tx) => querySeries(tx, scope, toSpec(q)));
      return {
        source: q.source,
        measure: q.measure,
        grain: q.grain,
        yearType: q.yearType,
        series: shapeSeries(cells),
      };
    },
    dimensions: async (
      scope: Scope,
      source: DimensionsResult["source"],
      release?: string,
    ): Promise<DimensionsResult> => {
      const rows = await inScope(db, scope, (tx) => queryDimensions(tx, scope, source, release));
      const byName = new Map<string, { value: string; rows: number }[]>();
      for (const r of rows)
        byName.set(r.dimension, [...(byName.get(r.dimension) ?? []), { value: r.value, rows: r.rows }]);
      return { source, dimensions: [...byName].map(([name, values]) => ({ name, values })) };
    },
    /** The monthly history and its forecast; stored once per query and state of the releases read. */
    forecast: (scope: Scope, q: z.infer<typeof ForecastQuery>): Promise<ForecastResult> =>
      stored(scope, "forecast", q, async () => {
        const history = await monthly(scope, q);
        if (history.length < 2)
          throw new AppError("BAD_INPUT", "the series has fewer than 2 months to forecast from");
        return { history, forecast: forecastSeries(history, q.horizon) };
      }),
    /** Surges of a series or its groups; stored once per query and state of the releases read. */
    surges: (scope: Scope, q: z.infer<typeof SurgesQuery>): Promise<SurgesResult> =>
      stored(scope, "surges", q, async () => {
        const cells = await inScope(db, scope, (tx) => querySeries(tx, scope, toSpec(q)));
        return findSurges(shapeSeries(cells), q);
      }),
    revisions: (scope: Scope, source: string, from: string, to: string, limit: number) =>
      revisionsBetween(releasesOf, db, scope, source, from, to, limit),
  };
}

/** Bump when the surge or forecast method changes: results stored by an older method are then not reused. */
const derivedVersion = 1;

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

function findSurges(series: ReturnType<typeof shapeSeries>, q: z.infer<typeof SurgesQuery>): SurgesResult {
  const latest =
    series
      .flatMap((s) => s.points.map((p) => p.period))
      .sort()
      .at(-1) ?? null;
  if (latest === null) return { latestMonth: null, surges: [] };
  const since = fillMonths([{ period: latest, value: 0 }]).length ? shiftMonth(latest, 1 - q.recent) : latest;
  const surges = series.flatMap((s) => {
    const points = fillMonths(s.points);
    const yoy = findYearOverYearSurges(points, { ratio: q.ratio, minDelta: q.minDelta }).map((x) => ({
      key: s.key,
      kind: "year_over_year" as const,
      month: x.month,
      value: x.value,
      yearBefore: x.yearBefore,
      ratio: Number.isFinite(x.ratio) ? x.ratio : null,
      expected: null,
      lo95: null,
      hi95: null,
    }));
    const outliers = findForecastOutliers(points)
      .filter((o) => o.direction === "above" && o.value - o.hi95 >= q.minDelta / 10)
      .map((o) => ({
        key: s.key,
        kind: "forecast_outlier" as const,
        month: o.month,
        value: o.value,
        yearBefore: null,
        ratio: null,
        expected: o.expected,
        lo95: o.lo95,
        hi95: o.hi95,
      }));
    return [...yoy, ...outliers].filter((x) => x.month >= since);
  });
  surges.sort((a, b) => (a.month === b.month ? b.value - a.value : a.month < b.month ? 1 : -1));
  return { latestMonth: latest, surges };
}

function shiftMonth(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
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
