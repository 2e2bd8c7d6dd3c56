import { recordAudit } from "../audit/audit.ts";
import { REGIONAL_TENANT, type Scope, systemScope } from "../auth/scope.ts";
import { listNationIds, tenantKind } from "../auth/tenants.store.ts";
import { bindActions } from "../bind-actions.ts";
import type { Database } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import type { Progress } from "../progress.ts";
import type { RetentionPeriodView, RetentionSettings } from "./retention.contract.ts";
import { deletePeriod, listPeriods, periodForUpdate, upsertPeriod } from "./retention.store.ts";

const DAY_MS = 86_400_000;

/**
 * What a capability gives the platform for one kind of record it owns: which of a nation's records have
 * expired for a cutoff, and how to erase one. The capability decides what "expired" means (`rule` says it in a
 * sentence) and erases through its own erasure path, each record in its own transaction with its own audit
 * event. The composition root hands the sweepers to `createRetentionService`; the platform imports none.
 */
export interface RetentionSweeper {
  kind: string;
  rule: string;
  /** How many records of the scope's nation have expired for records untouched since `cutoff`. */
  countExpired(scope: Scope, cutoff: Date): Promise<number>;
  /** Up to `limit` ids of expired records after `after` (in id order), so a sweep moves past any it could not erase. */
  findExpired(scope: Scope, cutoff: Date, after: string | null, limit: number): Promise<string[]>;
  /** Erases one record; the reason is kept with the erasure. */
  erase(scope: Scope, id: string, reason: string): Promise<void>;
}

/** One kind in one nation's sweep: its period, how many had expired, how many were erased or failed. */
export interface KindSweep {
  kind: string;
  days: number;
  expired: number;
  erased: number;
  failed: number;
}

/** One nation's sweep. `error` is set when the nation could not be swept (others still are). */
export interface NationSweep {
  nation: string;
  kinds: KindSweep[];
  dryRun: boolean;
  interrupted: boolean;
  error: string | null;
}

export interface SweepOptions {
  /** One nation only; otherwise every nation. */
  nation?: string | undefined;
  /** Count what has expired, erase nothing, record nothing. */
  dryRun?: boolean | undefined;
  /** Records looked up at a time (default 100). */
  batchSize?: number | undefined;
  /** The moment periods are counted back from (default: now). */
  now?: Date | undefined;
  /** Stops the sweep between two erasures; what was erased stays erased and is counted. */
  signal?: AbortSignal | undefined;
  /** A progress display per nation and kind (the CLI's); none by default. */
  progress?: ((label: string, total: number) => Progress) | undefined;
  /** Called as each nation's sweep ends. */
  onNation?: ((sweep: NationSweep) => void) | undefined;
}

/** The actor every sweep acts as, in each nation: `system:retention run`. */
export const RETENTION_ACTOR = "retention run";

/** What the retention actions share, built once per service. */
function retentionDeps(database: Database, sweepers: readonly RetentionSweeper[]) {
  const { db } = database;
  const byKind = new Map(sweepers.map((s) => [s.kind, s]));
  if (byKind.size !== sweepers.length) throw new AppError("INTERNAL", "two retention sweepers share a kind");
  return { database, sweepers, db, byKind };
}

type RetentionDeps = ReturnType<typeof retentionDeps>;

function sweeperOf(deps: RetentionDeps, kind: string): RetentionSweeper {
  const { byKind } = deps;
  const sweeper = byKind.get(kind);
  if (!sweeper)
    throw new AppError(
      "NOT_FOUND",
      `no record kind "${kind}" has a retention rule; known kinds: ${[...byKind.keys()].join(", ")}`,
      { issues: [{ field: "params.kind", path: "kind", message: "is not a known record kind" }] },
    );
  return sweeper;
}

async function retentionSettings(deps: RetentionDeps, scope: Scope): Promise<RetentionSettings> {
  const { db, sweepers } = deps;
  const rows = await inScope(db, scope, (tx) => listPeriods(tx, scope));
  const set = new Map(rows.map((r) => [r.record_kind, r]));
  const periods: RetentionPeriodView[] = sweepers.map((s) => {
    const row = set.get(s.kind);
    return {
      kind: s.kind,
      rule: s.rule,
      days: row?.days ?? null,
      setBy: row?.set_by ?? null,
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    };
  });
  return { periods };
}

/** Sweeps one nation into `outcome`, so what was done before a failure is still counted. */
async function sweepNation(deps: RetentionDeps, outcome: NationSweep, options: SweepOptions): Promise<void> {
  const { db, byKind } = deps;
  const scope = systemScope(outcome.nation, RETENTION_ACTOR);
  const batch = options.batchSize ?? 100;
  const now = options.now ?? new Date();
  const periods = await inScope(db, scope, (tx) => listPeriods(tx, scope));
  for (const period of periods) {
    const sweeper = byKind.get(period.record_kind);
    if (!sweeper) continue;
    if (options.signal?.aborted) {
      outcome.interrupted = true;
      break;
    }
    const cutoff = new Date(now.getTime() - period.days * DAY_MS);
    const kind: KindSweep = { kind: sweeper.kind, days: period.days, expired: 0, erased: 0, failed: 0 };
    outcome.kinds.push(kind);
    kind.expired = await sweeper.countExpired(scope, cutoff);
    if (outcome.dryRun || kind.expired === 0) continue;
    const progress = options.progress?.(`${outcome.nation} ${sweeper.kind}`, kind.expired);
    const reason = `retention period of ${period.days} days`;
    let after: string | null = null;
    try {
      for (;;) {
        const ids = await sweeper.findExpired(scope, cutoff, after, batch);
        if (ids.length === 0) break;
        for (const id of ids) {
          if (options.signal?.aborted) break;
          try {
            await sweeper.erase(scope, id, reason);
            kind.erased++;
          } catch (error) {
            kind.failed++;
            outcome.error ??= `${sweeper.kind}: ${error instanceof Error ? error.message : String(error)}`;
          }
          progress?.tick();
        }
        if (options.signal?.aborted) {
          outcome.interrupted = true;
          break;
        }
        after = ids[ids.length - 1] ?? null;
      }
    } finally {
      progress?.done();
    }
    if (outcome.interrupted) break;
  }
}

/** Records a nation's run, with its counts and no ids, on the nation's own audit log. */
async function recordRun(deps: RetentionDeps, outcome: NationSweep) {
  const { db } = deps;
  const scope = systemScope(outcome.nation, RETENTION_ACTOR);
  const kinds = Object.fromEntries(
    outcome.kinds.map((k) => [
      k.kind,
      { days: k.days, expired: k.expired, erased: k.erased, failed: k.failed },
    ]),
  );
  await inScope(db, scope, (tx) =>
    recordAudit(tx, scope, {
      action: "retention.run",
      targetType: "nation",
      targetId: outcome.nation,
      details: { kinds, interrupted: outcome.interrupted, failed: outcome.error !== null },
    }),
  );
}

async function nationsToSweep(deps: RetentionDeps, nation: string | undefined): Promise<string[]> {
  const { db } = deps;
  if (nation === undefined) return listNationIds(db);
  const code = nation.trim().toUpperCase();
  const kind = await db.transaction().execute((tx) => tenantKind(tx, code));
  if (kind === undefined)
    throw new AppError("BAD_INPUT", `--nation: ${code} is not a tenant`, { field: "--nation" });
  if (kind !== "nation" || code === REGIONAL_TENANT)
    throw new AppError("BAD_INPUT", `--nation: ${code} is the secretariat, which keeps no personal records`, {
      field: "--nation",
    });
  return [code];
}

/** Sets (or, with null, removes) the caller's nation's period for one kind; audited with before and after. */
export async function setRetentionPeriod(
  deps: RetentionDeps,
  scope: Scope,
  kind: string,
  days: number | null,
): Promise<RetentionPeriodView> {
  const { db } = deps;
  sweeperOf(deps, kind);
  await inScope(db, scope, async (tx) => {
    const before = await periodForUpdate(tx, scope, kind);
    if (days === null) await deletePeriod(tx, scope, kind);
    else await upsertPeriod(tx, scope, kind, days);
    await recordAudit(tx, scope, {
      action: "retention.set",
      targetType: "retention_period",
      targetId: kind,
      details: { from: before?.days ?? null, to: days },
    });
  });
  const view = (await retentionSettings(deps, scope)).periods.find((p) => p.kind === kind);
  if (!view) throw new AppError("INTERNAL", `retention period ${kind} vanished`);
  return view;
}

/**
 * For each nation (or one), each kind with a period: erases the records that have expired, in batches, each
 * record in its own transaction, and records one `retention.run` event per nation with the counts. A nation
 * that fails is reported and the others are still swept. A dry run only counts.
 */
export async function sweepRetention(
  deps: RetentionDeps,
  options: SweepOptions = {},
): Promise<NationSweep[]> {
  const nations = await nationsToSweep(deps, options.nation);
  const outcomes: NationSweep[] = [];
  for (const nation of nations) {
    if (options.signal?.aborted) break;
    const outcome: NationSweep = {
      nation,
      kinds: [],
      dryRun: options.dryRun ?? false,
      interrupted: false,
      error: null,
    };
    try {
      await sweepNation(deps, outcome, options);
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
    }
    if (!outcome.dryRun && outcome.kinds.length > 0) {
      try {
        await recordRun(deps, outcome);
      } catch (error) {
        outcome.error ??= `audit: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    outcomes.push(outcome);
    options.onNation?.(outcome);
  }
  return outcomes;
}

/** Retention periods per nation and record kind, and the sweep that erases what has outlived them. */
export function createRetentionService(database: Database, sweepers: readonly RetentionSweeper[]) {
  return bindActions(retentionDeps(database, sweepers), {
    settings: retentionSettings,
    setPeriod: setRetentionPeriod,
    sweep: sweepRetention,
  });
}

export type RetentionService = ReturnType<typeof createRetentionService>;
